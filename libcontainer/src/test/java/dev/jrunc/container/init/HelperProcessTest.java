package dev.jrunc.container.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Mounts;
import dev.jrunc.sys.Poll;
import dev.jrunc.sys.Processes;
import dev.jrunc.sys.Sockets;
import dev.jrunc.sys.SyscallException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs programs in the real native helper (no container: nothing here creates a namespace).
 * Every helper is closed (killed and reaped) and every forked pid killed after each test.
 */
class HelperProcessTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final List<HelperProcess> helpers = new ArrayList<>();
    /** Forked children still running when recorded: pid and start time, so a reused pid is never signalled. */
    private final List<long[]> orphans = new ArrayList<>();
    private final List<Integer> fds = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (HelperProcess h : helpers) {
            // A helper a timed-out reap() is still waiting for: kill it while it is certainly ours.
            if (isOurChild(h.pid())) {
                try {
                    Processes.kill(h.pid(), Processes.SIGKILL);
                } catch (SyscallException ignored) {
                    // gone meanwhile
                }
            }
            h.close();
        }
        for (long[] orphan : orphans) {
            killIfSame((int) orphan[0], orphan[1]);
        }
        fds.forEach(Files::closeQuietly);
    }

    private static boolean isOurChild(int pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[1]) == ProcessHandle.current().pid();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long startTime(int pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Kills {@code pid} through a pidfd, only if it is still the process that started at {@code start}. */
    private static void killIfSame(int pid, long start) {
        int pidfd;
        try {
            pidfd = Processes.pidfdOpen(pid);
        } catch (SyscallException gone) {
            return;
        }
        try {
            if (start >= 0 && startTime(pid) == start) {
                Processes.pidfdSendSignal(pidfd, Processes.SIGKILL);
            }
        } catch (SyscallException ignored) {
            // exited meanwhile
        } finally {
            Files.closeQuietly(pidfd);
        }
    }

    private void trackOrphan(int pid) {
        orphans.add(new long[] {pid, startTime(pid)});
    }

    private HelperProcess spawn(int preserveFds, List<Integer> extra) {
        HelperProcess h = HelperProcess.spawn(preserveFds, extra);
        helpers.add(h);
        return h;
    }

    private int[] streamPair() {
        int[] pair = Sockets.socketpair(Sockets.SOCK_STREAM);
        fds.add(pair[0]);
        fds.add(pair[1]);
        return pair;
    }

    static boolean isRoot() {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[2].equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    private static String procStatus(int pid, String field) throws IOException {
        return java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith(field)).findFirst().orElseThrow().substring(field.length()).strip();
    }

    private static Set<Integer> openFds(int pid) throws IOException {
        Set<Integer> out = new TreeSet<>();
        try (var s = java.nio.file.Files.list(Path.of("/proc/" + pid + "/fd"))) {
            s.forEach(p -> out.add(Integer.parseInt(p.getFileName().toString())));
        }
        return out;
    }

    private static void awaitContent(Path file, String expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (java.nio.file.Files.exists(file) && java.nio.file.Files.readString(file).equals(expected)) {
                return;
            }
            Thread.sleep(5);
        }
        assertEquals(expected, java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "<missing>");
    }

    private static boolean goneOrZombie(int pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!java.nio.file.Files.exists(stat)) {
            return true;
        }
        try {
            String s = java.nio.file.Files.readString(stat);
            return s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        }
    }

    // ---- running programs ---------------------------------------------------------------

    @Test
    void writeFileWritesTheFile() throws IOException {
        Path file = java.nio.file.Files.createFile(tmp.resolve("out"));
        HelperProcess helper = spawn(0, List.of());
        InitChannel.Result r = assertTimeoutPreemptively(LIMIT,
                () -> helper.channel().run(new InitProgram().writeFile(file.toString(), "hello from nsexec")));
        assertEquals(-1, r.pid());
        assertTrue(r.fds().isEmpty());
        assertEquals("hello from nsexec", java.nio.file.Files.readString(file));
    }

    @Test
    void oneHelperRunsSeveralPrograms() throws IOException {
        Path a = java.nio.file.Files.createFile(tmp.resolve("a"));
        Path b = java.nio.file.Files.createFile(tmp.resolve("b"));
        HelperProcess helper = spawn(0, List.of());
        assertTimeoutPreemptively(LIMIT, () -> {
            helper.channel().run(new InitProgram().writeFile(a.toString(), "1"));
            helper.channel().run(new InitProgram().umask(022).writeFile(b.toString(), "2"));
        });
        assertEquals("1", java.nio.file.Files.readString(a));
        assertEquals("2", java.nio.file.Files.readString(b));
    }

    @Test
    void chdirToAMissingDirectoryFailsNamingTheOperation() throws IOException {
        HelperProcess helper = spawn(0, List.of());
        ContainerException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ContainerException.class,
                () -> helper.channel().run(new InitProgram().umask(022).chdir("/nonexistent-jrunc/cwd"))));
        assertEquals("unable to start container process: chdir to cwd (/nonexistent-jrunc/cwd): no such file or directory",
                e.getMessage());
        assertEquals(Errno.ENOENT, assertInstanceOf(InitChannel.InitFailure.class, e).errno());
        // After a failure the helper skips the rest of that packet and serves the next one.
        Path after = java.nio.file.Files.createFile(tmp.resolve("after"));
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram().writeFile(after.toString(), "ok")));
        assertEquals("ok", java.nio.file.Files.readString(after));
    }

    @Test
    void aFailureNamesTheOperationAtTheReportedIndex() throws IOException {
        Path ok = java.nio.file.Files.createFile(tmp.resolve("ok"));
        Path missing = tmp.resolve("missing");
        HelperProcess helper = spawn(0, List.of());
        ContainerException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ContainerException.class,
                () -> helper.channel().run(new InitProgram().writeFile(ok.toString(), "done").umask(022).chdir("/")
                        .writeFile(missing.toString(), "never").chdir("/nonexistent"))));
        assertEquals("unable to start container process: write " + missing + ": no such file or directory",
                e.getMessage());
        assertEquals("done", java.nio.file.Files.readString(ok));
        assertFalse(java.nio.file.Files.exists(missing));
    }

    @Test
    void setnsOfAMissingPathNamesThePath() {
        HelperProcess helper = spawn(0, List.of());
        ContainerException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ContainerException.class,
                () -> helper.channel().run(new InitProgram().setns(0x40000000, "/nonexistent-jrunc/ns/net"))));
        assertTrue(e.getMessage().startsWith("unable to start container process: setns(/nonexistent-jrunc/ns/net)"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(": no such file or directory"), e.getMessage());
    }

    @Test
    void helperAppliesUmaskRlimitAndPrctlAsEncoded() throws IOException {
        HelperProcess helper = spawn(0, List.of());
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram().umask(027)
                .setrlimit(7, 100, 200, "RLIMIT_NOFILE").prctl(38, 1, 0, "prctl(PR_SET_NO_NEW_PRIVS, 1)")));
        assertEquals("0027", procStatus(helper.pid(), "Umask:"));
        assertEquals("1", procStatus(helper.pid(), "NoNewPrivs:"));
        String nofile = java.nio.file.Files.readAllLines(Path.of("/proc/" + helper.pid() + "/limits")).stream()
                .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow();
        assertEquals(List.of("100", "200", "files"), List.of(nofile.substring("Max open files".length()).strip().split("\\s+")));
    }

    @Test
    void aRejectedSetrlimitNamesItsValues() {
        HelperProcess helper = spawn(0, List.of());
        // soft above hard is EINVAL for everybody.
        ContainerException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ContainerException.class,
                () -> helper.channel().run(new InitProgram().setrlimit(7, 300, 200, "RLIMIT_NOFILE"))));
        assertTrue(e.getMessage().startsWith(
                "unable to start container process: setrlimit(RLIMIT_NOFILE, soft=300, hard=200)"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": invalid argument"), e.getMessage());
        assertEquals(Errno.EINVAL, assertInstanceOf(InitChannel.InitFailure.class, e).errno());
    }

    // ---- fork -------------------------------------------------------------------------

    @Test
    void forkReportsALiveChildDistinctFromTheHelper() throws Exception {
        Path file = java.nio.file.Files.createFile(tmp.resolve("from-child"));
        HelperProcess helper = spawn(0, List.of());
        InitChannel.Result r = assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram().fork()));
        int child = r.pid();
        trackOrphan(child);
        assertTrue(child > 0, "pid " + child);
        assertNotEquals(helper.pid(), child);
        // The helper itself exits 0 after reporting the pid.
        assertEquals(0, Processes.exitCode(assertTimeoutPreemptively(LIMIT, helper::reap)));
        assertFalse(goneOrZombie(child), "the forked child is not running");
        assertTrue(java.nio.file.Files.readString(Path.of("/proc/" + child + "/cmdline")).startsWith("jrunc-nsexec\0"));
        assertNotEquals(String.valueOf(helper.pid()), procStatus(child, "PPid:"));

        // The child goes on serving the channel: it is the only process left holding the socket.
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram().writeFile(file.toString(), "child")));
        assertEquals("child", java.nio.file.Files.readString(file));

        // Closing the channel ends it.
        helper.channel().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!goneOrZombie(child) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(goneOrZombie(child), "the child did not exit when the channel closed");
    }

    @Test
    void runUntilExecReturnsTheForkedPidOnceTheChildExecs() throws Exception {
        Path out = tmp.resolve("exec-out");
        HelperProcess helper = spawn(0, List.of());
        InitChannel.Result r = assertTimeoutPreemptively(LIMIT, () -> helper.channel().runUntilExec(new InitProgram()
                .closeFrom(helper.firstFreeFd()).fork()
                .exec("/bin/sh", List.of("sh", "-c", "printf '%s:%s' \"$0\" \"$X\" > " + out, "arg0"), List.of("X=42"))));
        // The child execs a shell that writes and exits by itself.
        assertTrue(r.pid() > 0);
        assertNotEquals(helper.pid(), r.pid());
        assertEquals(0, Processes.exitCode(assertTimeoutPreemptively(LIMIT, helper::reap)));
        awaitContent(out, "arg0:42");
    }

    @Test
    void runUntilExecReportsAMissingExecutable() {
        HelperProcess helper = spawn(0, List.of());
        ContainerException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ContainerException.class,
                () -> helper.channel().runUntilExec(new InitProgram().fork()
                        .exec("/nonexistent-jrunc/bin", List.of("bin"), List.of()))));
        assertEquals("unable to start container process: exec /nonexistent-jrunc/bin: no such file or directory",
                e.getMessage());
    }

    @Test
    void runUntilExecWithoutForkSucceedsWhenTheHelperItselfExecs() throws Exception {
        Path out = tmp.resolve("exec-out");
        HelperProcess helper = spawn(0, List.of());
        InitChannel.Result r = assertTimeoutPreemptively(LIMIT, () -> helper.channel().runUntilExec(new InitProgram()
                .exec("/bin/sh", List.of("sh", "-c", "echo ran > " + out), List.of())));
        assertEquals(-1, r.pid());
        assertEquals(0, Processes.exitCode(assertTimeoutPreemptively(LIMIT, helper::reap)));
        awaitContent(out, "ran\n");
    }

    // ---- descriptors ---------------------------------------------------------------------

    @Test
    void descriptorNumbersFollowTheSocket() throws IOException {
        // fds 3 and 4 of this JVM are preserved as they are.
        assumeTrue(openFds((int) ProcessHandle.current().pid()).containsAll(List.of(3, 4)), "fds 3 and 4 not open");
        int[] a = streamPair();
        int[] b = streamPair();
        HelperProcess helper = spawn(2, List.of(a[1], b[1]));
        assertEquals(6, helper.extraFd(0));
        assertEquals(7, helper.extraFd(1));
        assertEquals(8, helper.firstFreeFd());
    }

    @Test
    void closeFromKeepsTheExtraFdsAndClosesEverythingAbove() throws Exception {
        assumeTrue(isRoot(), "needs root to list the non-dumpable helper's /proc/<pid>/fd");
        int[] pair = streamPair();
        HelperProcess helper = spawn(0, List.of(pair[1]));
        Files.close(pair[1]);
        fds.remove(Integer.valueOf(pair[1]));
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram().closeFrom(helper.firstFreeFd())));
        Set<Integer> open = openFds(helper.pid());
        assertEquals(helper.extraFd(0), open.stream().mapToInt(Integer::intValue).max().orElseThrow(), "open: " + open);
        assertTrue(open.contains(helper.extraFd(0) - 1), "the channel socket is gone: " + open);
        assertFalse(Poll.await(pair[0], Poll.POLLIN, 0), "the helper's copy of the extra fd was closed");

        assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram().closeFrom(helper.extraFd(0))));
        assertFalse(openFds(helper.pid()).contains(helper.extraFd(0)));
        // The helper held the last copy of the peer: our end now sees end of file.
        assertTrue(Poll.await(pair[0], Poll.POLLIN, 5000));
        assertEquals(0, Files.read(pair[0], 10).length);
    }

    @Test
    void closingTheChannelSocketEndsTheHelper() {
        HelperProcess helper = spawn(0, List.of());
        int socketFd = helper.firstFreeFd() - 1;
        ContainerException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ContainerException.class,
                () -> helper.channel().run(new InitProgram().closeFrom(socketFd))));
        assertEquals("container init exited unexpectedly during close_range(" + socketFd + ", ~0)", e.getMessage());
        assertEquals(1, Processes.exitCode(assertTimeoutPreemptively(LIMIT, helper::reap)));
    }

    @Test
    void theHelperIsStartedWithItsSocketNumber() throws IOException {
        HelperProcess helper = spawn(0, List.of());
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram().umask(022)));
        assertEquals(3, helper.firstFreeFd() - 1);
        // argv: the number the socket was inherited at (above every placed descriptor), then
        // the number it belongs at, where the helper moves it.
        String[] argv = java.nio.file.Files.readString(Path.of("/proc/" + helper.pid() + "/cmdline")).split("\0");
        assertEquals(3, argv.length, String.join(" ", argv));
        assertEquals("jrunc-nsexec", argv[0]);
        assertTrue(Integer.parseInt(argv[1]) > 3, "inherited above the helper's own numbers: " + argv[1]);
        assertEquals("3", argv[2]);
        if (isRoot()) {
            Path fds = Path.of("/proc/" + helper.pid() + "/fd");
            assertTrue(java.nio.file.Files.readSymbolicLink(fds.resolve("3")).toString().startsWith("socket:"));
            assertFalse(java.nio.file.Files.exists(fds.resolve(argv[1]), java.nio.file.LinkOption.NOFOLLOW_LINKS),
                    "the inherited number is closed once the socket is moved");
        }
    }

    @Test
    void anExtraFdNumberedLikeTheHelperSocketIsPassedIntact() throws IOException {
        assumeTrue(isRoot(), "needs root to read the non-dumpable helper's /proc/<pid>/fd");
        Path file = java.nio.file.Files.writeString(tmp.resolve("extra"), "x");
        // The lowest free descriptor: every number from 3 below it is open, so it can be preserved.
        int fd = Files.open(file.toString(), Files.O_RDONLY);
        fds.add(fd);
        HelperProcess helper;
        try {
            helper = spawn(fd - 3, List.of(fd));
        } catch (SyscallException e) {
            assumeTrue(!e.is(Errno.EBADF), "a descriptor below " + fd + " closed meanwhile");
            throw e;
        }
        assertEquals(fd, helper.extraFd(0) - 1, "the helper's socket number");
        assertEquals(file.toString(), java.nio.file.Files.readSymbolicLink(
                Path.of("/proc/" + helper.pid() + "/fd/" + helper.extraFd(0))).toString());
    }

    // ---- report ----------------------------------------------------------------------------

    @Test
    void runUntilReportReturnsBeforeTheRestOfTheProgram() throws Exception {
        Path marker = java.nio.file.Files.createFile(tmp.resolve("marker"));
        int[] pipe = streamPair();
        HelperProcess helper = spawn(0, List.of(pipe[1]));
        InitChannel.Result r = assertTimeoutPreemptively(LIMIT, () -> helper.channel().runUntilReport(new InitProgram()
                .closeFrom(helper.firstFreeFd()).report(7).waitFd(helper.extraFd(0)).writeFile(marker.toString(), "after")));
        assertEquals(-1, r.pid());
        Thread.sleep(200);
        assertEquals("", java.nio.file.Files.readString(marker), "the program went past waitFd without a byte");
        Files.writeFully(pipe[0], new byte[] {1});
        awaitContent(marker, "after");
    }

    @Test
    void runUntilReportWithoutAReportRunsToTheEnd() throws IOException {
        Path marker = java.nio.file.Files.createFile(tmp.resolve("marker"));
        HelperProcess helper = spawn(0, List.of());
        InitChannel.Result r = assertTimeoutPreemptively(LIMIT,
                () -> helper.channel().runUntilReport(new InitProgram().writeFile(marker.toString(), "end")));
        assertEquals(-1, r.pid());
        assertEquals("end", java.nio.file.Files.readString(marker));
    }

    @Test
    void runIgnoresReportsAndWaitsForTheEnd() throws IOException {
        Path marker = java.nio.file.Files.createFile(tmp.resolve("marker"));
        HelperProcess helper = spawn(0, List.of());
        assertTimeoutPreemptively(LIMIT,
                () -> helper.channel().run(new InitProgram().report(1).report(2).writeFile(marker.toString(), "end")));
        assertEquals("end", java.nio.file.Files.readString(marker));
    }

    @Test
    void aChannelLeftRunningPastAReportRefusesFurtherPrograms() throws Exception {
        int[] first = streamPair();
        HelperProcess helper = spawn(0, List.of(first[1]));
        try {
            InitChannel channel = helper.channel();
            assertTimeoutPreemptively(LIMIT, () -> channel.runUntilReport(new InitProgram().report(1).waitFd(helper.extraFd(0))));
            // The rest of that program still replies later; a new program must not read that reply.
            assertThrows(IllegalStateException.class, () -> channel.run(new InitProgram().umask(022)));
        } finally {
            helper.close();
        }
    }

    // ---- kernel mounts (root) ----------------------------------------------------------

    @Test
    void fsmountSendsBackAMountFdKeyedByOperationIndex() throws IOException {
        assumeTrue(isRoot(), "needs root (CAP_SYS_ADMIN) for fsopen");
        Path ok = java.nio.file.Files.createFile(tmp.resolve("ok"));
        HelperProcess helper = spawn(0, List.of());
        InitChannel.Result r = assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram()
                .writeFile(ok.toString(), "x")
                .fsmount("tmpfs", "tmpfs", List.of(new String[] {"size", "1m"}, new String[] {"mode", "0711"}),
                        Mounts.MOUNT_ATTR_NOSUID | Mounts.MOUNT_ATTR_NODEV, "mounts[0] (tmpfs on /x)")));
        assertEquals(Set.of(1), r.fds().keySet());
        int mnt = r.fds().get(1);
        try {
            Files.Stat st = Files.fstatat(mnt, "", Files.AT_EMPTY_PATH);
            assertTrue(st.isDirectory());
            assertEquals(0711, st.mode() & 07777);
        } finally {
            Files.close(mnt);
        }
    }

    @Test
    void fsmountWithAnUnknownOptionExplainsTheKernelsComplaint() {
        assumeTrue(isRoot(), "needs root (CAP_SYS_ADMIN) for fsopen");
        HelperProcess helper = spawn(0, List.of());
        ContainerException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ContainerException.class,
                () -> helper.channel().run(new InitProgram().fsmount("tmpfs", "tmpfs",
                        List.<String[]>of(new String[] {"bogus", "1"}), 0, "mounts[3] (tmpfs on /bad)"))));
        assertTrue(e.getMessage().startsWith("unable to start container process: mounts[3] (tmpfs on /bad) ("),
                e.getMessage());
        assertTrue(e.getMessage().contains("bogus"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": invalid argument"), e.getMessage());
    }

    // ---- lifecycle ----------------------------------------------------------------------

    @Test
    void closeKillsAndReapsTheHelperAndIsIdempotent() throws IOException {
        HelperProcess helper = HelperProcess.spawn(0, List.of());
        int pid = helper.pid();
        assertFalse(goneOrZombie(pid));
        helper.close();
        assertFalse(java.nio.file.Files.exists(Path.of("/proc/" + pid)), "the helper was not reaped");
        helper.close();
        SyscallException e = assertThrows(SyscallException.class, () -> Processes.waitpid(pid, true));
        assertEquals(Errno.ECHILD, e.errno());
    }

    @Test
    void theHelperExitsWhenTheChannelCloses() {
        HelperProcess helper = spawn(0, List.of());
        helper.channel().close();
        int status = assertTimeoutPreemptively(LIMIT, helper::reap);
        assertEquals(0, Processes.exitCode(status));
    }
}
