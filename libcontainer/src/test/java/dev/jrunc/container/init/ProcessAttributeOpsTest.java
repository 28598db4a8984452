package dev.jrunc.container.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Sockets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The helper operations for process attributes, startContainer hooks and seccomp listeners, run
 * in the real native helper and checked through /proc (no container: no namespace is made).
 */
class ProcessAttributeOpsTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final List<HelperProcess> helpers = new ArrayList<>();
    private final List<Integer> fds = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        helpers.forEach(HelperProcess::close);
        fds.forEach(Files::closeQuietly);
    }

    private HelperProcess spawn(List<Integer> extra) {
        HelperProcess h = HelperProcess.spawn(0, extra);
        helpers.add(h);
        return h;
    }

    private static String[] stat(int pid) throws IOException {
        String s = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields from 3 on, so field n (1-based, as in proc(5)) is at index n - 3.
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }

    private static String status(int pid, String field) throws IOException {
        return java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith(field)).findFirst().orElseThrow().substring(field.length()).strip();
    }

    private static int nproc() {
        return Runtime.getRuntime().availableProcessors();
    }

    // ---- scheduling, I/O priority, personality, affinity ---------------------------------------

    @Test
    void schedSetattrSetsThePolicyAndNiceValue() throws IOException {
        HelperProcess helper = spawn(List.of());
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram()
                .schedSetattr(3 /* SCHED_BATCH */, 0, 6, 0, 0, 0, 0, "batch")));
        String[] f = stat(helper.pid());
        assertEquals("6", f[19 - 3], "nice");
        assertEquals("3", f[41 - 3], "policy");
    }

    @Test
    void aRealTimePolicyNeedsCapSysNiceAndGetsItsPriority() throws IOException {
        assumeTrue(HelperProcessTest.isRoot(), "SCHED_FIFO needs CAP_SYS_NICE");
        HelperProcess helper = spawn(List.of());
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram()
                .schedSetattr(1 /* SCHED_FIFO */, 7, 0, 0, 0, 0, 0, "fifo")));
        String[] f = stat(helper.pid());
        assertEquals("7", f[40 - 3], "rt_priority");
        assertEquals("1", f[41 - 3], "policy");
    }

    @Test
    void aRejectedSchedSetattrNamesItsDescription() {
        HelperProcess helper = spawn(List.of());
        // SCHED_FIFO with priority 0 is EINVAL for everybody.
        ContainerException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ContainerException.class,
                () -> helper.channel().run(new InitProgram().schedSetattr(1, 0, 0, 0, 0, 0, 0,
                        "process.scheduler: sched_setattr(SCHED_FIFO, nice=0, priority=0)"))));
        assertEquals("unable to start container process: process.scheduler: sched_setattr(SCHED_FIFO, nice=0, "
                + "priority=0): invalid argument", e.getMessage());
    }

    @Test
    void ioprioSetPersonalityAndAffinityReachTheProgramTheHelperExecs() throws Exception {
        assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/ionice")), "util-linux ionice is not installed");
        Path out = tmp.resolve("out");
        String lastCpu = Integer.toString(nproc() - 1);
        byte[] mask = new byte[8];
        mask[(nproc() - 1) / 8] = (byte) (1 << ((nproc() - 1) % 8));
        HelperProcess helper = spawn(List.of());
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().runUntilExec(new InitProgram()
                .ioprioSet(1, 0, (2 << 13) | 5, "be 5")
                .personality(0x0008, "linux32")
                .setAffinity(mask, "last cpu")
                .exec("/bin/sh", List.of("sh", "-c", "{ /usr/bin/ionice -p $$; cat /proc/self/personality; uname -m; "
                        + "grep Cpus_allowed_list /proc/self/status; } > " + out + ".tmp; mv " + out + ".tmp " + out),
                        List.of("PATH=/usr/bin:/bin"))));
        helper.reap();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!java.nio.file.Files.exists(out) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> lines = java.nio.file.Files.readAllLines(out);
        assertEquals("best-effort: prio 5", lines.get(0));
        assertEquals("00000008", lines.get(1));
        assertTrue(List.of("i686", "i386").contains(lines.get(2)), lines.get(2));
        assertEquals("Cpus_allowed_list:\t" + lastCpu, lines.get(3));
    }

    // ---- writes to procfs -------------------------------------------------------------------------

    @Test
    void writeProcFileWritesAProcfsFile() throws IOException {
        HelperProcess helper = spawn(List.of());
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram()
                .writeProcFile("/proc/self/comm", "jrunc-procattr", "rename")));
        assertEquals("jrunc-procattr", status(helper.pid(), "Name:"));
    }

    @Test
    void writeProcFileRefusesAFileOutsideProcfs() throws IOException {
        // A container that mounted something over /proc must not redirect a label elsewhere.
        Path fake = java.nio.file.Files.createFile(tmp.resolve("exec"));
        HelperProcess helper = spawn(List.of());
        ContainerException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ContainerException.class,
                () -> helper.channel().run(new InitProgram().writeProcFile(fake.toString(), "exec x",
                        "process.apparmorProfile: apply AppArmor profile \"x\" at exec"))));
        assertEquals("unable to start container process: process.apparmorProfile: apply AppArmor profile \"x\" at exec"
                + " (write " + fake + "): invalid cross-device link", e.getMessage());
        assertEquals("", java.nio.file.Files.readString(fake));
    }

    // ---- running a program (startContainer hooks) ------------------------------------------------

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void runGivesTheProgramItsArgsEnvStdinAndOnlyDescriptorsZeroToTwo() throws IOException {
        Path out = tmp.resolve("out");
        HelperProcess helper = spawn(List.of());
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().run(new InitProgram()
                .run("hooks.startContainer[0] (/bin/sh)", "/bin/sh",
                        List.of("sh", "-c", "{ echo \"$0 $1 $X\"; cat; echo; ls /proc/self/fd | wc -l; } > " + out,
                                "zero", "one"), List.of("X=ex"), utf8("{\"status\":\"created\"}"), 5000)));
        List<String> lines = java.nio.file.Files.readAllLines(out);
        assertEquals("zero one ex", lines.get(0));
        assertEquals("{\"status\":\"created\"}", lines.get(1));
        // 0, 1, 2 and the directory ls reads: nothing of the helper's leaks into a hook.
        assertEquals("4", lines.get(2).strip());
    }

    @Test
    void aFailingProgramFailsWithItsStatusAndFirstStderrLine() {
        HelperProcess helper = spawn(List.of());
        InitChannel.InitFailure e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(InitChannel.InitFailure.class,
                () -> helper.channel().run(new InitProgram().run("hooks.startContainer[1] (/bin/sh)", "/bin/sh",
                        List.of("sh", "-c", "echo out; echo >&2; echo '  no network for you ' >&2; echo more >&2; exit 3"),
                        List.of(), new byte[0], 0))));
        assertEquals("unable to start container process: hooks.startContainer[1] (/bin/sh) failed: exit status 3: "
                + "no network for you", e.getMessage());
        assertEquals(0, e.errno());

        e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(InitChannel.InitFailure.class,
                () -> helper.channel().run(new InitProgram().run("h", "/bin/sh", List.of("sh", "-c", "kill -9 $$"),
                        List.of(), new byte[0], 0))));
        assertEquals("unable to start container process: h failed: killed by signal 9", e.getMessage());
    }

    @Test
    void aMissingProgramFailsWithTheExecErrno() {
        HelperProcess helper = spawn(List.of());
        InitChannel.InitFailure e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(InitChannel.InitFailure.class,
                () -> helper.channel().run(new InitProgram().run("hooks.startContainer[0] (/nonexistent-jrunc)",
                        "/nonexistent-jrunc", List.of("x"), List.of(), new byte[0], 0))));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("unable to start container process: hooks.startContainer[0] (/nonexistent-jrunc): "
                + "exec /nonexistent-jrunc: no such file or directory", e.getMessage());
    }

    @Test
    void aProgramPastItsTimeoutIsKilled() {
        HelperProcess helper = spawn(List.of());
        long start = System.nanoTime();
        InitChannel.InitFailure e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(InitChannel.InitFailure.class,
                () -> helper.channel().run(new InitProgram().run("slow", "/bin/sleep", List.of("sleep", "30"),
                        List.of(), new byte[0], 1000))));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("unable to start container process: slow timed out after 1s", e.getMessage());
        assertTrue(millis >= 900 && millis < 10_000, millis + " ms");
    }

    @Test
    void onceNobodyListensAFailureGoesToTheErrorFdAndTheHelperExits() throws Exception {
        int[] release = Sockets.socketpair(Sockets.SOCK_STREAM);
        int[] errors = Sockets.socketpair(Sockets.SOCK_STREAM);
        fds.addAll(List.of(release[0], release[1], errors[0], errors[1]));
        HelperProcess helper = spawn(List.of(release[1], errors[1]));
        Files.close(errors[1]);
        fds.remove(Integer.valueOf(errors[1]));
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().runUntilReport(new InitProgram()
                .closeFrom(helper.firstFreeFd()).report(1).waitFd(helper.extraFd(0)).errorFd(helper.extraFd(1))
                .run("hooks.startContainer[0] (/bin/sh)", "/bin/sh", List.of("sh", "-c", "echo bad >&2; exit 2"),
                        List.of(), new byte[0], 0)
                .exec("/bin/true", List.of("true"), List.of())));
        // `create` is gone: nobody reads the channel any more.
        helper.channel().close();
        Files.writeFully(release[0], new byte[] {1});
        StringBuilder text = new StringBuilder();
        assertTimeoutPreemptively(LIMIT, () -> {
            byte[] chunk;
            while ((chunk = Files.read(errors[0], 512)).length > 0) {
                text.append(new String(chunk, StandardCharsets.UTF_8));
            }
        });
        assertEquals("hooks.startContainer[0] (/bin/sh) failed: exit status 2: bad\n", text.toString());
        assertEquals(255, dev.jrunc.sys.Processes.exitCode(assertTimeoutPreemptively(LIMIT, helper::reap)));
    }

    @Test
    void theErrorFdClosesAtExecSoTheReaderSeesEndOfFile() throws Exception {
        int[] errors = Sockets.socketpair(Sockets.SOCK_STREAM);
        fds.addAll(List.of(errors[0], errors[1]));
        HelperProcess helper = spawn(List.of(errors[1]));
        Files.close(errors[1]);
        fds.remove(Integer.valueOf(errors[1]));
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().runUntilExec(new InitProgram()
                .closeFrom(helper.firstFreeFd()).errorFd(helper.extraFd(0))
                .run("ok", "/bin/true", List.of("true"), List.of(), new byte[0], 0)
                .exec("/bin/sleep", List.of("sleep", "5"), List.of())));
        assertEquals(0, assertTimeoutPreemptively(LIMIT, () -> Files.read(errors[0], 512)).length);
    }

    // ---- seccomp notify fd --------------------------------------------------------------------

    @Test
    void aListenerFdGoesToTheHandlerAndNotIntoTheProcess() throws Exception {
        assumeTrue(HelperProcessTest.isRoot(), "installing a filter without no_new_privs needs CAP_SYS_ADMIN");
        // RET_ALLOW for everything: the kernel still creates the listener it is asked for.
        byte[] allowAll = {6, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f};
        AtomicReference<String> seen = new AtomicReference<>();
        List<Integer> ops = new ArrayList<>();
        HelperProcess helper = spawn(List.of());
        assertTimeoutPreemptively(LIMIT, () -> helper.channel().runUntilReport(new InitProgram()
                .umask(022).seccomp(1 << 3, allowAll).report(1), (operation, fd, pid) -> {
                    ops.add(operation);
                    try {
                        seen.set(java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
        assertEquals(List.of(1), ops);
        assertEquals("anon_inode:seccomp notify", seen.get());
        try (var list = java.nio.file.Files.list(Path.of("/proc/" + helper.pid() + "/fd"))) {
            for (Path fd : list.toList()) {
                assertFalse(java.nio.file.Files.readSymbolicLink(fd).toString().contains("seccomp"),
                        "the helper kept " + fd);
            }
        }
        assertEquals("1", status(helper.pid(), "Seccomp_filters:"));
    }

    @Test
    void aHandlerFailureFailsTheRun() {
        assumeTrue(HelperProcessTest.isRoot(), "installing a filter without no_new_privs needs CAP_SYS_ADMIN");
        byte[] allowAll = {6, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f};
        HelperProcess helper = spawn(List.of());
        ContainerException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ContainerException.class,
                () -> helper.channel().runUntilReport(new InitProgram().seccomp(1 << 3, allowAll).report(1),
                        (operation, fd, pid) -> {
                            throw new ContainerException("linux.seccomp.listenerPath: no agent");
                        })));
        assertEquals("linux.seccomp.listenerPath: no agent", assertInstanceOf(ContainerException.class, e).getMessage());
    }
}
