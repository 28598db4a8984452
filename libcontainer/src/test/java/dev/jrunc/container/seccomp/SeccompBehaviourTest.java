package dev.jrunc.container.seccomp;

import static dev.jrunc.container.seccomp.SeccompCompilerTest.arg;
import static dev.jrunc.container.seccomp.SeccompCompilerTest.masked;
import static dev.jrunc.container.seccomp.SeccompCompilerTest.profile;
import static dev.jrunc.container.seccomp.SeccompCompilerTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.init.HelperProcess;
import dev.jrunc.container.init.InitChannel;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.spec.Seccomp;
import dev.jrunc.spec.SeccompAction;
import dev.jrunc.spec.SeccompOperator;
import dev.jrunc.spec.Syscall;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.LibSeccomp;
import dev.jrunc.sys.Processes;
import dev.jrunc.sys.SyscallException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs compiled filters in real processes and watches what they do. The native helper
 * forks, sets no_new_privs, installs the filter and execs /bin/sh or perl, whose output goes to
 * a file; the test JVM is a child subreaper so it can reap the exec'd process and read its
 * status. No Java runs in a forked child.
 */
class SeccompBehaviourTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int SIGSYS = 31;
    private static final String PERL = "/usr/bin/perl";
    /** Runs syscall(nr, args...) for each "nr,arg,..." argument; prints R<result> or E<errno>. */
    private static final String PERL_SYSCALLS = """
            open(my $o, ">", shift @ARGV) or die "open: $!";
            for my $spec (@ARGV) {
                my @a = map { $_ + 0 } split(/,/, $spec);
                $! = 0;
                my $r = syscall($a[0], @a[1 .. $#a]);
                print $o ($r == -1 ? "E" . ($! + 0) : "R" . $r), "\\n";
            }
            close($o) or die "close: $!";
            """;

    @TempDir
    Path tmp;

    @BeforeAll
    static void asRootWithLibseccomp() {
        assumeTrue(isRoot(), "the seccomp behaviour tests install filters in helper processes; run them as root");
        assumeTrue(LibSeccomp.isInstalled(), LibSeccomp.SONAME + " is not installed (apt-get install libseccomp2)");
        // The exec'd process is orphaned when the helper exits: adopt it to read its exit status.
        Processes.becomeChildSubreaper();
    }

    private static boolean isRoot() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The raw wait status of the process and what it wrote to {@code out}. */
    private record Outcome(int status, String output) {
        int exitCode() {
            return Processes.exitCode(status);
        }

        boolean killedBy(int signal) {
            return (status & 0x7f) == signal;
        }
    }

    /** Runs {@code argv} under {@code filter}: fork, no_new_privs, seccomp, exec. */
    private Outcome run(CompiledFilter filter, Path out, String path, List<String> argv) throws IOException {
        HelperProcess helper = HelperProcess.spawn(0, List.of());
        int pid;
        try {
            InitChannel.Result r = assertTimeoutPreemptively(LIMIT, () -> helper.channel().runUntilExec(new InitProgram()
                    .closeFrom(helper.firstFreeFd())
                    .fork()
                    .prctl(PR_SET_NO_NEW_PRIVS, 1, 0, "prctl(PR_SET_NO_NEW_PRIVS, 1)")
                    .seccomp(filter.flags(), filter.program())
                    .exec(path, argv, List.of("PATH=/usr/bin:/bin", "LC_ALL=C"))));
            pid = r.pid();
            assertTrue(pid > 0, "pid " + pid);
            // The helper exits once it reported the pid; after it is reaped, its child is ours.
            assertEquals(0, Processes.exitCode(helper.reap()));
        } finally {
            helper.close();
        }
        int status = waitForExit(pid);
        String output = java.nio.file.Files.exists(out) ? java.nio.file.Files.readString(out) : "<no output>";
        return new Outcome(status, output);
    }

    private Outcome sh(CompiledFilter filter, String script) throws IOException {
        Path out = tmp.resolve("sh.out");
        return run(filter, out, "/bin/sh", List.of("sh", "-c", "exec >" + out + " 2>&1\n" + script));
    }

    /** Runs perl making each of {@code calls} ("nr,arg,...") as a raw system call. */
    private Outcome perl(CompiledFilter filter, String... calls) throws IOException {
        assumeTrue(java.nio.file.Files.isExecutable(Path.of(PERL)), PERL + " is not installed");
        Path out = tmp.resolve("perl.out");
        List<String> argv = new ArrayList<>(List.of("perl", "-e", PERL_SYSCALLS, out.toString()));
        argv.addAll(List.of(calls));
        return run(filter, out, PERL, argv);
    }

    private static int waitForExit(int pid) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            int status = Processes.waitpid(pid, true);
            if (status != -1) {
                return status;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            Processes.kill(pid, Processes.SIGKILL);
            Processes.waitpid(pid, false);
        } catch (SyscallException ignored) {
            // gone meanwhile
        }
        throw new AssertionError("process " + pid + " did not exit within " + LIMIT);
    }

    private static String call(String name, long... args) {
        int nr = LibSeccomp.syscallResolveName(name);
        assertTrue(nr >= 0, name + " is not a system call here");
        return call(nr, args);
    }

    private static String call(int nr, long... args) {
        StringBuilder sb = new StringBuilder().append(nr);
        for (long a : args) {
            sb.append(',').append(a); // signed decimal: perl passes the same 64 bits
        }
        return sb.toString();
    }

    // ---- /bin/sh ---------------------------------------------------------------------------------

    @Test
    void mkdirFailsWithTheConfiguredErrnoUnderADefaultAllow() throws IOException {
        Path dir = tmp.resolve("made-by-sh");
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, 38L, List.of("mkdir", "mkdirat"))));
        Outcome o = sh(f, "mkdir " + dir + "; echo rc=$?; echo still running");
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("Function not implemented"), o.output());
        assertTrue(o.output().contains("rc=1\nstill running\n"), o.output());
        assertFalse(java.nio.file.Files.exists(dir), "the filter let mkdir through");
    }

    @Test
    void withoutTheRuleMkdirWorks() throws IOException {
        Path dir = tmp.resolve("made-by-sh");
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, 38L, List.of("rmdir"))));
        Outcome o = sh(f, "mkdir " + dir + "; echo rc=$?");
        assertEquals("rc=0\n", o.output());
        assertTrue(java.nio.file.Files.isDirectory(dir));
    }

    @Test
    void anAllowListUnderADefaultErrnoRefusesEverythingElse() throws IOException {
        Seccomp podman = SeccompCompilerTest.podmanProfile();
        List<String> allowed = new ArrayList<>();
        for (Syscall s : podman.syscalls()) {
            if (s.action() == SeccompAction.ALLOW && s.args().isEmpty()) {
                for (String name : s.names()) {
                    if (!name.equals("mkdir") && !name.equals("mkdirat")) {
                        allowed.add(name);
                    }
                }
            }
        }
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ERRNO, null, podman.architectures(),
                List.of(), rule(SeccompAction.ALLOW, null, allowed)));
        Path dir = tmp.resolve("made-by-sh");
        Outcome o = sh(f, "echo before; mkdir " + dir + "; echo rc=$?; echo after");
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().startsWith("before\n"), o.output());
        assertTrue(o.output().contains("Operation not permitted"), o.output());
        assertTrue(o.output().endsWith("rc=1\nafter\n"), o.output());
        assertFalse(java.nio.file.Files.exists(dir));

        // The same filter through perl: unlisted calls get EPERM, calls newer than anything the
        // profile names get ENOSYS from the stub, listed ones work.
        Outcome p = perl(f, call("acct", 0), call(1000), call("getpid"), call("mkdirat", -100, 0, 0755));
        assertEquals(0, p.exitCode(), p.output());
        String[] lines = p.output().split("\n");
        assertEquals("E" + Errno.EPERM, lines[0]);
        assertEquals("E" + Errno.ENOSYS, lines[1]);
        assertTrue(lines[2].startsWith("R") && Integer.parseInt(lines[2].substring(1)) > 1, p.output());
        assertEquals("E" + Errno.EPERM, lines[3]);
    }

    // ---- raw system calls through perl ------------------------------------------------------------

    @Test
    void argumentConditionsAreEnforcedByTheKernel() throws IOException {
        long big = 0x1_0000_0000L;
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                // same index twice: either condition refuses
                rule(SeccompAction.ERRNO, 201L, List.of("getpgid"),
                        arg(1, SeccompOperator.EQUAL, 17), arg(1, SeccompOperator.EQUAL, 28)),
                // distinct indexes: both must hold
                rule(SeccompAction.ERRNO, 202L, List.of("getsid"),
                        arg(0, SeccompOperator.EQUAL, 5), arg(1, SeccompOperator.GREATER_THAN, 100)),
                rule(SeccompAction.ERRNO, 203L, List.of("sched_getscheduler"), masked(0, 0xff00, 0x1200)),
                rule(SeccompAction.ERRNO, 204L, List.of("sched_get_priority_max"),
                        arg(0, SeccompOperator.GREATER_OR_EQUAL, big))));
        Outcome o = perl(f,
                call("getpgid", 0, 17), call("getpgid", 0, 28), call("getpgid", 0, 18),
                call("getsid", 5, 101), call("getsid", 5, 100), call("getsid", 6, 101),
                call("sched_getscheduler", 0x1234), call("sched_getscheduler", big | 0x12ff),
                call("sched_getscheduler", 0x1334),
                call("sched_get_priority_max", big), call("sched_get_priority_max", -1L),
                call("sched_get_priority_max", 0xffffffffL));
        assertEquals(0, o.exitCode(), o.output());
        String[] r = o.output().split("\n");
        assertEquals(12, r.length, o.output());
        assertEquals("E201", r[0]);
        assertEquals("E201", r[1]);
        assertTrue(r[2].startsWith("R"), "getpgid(0) with arg1=18 was refused: " + r[2]);
        assertEquals("E202", r[3]);
        assertFalse(r[4].equals("E202"), r[4]);
        assertFalse(r[5].equals("E202"), r[5]);
        assertEquals("E203", r[6]);
        assertEquals("E203", r[7]);
        assertEquals("E" + Errno.ESRCH, r[8]); // reached the kernel: no process 0x1334
        assertEquals("E204", r[9]);
        assertEquals("E204", r[10]);
        assertEquals("E" + Errno.EINVAL, r[11]); // reached the kernel: no such policy
    }

    @Test
    void killProcessAndTrapEndTheProcessWithSigsys() throws IOException {
        CompiledFilter kill = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.KILL_PROCESS, null, List.of("getpgid"))));
        Outcome k = perl(kill, call("getpid"), call("getpgid", 0), call("getpid"));
        assertTrue(k.killedBy(SIGSYS), "wait status 0x" + Integer.toHexString(k.status()));

        CompiledFilter trap = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.TRAP, null, List.of("getpgid"))));
        Outcome t = perl(trap, call("getpgid", 0));
        assertTrue(t.killedBy(SIGSYS), "wait status 0x" + Integer.toHexString(t.status()));
    }

    @Test
    void traceWithoutATracerAndLogBehaveAsTheKernelDocuments() throws IOException {
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(),
                List.of("SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"),
                rule(SeccompAction.TRACE, null, List.of("getpgid")),
                rule(SeccompAction.LOG, null, List.of("getsid"))));
        assertEquals(2 | 4, f.flags());
        Outcome o = perl(f, call("getpgid", 0), call("getsid", 0));
        assertEquals(0, o.exitCode(), o.output());
        String[] r = o.output().split("\n");
        assertEquals("E" + Errno.ENOSYS, r[0]); // SECCOMP_RET_TRACE with no tracer attached
        assertTrue(r[1].startsWith("R"), r[1]); // SECCOMP_RET_LOG lets the call through
    }

    @Test
    void podmansProfileRunsAShellAndRefusesWhatItLists() throws IOException {
        CompiledFilter f = SeccompCompiler.compile(SeccompCompilerTest.podmanProfile());
        Path dir = tmp.resolve("made-under-podman-profile");
        Outcome o = sh(f, "mkdir " + dir + " && echo made");
        assertEquals("made\n", o.output());
        assertTrue(java.nio.file.Files.isDirectory(dir));

        Outcome p = perl(f, call("acct", 0), call(1000), call("personality", 0xffffffffL), call("personality", 1));
        assertEquals(0, p.exitCode(), p.output());
        String[] r = p.output().split("\n");
        assertEquals("E" + Errno.EPERM, r[0]); // acct: errnoRet 1
        assertEquals("E" + Errno.ENOSYS, r[1]); // defaultErrnoRet 38
        assertTrue(r[2].startsWith("R"), r[2]); // personality(0xffffffff) queries: allowed
        assertEquals("E" + Errno.ENOSYS, r[3]); // personality(1): not a listed persona
    }
}
