package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.Namespace;
import dev.jrunc.it.harness.RuntimeResult;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CVE-2019-5736 class: a container process must never reach a writable handle to a binary of
 * the runtime through /proc/PID/exe. What the runtime runs inside a container's namespaces (the
 * init waiting for start, the exec helper) must run from a sealed in-memory copy, so that its exe
 * is no host file and cannot be opened for writing, and must be non-dumpable while runtime code
 * runs in it, so that the container's processes cannot even open its /proc entries.
 */
class HostBinaryProtectionTest extends ContainerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAPPED_ROOT = 100000;
    private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);
    /** What a container process tries against PID 1; the last line is a control that must work. */
    private static final String PROBE_INIT = """
            readlink /proc/1/exe >/dev/null 2>&1 && echo init-exe-readable
            cat /proc/1/exe >/dev/null 2>&1 && echo init-exe-opened
            (echo x >> /proc/1/exe) 2>/dev/null && echo init-exe-written
            readlink /proc/1/fd/0 >/dev/null 2>&1 && echo init-fd-readable
            head -c 1 /proc/1/environ >/dev/null 2>&1 && echo init-environ-readable
            readlink /proc/self/exe""";

    @Test
    void theWaitingInitRunsFromASealedInMemoryCopy() {
        String id = runtime.newContainerId();
        long init = runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));

        assertRunsFromSealedMemfd(init);
    }

    @Test
    void containerProcessesCannotOpenTheWaitingInit() throws IOException {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));

        // Created: PID 1 is the runtime's init, blocked before exec, non-dumpable.
        RuntimeResult probe = exec(id, PROBE_INIT);

        assertEquals(0, probe.exitCode(), probe::describe);
        assertFalse(probe.stdout().contains("init-"), probe::describe);
        assertFalse(probe.stdout().strip().isEmpty(), "the control (readlink /proc/self/exe) printed nothing");

        // Control: once started, PID 1 is the workload, an ordinary dumpable process.
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        RuntimeResult afterStart = exec(id, PROBE_INIT);
        assertTrue(afterStart.stdout().contains("init-exe-readable"), afterStart::describe);
    }

    @Test
    void inAUserNamespaceTheInitStaysNonDumpableAfterBecomingItsRoot() throws IOException {
        // Changing ids (setresuid(0) in the new namespace) resets dumpability to fs.suid_dumpable;
        // the owner of a private /proc/PID entry shows it: root for a non-dumpable process, else
        // its effective uid (the /proc/PID directory itself always shows the latter).
        String id = runtime.newContainerId();
        long init = runtime.createSuccessfully(id, newBundle().args("sleep", "600").namespace(Namespace.USER)
                .userNamespaceMapping(MAPPED_ROOT, 65536), workspace.path("init.pid"));

        assertRunsFromSealedMemfd(init);
        assertEquals(0, ownerOf(init), "/proc/" + init + "/environ of the waiting init is owned by its uid: it is dumpable");

        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        assertEquals((int) MAPPED_ROOT, ownerOf(init), "control: the started workload is dumpable");
    }

    @Test
    void theExecHelperRunsFromASealedInMemoryCopy() throws Exception {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));
        assertEquals(0, runtime.start(id).exitCode());
        Path socketPath = workspace.path("full.sock");

        // A console socket whose backlog is full holds `exec --tty` in connect(2) right after it
        // spawned its helper: the helper can then be looked at before it joins the container.
        try (ServerSocketChannel console = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            console.bind(UnixDomainSocketAddress.of(socketPath), 1);
            List<SocketChannel> fillers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                fillers.add(SocketChannel.open(UnixDomainSocketAddress.of(socketPath)));
            }
            Process exec = new ProcessBuilder(runtime.commandLine("exec", "--tty", "--console-socket",
                    socketPath.toString(), "--detach", id, "sleep", "600"))
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(workspace.path("exec.out").toFile())
                    .redirectError(workspace.path("exec.err").toFile())
                    .start();
            try {
                ProcessHandle helper = awaitHelper(exec);
                assertRunsFromSealedMemfd(helper.pid());
            } finally {
                console.configureBlocking(false);
                for (SocketChannel accepted = console.accept(); accepted != null; accepted = console.accept()) {
                    accepted.close();
                }
                for (SocketChannel filler : fillers) {
                    filler.close();
                }
                if (!exec.waitFor(60, TimeUnit.SECONDS)) {
                    exec.descendants().forEach(ProcessHandle::destroyForcibly);
                    exec.destroyForcibly();
                }
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * The process's executable is an in-memory file (no path on the host) that nobody, not even
     * root on the host, can open for writing.
     */
    private static void assertRunsFromSealedMemfd(long pid) {
        Path exe = Path.of("/proc", Long.toString(pid), "exe");
        String target;
        try {
            target = Files.readSymbolicLink(exe).toString();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + exe, e);
        }
        assertTrue(target.startsWith("/memfd:") && target.endsWith(" (deleted)"),
                () -> exe + " is " + target + ", not an in-memory copy");
        FileSystemException refused = assertThrows(FileSystemException.class,
                () -> FileChannel.open(exe, StandardOpenOption.WRITE).close(), exe + " could be opened for writing");
        assertTrue(refused.getMessage().contains("Text file busy") || refused.getMessage().contains("not permitted"),
                refused::getMessage);
        assertThrows(FileSystemException.class, () -> {
            try (FileChannel channel = FileChannel.open(exe, StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(new byte[] {0}));
            }
        }, exe + " could be appended to");
    }

    /** The helper the exec JVM spawned: its child whose command line is jrunc-nsexec. */
    private static ProcessHandle awaitHelper(Process exec) throws InterruptedException {
        long deadline = System.nanoTime() + HELPER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> helper = exec.descendants()
                    .filter(p -> commandLine(p.pid()).startsWith("jrunc-nsexec"))
                    .findFirst();
            if (helper.isPresent()) {
                return helper.get();
            }
            if (!exec.isAlive()) {
                throw new AssertionError("exec ended (" + exec.exitValue() + ") before its helper was seen");
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no jrunc-nsexec helper below the exec process within " + HELPER_TIMEOUT);
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static int ownerOf(long pid) throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc", Long.toString(pid), "environ"), "unix:uid");
    }

    private RuntimeResult exec(String id, String script) throws IOException {
        ObjectNode process = ((ObjectNode) newBundle().config().get("process")).deepCopy();
        ArrayNode args = process.putArray("args");
        args.add("sh").add("-c").add(script);
        Path file = Files.createTempFile(workspace.directory(), "process-", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(file.toFile(), process);
        return runtime.invoke("exec", "--process", file.toString(), id);
    }
}
