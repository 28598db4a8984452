package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ChildReaper;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.RuntimeUnderTest;
import dev.jrunc.it.harness.SharedRootfs;
import dev.jrunc.it.harness.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a container's processes hold open: the workload inherits its stdio (plus the descriptors
 * --preserve-fds passes) and nothing of the runtime, for create/start, run and exec; and seen from
 * the host, no descriptor, working directory or root of a container process is a host directory
 * (the CVE-2024-21626 class, where a leaked descriptor let a container reach the host).
 */
class DescriptorHygieneTest extends ContainerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Lists the shell's own descriptors from a child: the directory descriptor {@code ls} opens to
     * read /proc/PID/fd is its own, not the shell's, so it is not in the listing.
     */
    private static final String LIST_SHELL_FDS = "ls -l /proc/$$/fd; echo end-of-fds";
    private static final Pattern FD_LINE = Pattern.compile(" (\\d+) -> (.*)$");

    @Test
    void createAndStartGiveTheProcessOnlyItsStdio() {
        String output = createStartAndWait(newBundle().shell(LIST_SHELL_FDS), null);

        assertEquals(List.of(0, 1, 2), List.copyOf(descriptors(output).keySet()), output);
    }

    @Test
    void runGivesTheProcessOnlyItsStdio() {
        RuntimeResult run = runShell(newBundle(), LIST_SHELL_FDS);

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of(0, 1, 2), List.copyOf(descriptors(run.stdout()).keySet()), run::describe);
    }

    @Test
    void execGivesTheProcessOnlyItsStdio() throws IOException {
        String id = runningContainer();

        RuntimeResult exec = runtime.invoke("exec", "--process", processFile("/", "sh", "-c", LIST_SHELL_FDS).toString(),
                id);

        assertEquals(0, exec.exitCode(), exec::describe);
        assertEquals(List.of(0, 1, 2), List.copyOf(descriptors(exec.stdout()).keySet()), exec::describe);
    }

    @Test
    void createWithPreservedDescriptorsAddsExactlyThose() throws IOException {
        Path passed = Files.writeString(workspace.path("passed-as-fd3"), "fd 3\n");

        String output = createStartAndWait(newBundle().shell(LIST_SHELL_FDS), passed);

        Map<Integer, String> fds = descriptors(output);
        assertEquals(List.of(0, 1, 2, 3), List.copyOf(fds.keySet()), output);
        assertTrue(fds.get(3).endsWith("passed-as-fd3"), output);
    }

    @Test
    void execWithPreservedDescriptorsAddsExactlyThose() throws IOException {
        String id = runningContainer();
        Path passed = Files.writeString(workspace.path("passed-as-fd3"), "fd 3\n");

        RuntimeResult exec = runtime.invokeWithFd3(passed, "exec", "--preserve-fds", "1", "--process",
                processFile("/", "sh", "-c", LIST_SHELL_FDS).toString(), id);

        assertEquals(0, exec.exitCode(), exec::describe);
        Map<Integer, String> fds = descriptors(exec.stdout());
        assertEquals(List.of(0, 1, 2, 3), List.copyOf(fds.keySet()), exec::describe);
        assertTrue(fds.get(3).endsWith("passed-as-fd3"), exec::describe);
    }

    @Test
    void seenFromTheHostNoContainerProcessHoldsAHostDirectory() throws IOException {
        String id = runtime.newContainerId();
        long init = runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));
        Path fifo = runtime.stateRoot().resolve(id).resolve("exec.fifo");

        // Created: the init still holds its channel to the runtime and the fifo start writes to.
        Map<Integer, String> created = hostView(init);
        for (Map.Entry<Integer, String> fd : created.entrySet()) {
            if (fd.getKey() > 2) {
                assertTrue(fd.getValue().startsWith("socket:[") || fd.getValue().equals(fifo.toString()),
                        () -> "the waiting init holds " + fd + " of " + created);
            }
        }
        assertInsideRootfs(init, "/");

        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        assertEquals(List.of(0, 1, 2), List.copyOf(hostView(init).keySet()), "descriptors of the started workload");
        assertInsideRootfs(init, "/");

        Path pidFile = workspace.path("exec.pid");
        RuntimeResult exec = runtime.invoke("exec", "--process", processFile("/tmp", "sleep", "600").toString(),
                "--detach", "--pid-file", pidFile.toString(), id);
        assertEquals(0, exec.exitCode(), exec::describe);
        long execPid = Long.parseLong(RuntimeUnderTest.readPidFile(pidFile).strip());
        ChildReaper.instance().watch(execPid);
        assertEquals(List.of(0, 1, 2), List.copyOf(hostView(execPid).keySet()), "descriptors of the exec'd process");
        assertInsideRootfs(execPid, "/tmp");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** create (passing {@code fd3} with --preserve-fds 1 unless null), start, wait; the process's output. */
    private String createStartAndWait(TestBundle bundle, Path fd3) {
        String id = runtime.newContainerId();
        Path dir = bundle.write();
        Path pidFile = workspace.path("init.pid");
        List<String> args = new ArrayList<>(List.of("create", "--bundle", dir.toString(), "--pid-file",
                pidFile.toString()));
        if (fd3 != null) {
            args.addAll(List.of("--preserve-fds", "1"));
        }
        args.add(id);
        RuntimeResult create = fd3 == null ? runtime.invokeIn(dir, args.toArray(String[]::new))
                : runtime.invokeWithFd3(fd3, args.toArray(String[]::new));
        assertEquals(0, create.exitCode(), create::describe);
        long pid = Long.parseLong(RuntimeUnderTest.readPidFile(pidFile).strip());
        ChildReaper.instance().watch(pid);
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        assertTrue(ChildReaper.instance().awaitExit(pid, EXIT_TIMEOUT).isPresent(), "the container did not exit");
        try {
            return Files.readString(create.command().stdoutFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The "N -> target" lines of {@code ls -l}, up to the end marker, by descriptor number. */
    private static Map<Integer, String> descriptors(String output) {
        assertTrue(output.contains("end-of-fds"), () -> "no complete listing in:\n" + output);
        Map<Integer, String> fds = new TreeMap<>();
        for (String line : output.substring(0, output.indexOf("end-of-fds")).lines().toList()) {
            Matcher m = FD_LINE.matcher(line);
            if (m.find()) {
                fds.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        return fds;
    }

    /** A process's descriptors read from the host; fails if any of them is a directory. */
    private static Map<Integer, String> hostView(long pid) throws IOException {
        Map<Integer, String> fds = new TreeMap<>();
        Path fdDir = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> entries = Files.list(fdDir)) {
            for (Path fd : entries.toList()) {
                String target = Files.readSymbolicLink(fd).toString();
                assertFalse(Files.isDirectory(fd), () -> "process " + pid + " holds a directory: " + fd + " -> " + target);
                fds.put(Integer.parseInt(fd.getFileName().toString()), target);
            }
        }
        return fds;
    }

    /** The process's root is the shared rootfs and its cwd is {@code cwd} inside it (same inode). */
    private static void assertInsideRootfs(long pid, String cwd) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        Path rootfs = SharedRootfs.get().rootfs();
        assertEquals(inode(rootfs), inode(proc.resolve("root")), "root of " + pid);
        assertEquals(inode(rootfs.resolve(cwd.substring(1))), inode(proc.resolve("cwd")), "cwd of " + pid);
    }

    private static String inode(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino");
        return a.get("dev") + "/" + a.get("ino");
    }

    private String runningContainer() {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        return id;
    }

    // An OCI process object like containerd's: the bundle's process with other args and cwd.
    private Path processFile(String cwd, String... args) throws IOException {
        ObjectNode process = ((ObjectNode) newBundle().config().get("process")).deepCopy();
        ArrayNode argArray = process.putArray("args");
        for (String arg : args) {
            argArray.add(arg);
        }
        process.put("cwd", cwd);
        Path file = Files.createTempFile(workspace.directory(), "process-", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(file.toFile(), process);
        return file;
    }
}
