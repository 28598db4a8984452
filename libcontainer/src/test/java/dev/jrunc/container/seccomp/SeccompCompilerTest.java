package dev.jrunc.container.seccomp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Seccomp;
import dev.jrunc.spec.SeccompAction;
import dev.jrunc.spec.SeccompArg;
import dev.jrunc.spec.SeccompOperator;
import dev.jrunc.spec.SpecReader;
import dev.jrunc.spec.Syscall;
import dev.jrunc.sys.LibSeccomp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiles profiles and runs the programs in {@link BpfInterpreter} with the kernel's seccomp
 * semantics. SeccompBehaviourTest installs them in real processes.
 */
class SeccompCompilerTest {
    static final Path PODMAN_CONFIG = Path.of("/work/shared/docs/engine-examples/podman-config.json");
    private static final boolean AMD64 = System.getProperty("os.arch").equals("amd64");
    private static final int ALLOW = LibSeccomp.ACT_ALLOW;
    private static final int X86_64 = LibSeccomp.ARCH_X86_64;
    private static final int I386 = LibSeccomp.ARCH_X86;
    private static final int X32_BIT = 0x40000000;

    private static int nativeArch;

    @BeforeAll
    static void libseccompIsInstalled() {
        assumeTrue(LibSeccomp.isInstalled(), LibSeccomp.SONAME + " is not installed (apt-get install libseccomp2)");
        nativeArch = LibSeccomp.archNative();
    }

    static Seccomp podmanProfile() {
        assumeTrue(java.nio.file.Files.exists(PODMAN_CONFIG), PODMAN_CONFIG + " is missing");
        return SpecReader.readConfig(PODMAN_CONFIG).linux().seccomp();
    }

    static Seccomp profile(SeccompAction defaultAction, Long defaultErrnoRet, List<String> arches, List<String> flags,
            Syscall... syscalls) {
        return new Seccomp(defaultAction, defaultErrnoRet, arches, flags, null, null, List.of(syscalls));
    }

    static Syscall rule(SeccompAction action, Long errnoRet, List<String> names, SeccompArg... args) {
        return new Syscall(names, action, errnoRet, List.of(args));
    }

    static SeccompArg arg(long index, SeccompOperator op, long value) {
        return new SeccompArg(index, value, 0, op);
    }

    static SeccompArg masked(long index, long mask, long value) {
        return new SeccompArg(index, mask, value, SeccompOperator.MASKED_EQUAL);
    }

    private static int nr(String name) {
        return LibSeccomp.syscallResolveName(name);
    }

    private static int run(CompiledFilter f, String name, long... args) {
        return BpfInterpreter.run(f.program(), nativeArch, nr(name), args);
    }

    private static ContainerException fails(Seccomp s) {
        return assertThrows(ContainerException.class, () -> SeccompCompiler.compile(s));
    }

    // ---- whole profiles ------------------------------------------------------------------

    @Test
    void podmansProfileCompilesAndAnswersLikeItsRules() {
        CompiledFilter f = SeccompCompiler.compile(podmanProfile());
        assertTrue(f.program().length > 8 && f.program().length % 8 == 0, f.program().length + " bytes");
        assertTrue(f.instructions() <= SeccompCompiler.MAX_INSTRUCTIONS);
        assertEquals(0, f.flags());
        assertEquals(ALLOW, run(f, "read"));
        assertEquals(ALLOW, run(f, "mkdir"));
        assertEquals(LibSeccomp.actErrno(1), run(f, "acct"));
        assertEquals(LibSeccomp.actErrno(1), run(f, "bpf"));
        // personality(2) only with the listed personas, compared as 64-bit values.
        assertEquals(ALLOW, run(f, "personality", 0));
        assertEquals(ALLOW, run(f, "personality", 8));
        assertEquals(ALLOW, run(f, "personality", 0xffffffffL));
        assertEquals(LibSeccomp.actErrno(38), run(f, "personality", 1));
        assertEquals(LibSeccomp.actErrno(38), run(f, "personality", 0x1_0000_0000L));
        // Unlisted and unknown calls get the default, ERRNO(ENOSYS).
        assertEquals(LibSeccomp.actErrno(38), BpfInterpreter.run(f.program(), nativeArch, 5000));
        if (AMD64) {
            // The listed architectures are in the filter; another one is killed.
            assertEquals(ALLOW, BpfInterpreter.run(f.program(), I386, 3)); // read on i386
            assertEquals(LibSeccomp.actErrno(1), BpfInterpreter.run(f.program(), I386, 25)); // stime on i386
            assertEquals(ALLOW, BpfInterpreter.run(f.program(), X86_64, X32_BIT)); // read on x32
            int other = BpfInterpreter.run(f.program(), LibSeccomp.ARCH_AARCH64, 63);
            assertTrue(other == LibSeccomp.ACT_KILL_THREAD || other == LibSeccomp.ACT_KILL_PROCESS,
                    "bad architecture action 0x" + Integer.toHexString(other));
        }
    }

    @Test
    void compilingTwiceGivesTheSameProgram() {
        Seccomp p = podmanProfile();
        assertArrayEquals(SeccompCompiler.compile(p).program(), SeccompCompiler.compile(p).program());
    }

    @Test
    void defaultAllowWithOneErrnoRule() {
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, 38L, List.of("mkdir", "mkdirat"))));
        assertEquals(LibSeccomp.actErrno(38), run(f, "mkdirat"));
        if (AMD64) {
            assertEquals(LibSeccomp.actErrno(38), run(f, "mkdir"));
        }
        assertEquals(ALLOW, run(f, "read"));
        assertEquals(ALLOW, BpfInterpreter.run(f.program(), nativeArch, 5000));
    }

    @Test
    void errnoAndTraceWithoutAValueMeanEperm() {
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, null, List.of("getpgid")),
                rule(SeccompAction.TRACE, null, List.of("getsid")),
                rule(SeccompAction.TRACE, 7L, List.of("getppid"))));
        assertEquals(LibSeccomp.actErrno(1), run(f, "getpgid"));
        assertEquals(LibSeccomp.actTrace(1), run(f, "getsid"));
        assertEquals(LibSeccomp.actTrace(7), run(f, "getppid"));
    }

    @Test
    void everyActionMapsToItsKernelValue() {
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ERRNO, 5L, List.of(), List.of(),
                rule(SeccompAction.KILL, null, List.of("getpgid")),
                rule(SeccompAction.KILL_THREAD, null, List.of("getsid")),
                rule(SeccompAction.KILL_PROCESS, null, List.of("getppid")),
                rule(SeccompAction.TRAP, null, List.of("getpriority")),
                rule(SeccompAction.LOG, null, List.of("setpriority")),
                rule(SeccompAction.ALLOW, 99L, List.of("read")))); // errnoRet of ALLOW is ignored
        assertEquals(0x00000000, run(f, "getpgid"));
        assertEquals(0x00000000, run(f, "getsid"));
        assertEquals(0x80000000, run(f, "getppid"));
        assertEquals(0x00030000, run(f, "getpriority"));
        assertEquals(0x7ffc0000, run(f, "setpriority"));
        assertEquals(ALLOW, run(f, "read"));
        assertEquals(LibSeccomp.actErrno(5), run(f, "write"));
    }

    // ---- arguments -------------------------------------------------------------------------

    @Test
    void conditionsOnDistinctArgumentsMustAllHold() {
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, 202L, List.of("getsid"),
                        arg(0, SeccompOperator.EQUAL, 5), arg(1, SeccompOperator.GREATER_THAN, 100))));
        assertEquals(LibSeccomp.actErrno(202), run(f, "getsid", 5, 101));
        assertEquals(ALLOW, run(f, "getsid", 5, 100));
        assertEquals(ALLOW, run(f, "getsid", 6, 101));
    }

    @Test
    void conditionsOnTheSameArgumentAreEachTheirOwnRule() {
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, 201L, List.of("getpgid"),
                        arg(1, SeccompOperator.EQUAL, 17), arg(1, SeccompOperator.EQUAL, 28),
                        arg(2, SeccompOperator.EQUAL, 9))));
        // runc's rule: with a repeated index every condition stands alone, so any one matches.
        assertEquals(LibSeccomp.actErrno(201), run(f, "getpgid", 0, 17));
        assertEquals(LibSeccomp.actErrno(201), run(f, "getpgid", 0, 28));
        assertEquals(LibSeccomp.actErrno(201), run(f, "getpgid", 0, 0, 9));
        assertEquals(ALLOW, run(f, "getpgid", 0, 18, 8));
    }

    @Test
    void everyOperatorComparesUnsigned64BitValues() {
        long big = 0x1_0000_0000L;
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, 10L, List.of("getpgid"), arg(0, SeccompOperator.NOT_EQUAL, big)),
                rule(SeccompAction.ERRNO, 11L, List.of("getsid"), arg(0, SeccompOperator.LESS_THAN, big)),
                rule(SeccompAction.ERRNO, 12L, List.of("getpriority"), arg(1, SeccompOperator.LESS_OR_EQUAL, big)),
                rule(SeccompAction.ERRNO, 13L, List.of("sched_getscheduler"), arg(0, SeccompOperator.EQUAL, -2L)),
                rule(SeccompAction.ERRNO, 14L, List.of("sched_get_priority_max"),
                        arg(0, SeccompOperator.GREATER_OR_EQUAL, big)),
                rule(SeccompAction.ERRNO, 15L, List.of("sched_get_priority_min"),
                        arg(0, SeccompOperator.GREATER_THAN, big))));
        assertEquals(ALLOW, run(f, "getpgid", big));
        assertEquals(LibSeccomp.actErrno(10), run(f, "getpgid", 0));
        assertEquals(LibSeccomp.actErrno(10), run(f, "getpgid", big + 1));
        assertEquals(LibSeccomp.actErrno(11), run(f, "getsid", 0xffffffffL));
        assertEquals(ALLOW, run(f, "getsid", big));
        assertEquals(ALLOW, run(f, "getsid", -1L)); // 2^64-1 is not less than 2^32
        assertEquals(LibSeccomp.actErrno(12), run(f, "getpriority", 0, big));
        assertEquals(ALLOW, run(f, "getpriority", 0, big + 1));
        assertEquals(LibSeccomp.actErrno(13), run(f, "sched_getscheduler", 0xffff_ffff_ffff_fffeL));
        assertEquals(ALLOW, run(f, "sched_getscheduler", 0xffff_fffeL));
        assertEquals(LibSeccomp.actErrno(14), run(f, "sched_get_priority_max", big));
        assertEquals(LibSeccomp.actErrno(14), run(f, "sched_get_priority_max", -1L));
        assertEquals(ALLOW, run(f, "sched_get_priority_max", 0xffffffffL));
        assertEquals(ALLOW, run(f, "sched_get_priority_min", big));
        assertEquals(LibSeccomp.actErrno(15), run(f, "sched_get_priority_min", big + 1));
    }

    @Test
    void maskedEqualTakesTheMaskFromValueAndTheResultFromValueTwo() {
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, 203L, List.of("sched_getscheduler"), masked(0, 0xff00, 0x1200)),
                // clone(2) in Docker's profile: refused when any namespace flag is set.
                rule(SeccompAction.ERRNO, 204L, List.of("getsid"), masked(0, 0x7E020000L, 0))));
        assertEquals(LibSeccomp.actErrno(203), run(f, "sched_getscheduler", 0x1234));
        assertEquals(LibSeccomp.actErrno(203), run(f, "sched_getscheduler", 0x1_0000_12ffL));
        assertEquals(ALLOW, run(f, "sched_getscheduler", 0x1334));
        assertEquals(LibSeccomp.actErrno(204), run(f, "getsid", 0x11)); // SIGCHLD only
        assertEquals(ALLOW, run(f, "getsid", 0x10000000L | 0x11)); // CLONE_NEWNS... set
    }

    // ---- names, architectures, flags --------------------------------------------------------

    @Test
    void namesLibseccompDoesNotKnowAreIgnored() {
        CompiledFilter with = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, 38L, List.of("jrunc_future_call", "mkdirat", "another_unknown_call"))));
        CompiledFilter without = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, 38L, List.of("mkdirat"))));
        assertArrayEquals(without.program(), with.program());
    }

    @Test
    void aRuleWithTheDefaultActionIsSkipped() {
        // libseccomp refuses such a rule with EACCES; runc leaves it out, and so does jrunc.
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ERRNO, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, 1L, List.of("mkdirat")),
                rule(SeccompAction.ERRNO, null, List.of("getpgid")),
                rule(SeccompAction.ALLOW, null, List.of("read", "exit_group"))));
        assertEquals(LibSeccomp.actErrno(1), run(f, "mkdirat"));
        assertEquals(ALLOW, run(f, "read"));
        CompiledFilter kill = SeccompCompiler.compile(profile(SeccompAction.KILL_THREAD, null, List.of(), List.of(),
                rule(SeccompAction.KILL, null, List.of("mkdirat")),
                rule(SeccompAction.ALLOW, null, List.of("read"))));
        assertEquals(0, run(kill, "mkdirat"));
    }

    @Test
    void theNativeArchitectureStaysWhenOthersAreListed() {
        assumeTrue(AMD64, "x86_64 only");
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ERRNO, 38L, List.of("SCMP_ARCH_X86"),
                List.of(), rule(SeccompAction.ALLOW, null, List.of("read"))));
        assertEquals(ALLOW, BpfInterpreter.run(f.program(), X86_64, 0));
        assertEquals(ALLOW, BpfInterpreter.run(f.program(), I386, 3));
        assertEquals(LibSeccomp.actErrno(38), BpfInterpreter.run(f.program(), I386, 4));
        // x32 was not listed: its calls get the bad-architecture action, not ALLOW.
        assertNotEquals(ALLOW, BpfInterpreter.run(f.program(), X86_64, X32_BIT));
    }

    @Test
    void flagsBecomeTheSeccompBits() {
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(),
                List.of("SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC")));
        assertEquals(2 | 4, f.flags());
        assertEquals(ALLOW, run(f, "read"));
        assertEquals(0, SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(),
                List.of("SECCOMP_FILTER_FLAG_TSYNC"))).flags());
    }

    @Test
    void manyNamesUseTheBinaryTreeAndStillAnswerTheSame() {
        // Above 32 names runc turns on libseccomp's binary tree: the answers must not change.
        Seccomp p = podmanProfile();
        List<String> names = new ArrayList<>();
        for (Syscall s : p.syscalls()) {
            if (s.action() == SeccompAction.ALLOW && s.args().isEmpty()) {
                names.addAll(s.names());
            }
        }
        assertTrue(names.size() > 32);
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ERRNO, null, p.architectures(), List.of(),
                rule(SeccompAction.ALLOW, null, names)));
        for (String name : names) {
            int n = nr(name);
            if (n >= 0) {
                assertEquals(ALLOW, BpfInterpreter.run(f.program(), nativeArch, n), name);
            }
        }
        assertEquals(LibSeccomp.actErrno(1), run(f, "acct"));
    }

    // ---- the -ENOSYS stub ----------------------------------------------------------------------

    @Test
    void callsNewerThanTheProfileGetEnosysUnderADenyingDefault() {
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ERRNO, null, List.of(), List.of(),
                rule(SeccompAction.ALLOW, null, List.of("read", "write", "mkdirat", "jrunc_unknown"))));
        int highest = Math.max(nr("read"), Math.max(nr("write"), nr("mkdirat")));
        assertEquals(ALLOW, run(f, "mkdirat"));
        assertEquals(LibSeccomp.actErrno(1), BpfInterpreter.run(f.program(), nativeArch, highest - 1));
        assertEquals(EnosysStub.RET_ERRNO_ENOSYS, BpfInterpreter.run(f.program(), nativeArch, highest + 1));
        assertEquals(EnosysStub.RET_ERRNO_ENOSYS, BpfInterpreter.run(f.program(), nativeArch, 5000));
    }

    @Test
    void killingDefaultsGetTheStubToo() {
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.KILL_PROCESS, null, List.of(), List.of(),
                rule(SeccompAction.ALLOW, null, List.of("read", "openat"))));
        int highest = Math.max(nr("read"), nr("openat"));
        assertEquals(ALLOW, run(f, "read"));
        assertEquals(ALLOW, run(f, "openat"));
        // Below the highest named call the default still kills; above it the call is just unknown.
        assertEquals(LibSeccomp.ACT_KILL_PROCESS, BpfInterpreter.run(f.program(), nativeArch, highest - 1));
        assertEquals(EnosysStub.RET_ERRNO_ENOSYS, BpfInterpreter.run(f.program(), nativeArch, highest + 1));
    }

    @Test
    void permissiveDefaultsAndAnEnosysDefaultHaveNoStub() {
        assertFalse(SeccompCompiler.needsEnosysStub(SeccompAction.ALLOW, ALLOW));
        assertFalse(SeccompCompiler.needsEnosysStub(SeccompAction.LOG, LibSeccomp.ACT_LOG));
        assertFalse(SeccompCompiler.needsEnosysStub(SeccompAction.TRACE, LibSeccomp.actTrace(1)));
        assertFalse(SeccompCompiler.needsEnosysStub(SeccompAction.ERRNO, LibSeccomp.actErrno(38)));
        assertTrue(SeccompCompiler.needsEnosysStub(SeccompAction.ERRNO, LibSeccomp.actErrno(1)));
        assertTrue(SeccompCompiler.needsEnosysStub(SeccompAction.KILL, 0));
        assertTrue(SeccompCompiler.needsEnosysStub(SeccompAction.TRAP, LibSeccomp.ACT_TRAP));
        // With the stub the program starts with the stub's own arch check, not libseccomp's.
        CompiledFilter log = SeccompCompiler.compile(profile(SeccompAction.LOG, null, List.of(), List.of(),
                rule(SeccompAction.ALLOW, null, List.of("read"))));
        assertEquals(LibSeccomp.ACT_LOG, BpfInterpreter.run(log.program(), nativeArch, 5000));
    }

    @Test
    void theStubCoversEveryListedArchitecture() {
        assumeTrue(AMD64, "x86_64 only");
        CompiledFilter f = SeccompCompiler.compile(profile(SeccompAction.ERRNO, null,
                List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), List.of(),
                rule(SeccompAction.ALLOW, null, List.of("read", "openat"))));
        int x86max = LibSeccomp.syscallResolveNameArch(I386, "openat");
        int x32max = LibSeccomp.syscallResolveNameArch(LibSeccomp.ARCH_X32, "openat");
        assertEquals(ALLOW, BpfInterpreter.run(f.program(), X86_64, nr("openat")));
        assertEquals(EnosysStub.RET_ERRNO_ENOSYS, BpfInterpreter.run(f.program(), X86_64, nr("openat") + 1));
        assertEquals(LibSeccomp.actErrno(1), BpfInterpreter.run(f.program(), X86_64, nr("openat") - 1));
        assertEquals(ALLOW, BpfInterpreter.run(f.program(), I386, x86max));
        assertEquals(EnosysStub.RET_ERRNO_ENOSYS, BpfInterpreter.run(f.program(), I386, x86max + 1));
        assertEquals(ALLOW, BpfInterpreter.run(f.program(), X86_64, x32max));
        assertEquals(EnosysStub.RET_ERRNO_ENOSYS, BpfInterpreter.run(f.program(), X86_64, x32max + 1));
    }

    // ---- errors ---------------------------------------------------------------------------------

    private static Seccomp withListener(Seccomp s, String path) {
        return new Seccomp(s.defaultAction(), s.defaultErrnoRet(), s.architectures(), s.flags(), path, "meta",
                s.syscalls());
    }

    @Test
    void aNotifyRuleAnswersUserNotifAndAsksForAListener() {
        CompiledFilter f = SeccompCompiler.compile(withListener(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, null, List.of("rmdir")),
                rule(SeccompAction.NOTIFY, null, List.of("mkdir", "mkdirat"))), "/run/agent.sock"));
        assertTrue(f.hasListener());
        assertEquals(SeccompCompiler.FLAG_NEW_LISTENER, f.flags());
        assertEquals(LibSeccomp.ACT_NOTIFY, run(f, "mkdirat"));
        assertEquals(LibSeccomp.ACT_NOTIFY, run(f, "mkdir"));
        assertEquals(LibSeccomp.actErrno(1), run(f, "rmdir"));
        assertEquals(ALLOW, run(f, "getpid"));

        CompiledFilter killable = SeccompCompiler.compile(withListener(profile(SeccompAction.ALLOW, null, List.of(),
                List.of("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"), rule(SeccompAction.NOTIFY, null, List.of("mkdir"))),
                "/run/agent.sock"));
        assertEquals(SeccompCompiler.FLAG_NEW_LISTENER | SeccompCompiler.FLAG_WAIT_KILLABLE_RECV, killable.flags());
        assertFalse(SeccompCompiler.compile(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, null, List.of("mkdir")))).hasListener());
    }

    @Test
    void notifyNeedsAListenerPathLeavesSendmsgAloneAndIsNeverTheDefault() {
        Seccomp noListener = profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, null, List.of("mkdir")), rule(SeccompAction.NOTIFY, null, List.of("openat")));
        assertEquals("linux.seccomp.listenerPath: required when a rule uses SCMP_ACT_NOTIFY (linux.seccomp.syscalls[1])",
                fails(noListener).getMessage());
        assertEquals("linux.seccomp.listenerPath: required when a rule uses SCMP_ACT_NOTIFY (linux.seccomp.syscalls[1])",
                fails(withListener(noListener, "")).getMessage());
        assertEquals("linux.seccomp.syscalls[0].action: SCMP_ACT_NOTIFY cannot be used for the sendmsg syscall "
                + "(jrunc hands the notify fd over with it)", fails(withListener(profile(SeccompAction.ALLOW, null,
                        List.of(), List.of(), rule(SeccompAction.NOTIFY, null, List.of("write", "sendmsg"))), "/a.sock"))
                .getMessage());
        assertEquals("linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action",
                fails(withListener(profile(SeccompAction.NOTIFY, null, List.of(), List.of()), "/a.sock")).getMessage());
    }

    @Test
    void anArgumentIndexAboveFiveNamesItsPath() {
        ContainerException e = fails(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, null, List.of("mkdir")),
                rule(SeccompAction.ERRNO, null, List.of("kill"), arg(0, SeccompOperator.EQUAL, 1),
                        arg(6, SeccompOperator.EQUAL, 1))));
        assertEquals("linux.seccomp.syscalls[1].args[1].index: 6 is out of range (system call arguments are "
                + "numbered 0 to 5)", e.getMessage());
    }

    @Test
    void anErrnoBeyond16BitsNamesItsPath() {
        assertEquals("linux.seccomp.syscalls[0].errnoRet: 70000 is out of range (the filter returns a 16-bit value, "
                + "0 to 65535)", fails(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                        rule(SeccompAction.ERRNO, 70000L, List.of("mkdir")))).getMessage());
        assertEquals("linux.seccomp.defaultErrnoRet: 4294967295 is out of range (the filter returns a 16-bit value, "
                + "0 to 65535)", fails(profile(SeccompAction.ERRNO, 4294967295L, List.of(), List.of())).getMessage());
    }

    @Test
    void anUnknownArchitectureNamesItsPath() {
        ContainerException e = fails(profile(SeccompAction.ALLOW, null, List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_VAX"),
                List.of()));
        assertEquals("linux.seccomp.architectures[1]: SCMP_ARCH_VAX is not an architecture libseccomp "
                + LibSeccomp.version() + " knows", e.getMessage());
    }

    @Test
    void flagErrorsNameTheirPath() {
        assertEquals("linux.seccomp.flags[1]: unknown seccomp flag \"SECCOMP_FILTER_FLAG_NEW_LISTENER\"",
                fails(profile(SeccompAction.ALLOW, null, List.of(),
                        List.of("SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_NEW_LISTENER"))).getMessage());
        assertTrue(fails(profile(SeccompAction.ALLOW, null, List.of(), List.of("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV")))
                .getMessage().startsWith("linux.seccomp.flags: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV needs an "
                        + "SCMP_ACT_NOTIFY rule"));
    }

    @Test
    void anEmptyNameNamesItsPath() {
        assertEquals("linux.seccomp.syscalls[0].names[1]: an empty string is not a system call name",
                fails(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                        rule(SeccompAction.ERRNO, null, List.of("mkdir", "")))).getMessage());
    }

    @Test
    void aRuleLibseccompRefusesNamesThePathAndTheCall() {
        // Two rules with identical conditions and different actions conflict (EEXIST).
        ContainerException e = fails(profile(SeccompAction.ALLOW, null, List.of(), List.of(),
                rule(SeccompAction.ERRNO, null, List.of("getpgid"), arg(0, SeccompOperator.EQUAL, 1)),
                rule(SeccompAction.KILL, null, List.of("getsid", "getpgid"), arg(0, SeccompOperator.EQUAL, 1))));
        assertEquals("linux.seccomp.syscalls[1].names[1]: seccomp_rule_add_array(action=0x0, syscall=" + nr("getpgid")
                + " (getpgid), args=[arg0 EQ 1]): File exists (EEXIST)", e.getMessage());
    }
}
