package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ChildReaper;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.ExitStatus;
import dev.jrunc.it.harness.Namespace;
import dev.jrunc.it.harness.ProcFs;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.RuntimeUnderTest;
import dev.jrunc.it.harness.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** exec with a process file, as both engines call it (engine-contract.md, "exec"). */
class ExecTest extends ContainerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void foregroundExecReturnsTheProcessExitCode() throws IOException {
        String id = runningContainer();

        RuntimeResult exec = runtime.invoke("exec", "--process", processFile("sh", "-c", "echo in; exit 3").toString(),
                id);

        assertEquals(3, exec.exitCode(), exec::describe);
        assertEquals("in", exec.stdout().strip());
    }

    @Test
    void detachedExecWritesABarePidFileAndJoinsTheContainer() throws IOException {
        String id = runningContainer();
        long init = runtime.stateOf(id).pid();
        Path pidFile = workspace.path("exec.pid");

        RuntimeResult exec = runtime.invoke("exec", "--process", processFile("sleep", "600").toString(), "--detach",
                "--pid-file", pidFile.toString(), id);

        assertEquals(0, exec.exitCode(), exec::describe);
        String pidText = RuntimeUnderTest.readPidFile(pidFile);
        assertTrue(pidText.matches("[0-9]+"), () -> "pid file must hold only digits: '" + pidText + "'");
        long pid = Long.parseLong(pidText);
        ChildReaper.instance().watch(pid);
        for (Namespace namespace : new Namespace[] {Namespace.PID, Namespace.NETWORK, Namespace.MOUNT}) {
            assertEquals(namespace.identityOf(init), namespace.identityOf(pid), namespace.name());
        }
        assertEquals(ProcessHandle.current().pid(), ProcFs.parentOf(pid),
                "the exec'd process must be reparented to the calling subreaper");
    }

    @Test
    void execOfAMissingBinaryFailsWithAMessageEnginesRecognise() throws IOException {
        String id = runningContainer();

        RuntimeResult exec = runtime.invoke("exec", "--process", processFile("/no/such/binary").toString(),
                "--detach", "--pid-file", workspace.path("exec.pid").toString(), id);

        assertEquals(255, exec.exitCode(), exec::describe);
        // podman maps these phrases to "command not found" (rc 127).
        assertTrue(exec.mentions("no such file or directory") || exec.mentions("executable file not found in"),
                exec::describe);
    }

    @Test
    void execIntoAStoppedContainerFails() throws IOException {
        String id = runtime.newContainerId();
        long pid = runtime.createSuccessfully(id, newBundle().args("true"), workspace.path("init.pid"));
        assertEquals(0, runtime.start(id).exitCode());
        Optional<ExitStatus> exited = ChildReaper.instance().awaitExit(pid, EXIT_TIMEOUT);
        runtime.awaitStatus(id, "stopped", EXIT_TIMEOUT);

        RuntimeResult exec = runtime.invoke("exec", "--process", processFile("true").toString(), "--detach",
                "--pid-file", workspace.path("exec.pid").toString(), id);

        assertNotEquals(0, exec.exitCode(), () -> exec.describe() + "\ninit: " + exited);
    }

    private String runningContainer() {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        return id;
    }

    // An OCI process object like containerd's: the bundle's process with other args, mode 0600.
    private Path processFile(String... args) throws IOException {
        TestBundle template = newBundle();
        ObjectNode process = ((ObjectNode) template.config().get("process")).deepCopy();
        ArrayNode argArray = process.putArray("args");
        for (String arg : args) {
            argArray.add(arg);
        }
        Path file = Files.createTempFile(workspace.directory(), "process-", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(file.toFile(), process);
        return file;
    }
}
