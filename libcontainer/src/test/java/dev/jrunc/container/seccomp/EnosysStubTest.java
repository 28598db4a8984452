package dev.jrunc.container.seccomp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.seccomp.EnosysStub.Insn;
import dev.jrunc.sys.LibSeccomp;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The -ENOSYS prefix on its own, followed by a one-instruction "filter" that returns a marker. */
class EnosysStubTest {
    private static final int ENOSYS = EnosysStub.RET_ERRNO_ENOSYS;
    private static final int FILTER = 0x7fff0042;
    private static final int X32_BIT = 0x40000000;
    private static final int AUDIT_I386 = LibSeccomp.ARCH_X86;
    private static final int AUDIT_X86_64 = LibSeccomp.ARCH_X86_64;

    private static byte[] withFilter(List<Insn> stub) {
        byte[] s = EnosysStub.encode(stub);
        byte[] f = EnosysStub.encode(List.of(new Insn(EnosysStub.RET_K, 0, 0, FILTER)));
        byte[] out = new byte[s.length + f.length];
        System.arraycopy(s, 0, out, 0, s.length);
        System.arraycopy(f, 0, out, s.length, f.length);
        return out;
    }

    private static byte[] stub(int[] arches, int[] highest) {
        return withFilter(EnosysStub.generate(arches, highest));
    }

    @Test
    void x86_64AloneIsRuncsNineInstructions() {
        List<Insn> stub = EnosysStub.generate(new int[] {LibSeccomp.ARCH_X86_64}, new int[] {300});
        assertEquals(List.of(
                new Insn(0x20, 0, 0, 4), // ld [4]
                new Insn(0x15, 1, 0, AUDIT_X86_64), // jeq x86_64, 1
                new Insn(0x05, 0, 0, 6), // ja filter
                new Insn(0x20, 0, 0, 0), // ld [0]
                new Insn(0x45, 1, 0, X32_BIT), // jset (1<<30), 1 (an x32 call goes to the filter)
                new Insn(0x25, 2, 0, 300), // jgt 300, enosys
                new Insn(0x05, 0, 0, 2), // ja filter
                new Insn(0x05, 0, 0, 1), // ja filter
                new Insn(0x06, 0, 0, ENOSYS)), stub);
    }

    @Test
    void callsAboveTheHighestGetEnosysAndTheRestReachTheFilter() {
        byte[] p = stub(new int[] {LibSeccomp.ARCH_X86_64}, new int[] {300});
        assertEquals(ENOSYS, BpfInterpreter.run(p, AUDIT_X86_64, 301));
        assertEquals(ENOSYS, BpfInterpreter.run(p, AUDIT_X86_64, 0x3fffffff));
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, 300));
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, 0));
        // x32 calls and other architectures are the filter's business.
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, X32_BIT | 500));
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_I386, 1000));
        assertEquals(FILTER, BpfInterpreter.run(p, LibSeccomp.ARCH_AARCH64, 1000));
    }

    @Test
    void x86_64X32AndI386EachHaveTheirOwnLimit() {
        byte[] p = stub(new int[] {LibSeccomp.ARCH_X86_64, LibSeccomp.ARCH_X32, LibSeccomp.ARCH_X86},
                new int[] {300, X32_BIT | 200, 400});
        assertEquals(ENOSYS, BpfInterpreter.run(p, AUDIT_X86_64, 301));
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, 300));
        assertEquals(ENOSYS, BpfInterpreter.run(p, AUDIT_X86_64, X32_BIT | 201));
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, X32_BIT | 200));
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, X32_BIT));
        assertEquals(ENOSYS, BpfInterpreter.run(p, AUDIT_I386, 401));
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_I386, 400));
        assertEquals(FILTER, BpfInterpreter.run(p, LibSeccomp.ARCH_AARCH64, 5000));
    }

    @Test
    void x32AloneLeavesX86_64CallsToTheFilter() {
        byte[] p = stub(new int[] {LibSeccomp.ARCH_X32}, new int[] {X32_BIT | 200});
        assertEquals(ENOSYS, BpfInterpreter.run(p, AUDIT_X86_64, X32_BIT | 201));
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, X32_BIT | 200));
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, 500));
    }

    @Test
    void s390xAlsoAnswersEnosysForTheMultiplexingCallZero() {
        byte[] p = stub(new int[] {LibSeccomp.ARCH_S390X}, new int[] {400});
        assertEquals(ENOSYS, BpfInterpreter.run(p, LibSeccomp.ARCH_S390X, 0));
        assertEquals(FILTER, BpfInterpreter.run(p, LibSeccomp.ARCH_S390X, 1));
        assertEquals(FILTER, BpfInterpreter.run(p, LibSeccomp.ARCH_S390X, 400));
        assertEquals(ENOSYS, BpfInterpreter.run(p, LibSeccomp.ARCH_S390X, 401));
    }

    @Test
    void anArchitectureWithoutAnyProfileCallIsLeftOut() {
        List<Insn> stub = EnosysStub.generate(new int[] {LibSeccomp.ARCH_X86_64, LibSeccomp.ARCH_X86}, new int[] {0, 0});
        assertEquals(4, stub.size());
        byte[] p = withFilter(stub);
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, 100000));
        assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_I386, 100000));
    }

    @Test
    void longJumpsAreUsedBeyond255Instructions() {
        // 100 made-up architectures make the stub longer than a conditional jump can reach.
        for (boolean x86First : new boolean[] {true, false}) {
            int fake = 100;
            int[] arches = new int[fake + 2];
            int[] highest = new int[fake + 2];
            int base = x86First ? 2 : 0;
            int pair = x86First ? 0 : fake;
            arches[pair] = LibSeccomp.ARCH_X86_64;
            highest[pair] = 300;
            arches[pair + 1] = LibSeccomp.ARCH_X32;
            highest[pair + 1] = X32_BIT | 200;
            for (int i = 0; i < fake; i++) {
                arches[base + i] = 0x1000 + i;
                highest[base + i] = 100 + i;
            }
            List<Insn> stub = EnosysStub.generate(arches, highest);
            assertTrue(stub.size() > 300, stub.size() + " instructions");
            byte[] p = withFilter(stub);
            for (int i = 0; i < fake; i++) {
                assertEquals(ENOSYS, BpfInterpreter.run(p, 0x1000 + i, 100 + i + 1), "arch " + i);
                assertEquals(FILTER, BpfInterpreter.run(p, 0x1000 + i, 100 + i), "arch " + i);
            }
            assertEquals(ENOSYS, BpfInterpreter.run(p, AUDIT_X86_64, 301));
            assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, 300));
            assertEquals(ENOSYS, BpfInterpreter.run(p, AUDIT_X86_64, X32_BIT | 201));
            assertEquals(FILTER, BpfInterpreter.run(p, AUDIT_X86_64, X32_BIT | 200));
            assertEquals(FILTER, BpfInterpreter.run(p, 0x5000, 100000));
        }
    }

    @Test
    void twoTokensOnOneAuditArchOtherThanX86_64AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EnosysStub.generate(
                new int[] {LibSeccomp.ARCH_X86_64, LibSeccomp.ARCH_X86_64}, new int[] {1, 2}));
    }

    @Test
    void x32SharesTheX86_64AuditArch() {
        assertEquals(AUDIT_X86_64, EnosysStub.auditArch(LibSeccomp.ARCH_X32));
        assertEquals(AUDIT_I386, EnosysStub.auditArch(LibSeccomp.ARCH_X86));
    }

    @Test
    void encodesStructSockFilter() {
        byte[] b = EnosysStub.encode(List.of(new Insn(0x25, 7, 9, 0x01020304)));
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            assertArrayEquals(new byte[] {0x25, 0, 7, 9, 4, 3, 2, 1}, b);
        } else {
            assertArrayEquals(new byte[] {0, 0x25, 7, 9, 1, 2, 3, 4}, b);
        }
    }
}
