package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LibSeccompTest {
    private static final boolean AMD64 = System.getProperty("os.arch").equals("amd64");
    private static final boolean AARCH64 = System.getProperty("os.arch").equals("aarch64");

    @BeforeAll
    static void libseccompIsInstalled() {
        assumeTrue(LibSeccomp.isInstalled(), LibSeccomp.SONAME + " is not installed (apt-get install libseccomp2)");
    }

    @Test
    void versionIsAtLeast25() {
        LibSeccomp.Version v = LibSeccomp.version();
        assertTrue(v.atLeast(2, 5), "libseccomp " + v);
        assertEquals(v.major() + "." + v.minor() + "." + v.micro(), v.toString());
    }

    @Test
    void resolvesReadOnTheNativeArchitecture() {
        if (AMD64) {
            assertEquals(0, LibSeccomp.syscallResolveName("read"));
            assertEquals(83, LibSeccomp.syscallResolveName("mkdir"));
        } else if (AARCH64) {
            assertEquals(63, LibSeccomp.syscallResolveName("read"));
        }
        assertEquals(LibSeccomp.syscallResolveNameArch(LibSeccomp.archNative(), "read"),
                LibSeccomp.syscallResolveName("read"));
    }

    @Test
    void anUnknownNameIsNrScmpError() {
        assertEquals(LibSeccomp.NR_SCMP_ERROR, LibSeccomp.syscallResolveName("jrunc_no_such_call"));
        assertEquals(LibSeccomp.NR_SCMP_ERROR, LibSeccomp.syscallResolveName(""));
    }

    @Test
    void aCallMissingOnThisArchitectureIsANegativePseudoNumber() {
        assumeTrue(AMD64, "x86_64 only");
        // stime(2) exists on i386, not on x86_64.
        int nr = LibSeccomp.syscallResolveName("stime");
        assertTrue(nr < LibSeccomp.NR_SCMP_ERROR, "stime is " + nr);
        assertEquals(25, LibSeccomp.syscallResolveNameArch(LibSeccomp.ARCH_X86, "stime"));
    }

    @Test
    void architectures() {
        assertEquals(LibSeccomp.ARCH_X86_64, LibSeccomp.archResolveName("x86_64"));
        assertEquals(LibSeccomp.ARCH_X86, LibSeccomp.archResolveName("x86"));
        assertEquals(LibSeccomp.ARCH_X32, LibSeccomp.archResolveName("x32"));
        assertEquals(LibSeccomp.ARCH_AARCH64, LibSeccomp.archResolveName("aarch64"));
        assertEquals(LibSeccomp.ARCH_ARM, LibSeccomp.archResolveName("arm"));
        assertEquals(LibSeccomp.ARCH_S390X, LibSeccomp.archResolveName("s390x"));
        assertEquals(0, LibSeccomp.archResolveName("jrunc-arch"));
        if (AMD64) {
            assertEquals(LibSeccomp.ARCH_X86_64, LibSeccomp.archNative());
        } else if (AARCH64) {
            assertEquals(LibSeccomp.ARCH_AARCH64, LibSeccomp.archNative());
        }
    }

    @Test
    void x32NumbersCarryBit30() {
        assertEquals(0x40000000, LibSeccomp.syscallResolveNameArch(LibSeccomp.ARCH_X32, "read"));
        assertEquals(3, LibSeccomp.syscallResolveNameArch(LibSeccomp.ARCH_X86, "read"));
    }

    @Test
    void resolvesManyNamesAtOnce() {
        int[] numbers = LibSeccomp.syscallResolveNames(List.of("read", "jrunc_no_such_call", "mkdirat", ""));
        assertEquals(4, numbers.length);
        assertEquals(LibSeccomp.syscallResolveName("read"), numbers[0]);
        assertEquals(LibSeccomp.NR_SCMP_ERROR, numbers[1]);
        assertEquals(LibSeccomp.syscallResolveName("mkdirat"), numbers[2]);
        assertEquals(LibSeccomp.NR_SCMP_ERROR, numbers[3]);
        assertEquals(0, LibSeccomp.syscallResolveNames(List.of()).length);
    }

    @Test
    void highestSyscallIgnoresUnknownAndPseudoNumbers() {
        assertEquals(0, LibSeccomp.highestSyscall(LibSeccomp.ARCH_X86_64, List.of()));
        assertEquals(83, LibSeccomp.highestSyscall(LibSeccomp.ARCH_X86_64,
                List.of("read", "mkdir", "stime", "jrunc_no_such_call", "")));
        assertEquals(0, LibSeccomp.highestSyscall(LibSeccomp.ARCH_X86_64, List.of("stime", "read")));
    }

    @Test
    void actionsCarryA16BitValue() {
        assertEquals(0x00050001, LibSeccomp.actErrno(1));
        assertEquals(0x0005ffff, LibSeccomp.actErrno(0x1ffff));
        assertEquals(0x7ff00026, LibSeccomp.actTrace(38));
    }

    @Test
    void exportsAProgramOfWholeInstructionsEndingInAReturn() {
        byte[] program;
        try (LibSeccomp.Filter f = LibSeccomp.init(LibSeccomp.ACT_ALLOW)) {
            f.attrSet(LibSeccomp.FLTATR_CTL_NNP, 0);
            f.ruleAdd(LibSeccomp.actErrno(38), LibSeccomp.syscallResolveName("mkdir"), List.of(), "mkdir");
            f.ruleAdd(LibSeccomp.actErrno(1), LibSeccomp.syscallResolveName("kill"),
                    List.of(new LibSeccomp.ArgCmp(1, LibSeccomp.CMP_EQ, 17, 0),
                            new LibSeccomp.ArgCmp(0, LibSeccomp.CMP_MASKED_EQ, 0xff00, 0x1200)), "kill");
            program = f.exportBpf();
        }
        assertTrue(program.length >= 8 && program.length % 8 == 0, program.length + " bytes");
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        // The first instruction loads seccomp_data.arch (BPF_LD|BPF_W|BPF_ABS, k=4).
        assertEquals(0x20, b.getShort(0));
        assertEquals(4, b.getInt(4));
        // The last one returns (BPF_RET|BPF_K).
        assertEquals(0x06, b.getShort(program.length - 8));
        boolean returnsEnosys = false;
        boolean returnsAllow = false;
        for (int off = 0; off < program.length; off += 8) {
            if (b.getShort(off) == 0x06) {
                returnsEnosys |= b.getInt(off + 4) == LibSeccomp.actErrno(38);
                returnsAllow |= b.getInt(off + 4) == LibSeccomp.ACT_ALLOW;
            }
        }
        assertTrue(returnsEnosys && returnsAllow);
    }

    @Test
    void archAddReportsAnArchitectureAlreadyPresent() {
        try (LibSeccomp.Filter f = LibSeccomp.init(LibSeccomp.ACT_ALLOW)) {
            assertFalse(f.archAdd(LibSeccomp.archNative()));
            int other = LibSeccomp.archNative() == LibSeccomp.ARCH_X86_64 ? LibSeccomp.ARCH_X86 : LibSeccomp.ARCH_ARM;
            assertTrue(f.archAdd(other));
            assertFalse(f.archAdd(other));
            f.archRemove(other);
            SyscallException e = assertThrows(SyscallException.class, () -> f.archRemove(other));
            assertEquals("seccomp_arch_remove", e.syscall());
        }
    }

    @Test
    void aRuleWithTheDefaultActionFailsNamingTheCall() {
        try (LibSeccomp.Filter f = LibSeccomp.init(LibSeccomp.actErrno(1))) {
            SyscallException e = assertThrows(SyscallException.class,
                    () -> f.ruleAdd(LibSeccomp.actErrno(1), 83, List.of(), "mkdir"));
            assertEquals(Errno.EACCES, e.errno());
            assertEquals("seccomp_rule_add_array(action=0x50001, syscall=83 (mkdir)): Permission denied (EACCES)",
                    e.getMessage());
        }
    }

    @Test
    void twoConditionsOnOneArgumentAreRefused() {
        try (LibSeccomp.Filter f = LibSeccomp.init(LibSeccomp.ACT_ALLOW)) {
            SyscallException e = assertThrows(SyscallException.class, () -> f.ruleAdd(LibSeccomp.actErrno(1), 62,
                    List.of(new LibSeccomp.ArgCmp(1, LibSeccomp.CMP_EQ, 17, 0),
                            new LibSeccomp.ArgCmp(1, LibSeccomp.CMP_MASKED_EQ, -1L, 28)), "kill"));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("args=[arg1 EQ 17, arg1 MASKED_EQ 18446744073709551615 28]"),
                    e.getMessage());
        }
    }

    @Test
    void anInvalidDefaultActionFailsInit() {
        SyscallException e = assertThrows(SyscallException.class, () -> LibSeccomp.init(0x12345678));
        assertEquals("seccomp_init", e.syscall());
    }

    @Test
    void aReleasedFilterCannotBeUsedAndReleasesOnce() {
        LibSeccomp.Filter f = LibSeccomp.init(LibSeccomp.ACT_ALLOW);
        f.close();
        f.close();
        assertThrows(IllegalStateException.class, f::exportBpf);
        assertThrows(IllegalStateException.class, () -> f.attrSet(LibSeccomp.FLTATR_CTL_NNP, 0));
    }

    @Test
    void aMissingLibraryIsExplainedInOneLine() {
        LibSeccomp.NotInstalledException e = assertThrows(LibSeccomp.NotInstalledException.class,
                () -> LibSeccomp.open("libjrunc-no-such-library.so.7"));
        assertEquals("libjrunc-no-such-library.so.7 is not installed (apt-get install libseccomp2)", e.getMessage());
    }
}
