package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.CommandInput;
import dev.jrunc.it.harness.CommandResult;
import dev.jrunc.it.harness.CommandRunner;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.PseudoTerminal;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * process.terminal with --console-socket, the way containerd and podman use it: the runtime sends
 * the pty master over the socket and the container's stdio is the slave.
 */
class TerminalTest extends ContainerTestSupport {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void createSendsThePtyMasterAndTheContainerRunsOnTheSlave() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 to play the engine's console-socket side");
        TestBundle bundle = newBundle().shell("tty; stty size; readlink -f /dev/console; echo DONE; sleep 1");
        ObjectNode process = (ObjectNode) bundle.config().get("process");
        process.put("terminal", true);
        process.putObject("consoleSize").put("height", 33).put("width", 111);
        String id = runtime.newContainerId();
        Path socket = workspace.path("console.sock");
        try (Receiver receiver = Receiver.listen(socket)) {
            Path dir = bundle.write();
            RuntimeResult create = runtime.invokeIn(dir, "create", "--bundle", dir.toString(), "--console-socket",
                    socket.toString(), "--pid-file", workspace.path("init.pid").toString(), id);
            assertEquals(0, create.exitCode(), create::describe);
            assertEquals(0, runtime.start(id).exitCode());

            String seen = receiver.output();

            assertTrue(seen.startsWith("payload b'/dev/ptmx' fds 1\n"), seen);
            assertTrue(seen.contains("/dev/pts/0\r\n33 111\r\n"), seen);
        }
    }

    @Test
    void execWithTtyUsesANewPtyOfTheContainer() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 to play the engine's console-socket side");
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));
        assertEquals(0, runtime.start(id).exitCode());
        Path socket = workspace.path("exec-console.sock");
        try (Receiver receiver = Receiver.listen(socket)) {
            RuntimeResult exec = runtime.invoke("exec", "--tty", "--console-socket", socket.toString(), "--detach",
                    id, "sh", "-c", "tty; echo DONE");
            assertEquals(0, exec.exitCode(), exec::describe);

            String seen = receiver.output();

            assertTrue(seen.contains("/dev/pts/0\r\nDONE"), seen);
        }
    }

    /**
     * runc's `run` in the foreground without a console socket: the container's pty is proxied to
     * the caller's own terminal (here script(1)'s), which lends it its size, passes stdin through
     * and gets its settings back; the exit status is the container's.
     */
    @Test
    void runWithoutAConsoleSocketAttachesTheCallersTerminal() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) (util-linux) to be the caller's terminal");
        TestBundle bundle = newBundle().shell("tty; stty size; read line; echo got:$line; exit 3");
        ((ObjectNode) bundle.config().get("process")).put("terminal", true);
        String id = runtime.newContainerId();
        Path dir = bundle.write();
        List<String> run = runtime.commandLine("run", "--bundle", dir.toString(), id);

        CommandResult result = new CommandRunner(workspace.newDirectory("tty")).run(
                PseudoTerminal.commandLine("stty rows 27 cols 91", run), dir, Duration.ofSeconds(60), Map.of(),
                new CommandInput.Bytes("hello\n".getBytes(StandardCharsets.UTF_8)));

        String out = PseudoTerminal.text(result);
        assertEquals(3, result.exitCode(), out);
        assertTrue(out.contains("/dev/pts/0\n27 91\n"), out);
        assertTrue(out.contains("got:hello"), out);
        assertEquals("", runtime.invoke("list", "--quiet").stdout().strip(), "the container is deleted");
    }

    @Test
    void aTerminalWithoutAConsoleSocketIsRefused() {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));

        RuntimeResult exec = runtime.invoke("exec", "--tty", id, "true");

        assertEquals(255, exec.exitCode(), exec::describe);
        assertTrue(exec.command().stderrLines().getFirst().contains("--console-socket"), exec::describe);
    }

    /** The engine's side of the console socket, in a python3 process. */
    private record Receiver(Process process, Path script) implements AutoCloseable {
        static Receiver listen(Path socket) throws IOException, InterruptedException {
            Path script = Files.createTempFile("jrunc-it-console", ".py");
            try (InputStream in = TerminalTest.class.getResourceAsStream("/console-socket-receiver.py")) {
                Files.write(script, in.readAllBytes());
            }
            Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), socket.toString())
                    .redirectErrorStream(true).start();
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(20);
            }
            return new Receiver(p, script);
        }

        String output() throws Exception {
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the console receiver did not finish");
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            Files.deleteIfExists(script);
        }
    }
}
