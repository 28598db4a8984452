package dev.jrunc.container.seccomp;

import dev.jrunc.sys.LibSeccomp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The classic BPF prefix runc's {@code libcontainer/seccomp/patchbpf} puts in front of the
 * libseccomp program: a system call whose number is above the highest one the profile names
 * (for the architecture of the caller) returns {@code -ENOSYS} instead of the default action,
 * so programs fall back from system calls newer than the profile (clone3, openat2, ...) instead
 * of failing with EPERM. The instruction sequence is runc's, jump for jump, so the two runtimes
 * give a container the same answers; only the order of the architecture sections is fixed here
 * (the order given) where runc's follows Go map iteration.
 */
final class EnosysStub {
    /** SECCOMP_RET_ERRNO | ENOSYS. */
    static final int RET_ERRNO_ENOSYS = 0x00050000 | 38;

    // struct sock_filter codes.
    static final int LD_W_ABS = 0x20; // BPF_LD | BPF_W | BPF_ABS
    static final int JMP_JA = 0x05; // BPF_JMP | BPF_JA
    static final int JMP_JEQ_K = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
    static final int JMP_JGT_K = 0x25; // BPF_JMP | BPF_JGT | BPF_K
    static final int JMP_JSET_K = 0x45; // BPF_JMP | BPF_JSET | BPF_K
    static final int RET_K = 0x06; // BPF_RET | BPF_K

    /** offsetof(struct seccomp_data, nr) and offsetof(struct seccomp_data, arch). */
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int AUDIT_ARCH_X86_64 = LibSeccomp.ARCH_X86_64;

    private EnosysStub() {
    }

    /** One {@code struct sock_filter}. */
    record Insn(int code, int jt, int jf, int k) {
        Insn {
            if (jt < 0 || jt > 255 || jf < 0 || jf > 255) {
                throw new IllegalStateException("BPF jump out of range: jt=" + jt + ", jf=" + jf);
            }
        }
    }

    /**
     * The kernel's AUDIT_ARCH value for a libseccomp architecture token: the same number,
     * except x32, whose processes report AUDIT_ARCH_X86_64.
     */
    static int auditArch(int scmpArch) {
        return scmpArch == LibSeccomp.ARCH_X32 ? AUDIT_ARCH_X86_64 : scmpArch;
    }

    /**
     * The stub for the highest system call numbers per architecture: {@code scmpArchs[i]} has
     * {@code highest[i]} (0 meaning "no system call of the profile exists there", which is
     * skipped). The arrays are parallel; each token appears once.
     *
     * @throws IllegalArgumentException for two tokens sharing an AUDIT_ARCH other than x86_64/x32
     */
    static List<Insn> generate(int[] scmpArchs, int[] highest) {
        // Group by AUDIT_ARCH in first-seen order; x86_64 and x32 are the only pair that shares one.
        int[] audits = new int[scmpArchs.length];
        int[][] members = new int[scmpArchs.length][];
        int groups = 0;
        for (int i = 0; i < scmpArchs.length; i++) {
            if (highest[i] == 0) {
                continue;
            }
            int audit = auditArch(scmpArchs[i]);
            int g = 0;
            while (g < groups && audits[g] != audit) {
                g++;
            }
            if (g == groups) {
                audits[g] = audit;
                members[g] = new int[0];
                groups++;
            }
            int[] grown = Arrays.copyOf(members[g], members[g].length + 1);
            grown[grown.length - 1] = i;
            members[g] = grown;
        }

        // Built back to front: every jump is measured from the end of the stub.
        List<Insn> tail = new ArrayList<>();
        tail.add(ja(1)); // fall-through rules jump into the filter
        tail.add(ret(RET_ERRNO_ENOSYS)); // rules which jump here get -ENOSYS
        int[] jumpTable = new int[groups];

        for (int g = 0; g < groups; g++) {
            int audit = audits[g];
            int baseJumpEnosys = tail.size() - 1;
            int baseJumpFilter = baseJumpEnosys + 1;
            List<Insn> section = new ArrayList<>();
            section.add(load(OFFSET_NR));
            if (members[g].length == 1) {
                int scmpArch = scmpArchs[members[g][0]];
                int sysno = highest[members[g][0]];
                if (scmpArch == LibSeccomp.ARCH_S390 || scmpArch == LibSeccomp.ARCH_S390X) {
                    // setup(2), number 0, multiplexes unknown calls on s390(x): -ENOSYS for it too.
                    section.add(new Insn(JMP_JEQ_K, 0, 1, 0));
                    section.add(ret(RET_ERRNO_ENOSYS));
                }
                List<Insn> sectionTail = new ArrayList<>();
                if (baseJumpEnosys + 1 <= 255) {
                    sectionTail.add(new Insn(JMP_JGT_K, baseJumpEnosys + 1, 0, sysno));
                    sectionTail.add(ja(baseJumpFilter));
                } else {
                    sectionTail.add(new Insn(JMP_JGT_K, 0, 1, sysno)); // jle sysno, 1
                    sectionTail.add(ret(RET_ERRNO_ENOSYS));
                    sectionTail.add(ja(baseJumpFilter));
                }
                if (audit == AUDIT_ARCH_X86_64) {
                    // x86_64 and x32 share the AUDIT_ARCH; bit 30 of the number tells them apart,
                    // and a call of the other mode goes straight to the filter.
                    if (scmpArch == LibSeccomp.ARCH_X86_64) {
                        sectionTail.add(0, new Insn(JMP_JSET_K, sectionTail.size() - 1, 0, X32_SYSCALL_BIT));
                    } else {
                        sectionTail.add(0, new Insn(JMP_JSET_K, 0, sectionTail.size() - 1, X32_SYSCALL_BIT));
                    }
                }
                section.addAll(sectionTail);
            } else {
                int x86 = 0;
                int x32 = 0;
                for (int m : members[g]) {
                    if (scmpArchs[m] == LibSeccomp.ARCH_X86_64) {
                        x86 = highest[m];
                    } else if (scmpArchs[m] == LibSeccomp.ARCH_X32) {
                        x32 = highest[m];
                    }
                }
                if (audit != AUDIT_ARCH_X86_64 || members[g].length != 2 || x86 == 0 || x32 == 0) {
                    throw new IllegalArgumentException("unknown architecture overlap on AUDIT_ARCH 0x"
                            + Integer.toHexString(audit));
                }
                if (baseJumpEnosys + 2 <= 255) {
                    section.add(new Insn(JMP_JSET_K, 1, 0, X32_SYSCALL_BIT));
                    section.add(new Insn(JMP_JGT_K, baseJumpEnosys + 2, 1, x86));
                    section.add(new Insn(JMP_JGT_K, baseJumpEnosys + 1, 0, x32));
                    section.add(ja(baseJumpFilter));
                } else {
                    section.add(new Insn(JMP_JSET_K, 1, 0, X32_SYSCALL_BIT));
                    section.add(new Insn(JMP_JGT_K, 1, 2, x86));
                    section.add(new Insn(JMP_JGT_K, 0, 1, x32)); // jle x32, 1
                    section.add(ret(RET_ERRNO_ENOSYS));
                    section.add(ja(baseJumpFilter));
                }
            }
            tail.addAll(0, section);
            jumpTable[g] = tail.size();
        }

        // Any other architecture goes to the filter (which applies its bad-architecture action).
        tail.add(0, ja(tail.size()));
        for (int g = 0; g < groups; g++) {
            int jump = tail.size() - jumpTable[g];
            if (jump <= 255) {
                tail.add(0, new Insn(JMP_JEQ_K, jump, 0, audits[g]));
            } else {
                tail.add(0, ja(jump));
                tail.add(0, new Insn(JMP_JEQ_K, 0, 1, audits[g])); // jne arch, 1
            }
        }
        tail.add(0, load(OFFSET_ARCH));
        return tail;
    }

    /** {@code instructions} as {@code struct sock_filter[]} bytes in native byte order. */
    static byte[] encode(List<Insn> instructions) {
        ByteBuffer b = ByteBuffer.allocate(instructions.size() * 8).order(ByteOrder.nativeOrder());
        for (int i = 0; i < instructions.size(); i++) {
            Insn insn = instructions.get(i);
            b.putShort((short) insn.code()).put((byte) insn.jt()).put((byte) insn.jf()).putInt(insn.k());
        }
        return b.array();
    }

    private static Insn load(int offset) {
        return new Insn(LD_W_ABS, 0, 0, offset);
    }

    private static Insn ja(int skip) {
        return new Insn(JMP_JA, 0, 0, skip);
    }

    private static Insn ret(int value) {
        return new Insn(RET_K, 0, 0, value);
    }
}
