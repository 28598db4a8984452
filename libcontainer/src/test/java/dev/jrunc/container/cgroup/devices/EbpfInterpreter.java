package dev.jrunc.container.cgroup.devices;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs an encoded {@code BPF_PROG_TYPE_CGROUP_DEVICE} program against one device request, for
 * tests. It knows only the instructions the device filter compiler emits, and is as strict as
 * the kernel verifier would be about them: no uninitialised register is read, the context is
 * only read through r1 as received, at its three aligned u32 fields, jumps go forward inside
 * the program, and the program ends in exit with r0 set. Anything else fails the test.
 */
final class EbpfInterpreter {
    private static final long CTX_SIZE = 12;

    private EbpfInterpreter() {
    }

    /** The kernel's request for {@code type}'s BPF code, access bits, major and minor. */
    record Request(int bpfType, int access, long major, long minor) {
        int accessType() {
            return access << 16 | bpfType;
        }
    }

    /** Whether the program lets the request through (r0 != 0 at exit). */
    static boolean allows(byte[] program, Request request) {
        return run(program, request) != 0;
    }

    static long run(byte[] program, Request request) {
        if (program.length == 0 || program.length % 8 != 0) {
            throw new AssertionError("program of " + program.length + " bytes");
        }
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int count = program.length / 8;
        long[] reg = new long[11];
        boolean[] set = new boolean[11];
        boolean[] ctxPointer = new boolean[11];
        reg[1] = 0;
        set[1] = true;
        ctxPointer[1] = true;
        int pc = 0;
        for (int steps = 0; steps <= count; steps++) {
            if (pc < 0 || pc >= count) {
                throw new AssertionError("fell off the program at " + pc);
            }
            int opcode = code.get(pc * 8) & 0xff;
            int regs = code.get(pc * 8 + 1) & 0xff;
            int dst = regs & 0x0f;
            int src = regs >>> 4;
            short off = code.getShort(pc * 8 + 2);
            int imm = code.getInt(pc * 8 + 4);
            String where = "insn " + pc + " (opcode 0x" + Integer.toHexString(opcode) + ")";
            if (dst > 9 || src > 10) {
                throw new AssertionError(where + ": register r" + dst + "/r" + src);
            }
            int next = pc + 1;
            switch (opcode) {
                case BpfInsn.LDX_MEM_W -> {
                    read(set, src, where);
                    if (!ctxPointer[src] || off < 0 || off % 4 != 0 || off + 4 > CTX_SIZE) {
                        throw new AssertionError(where + ": load from r" + src + "+" + off + " is not a context field");
                    }
                    long value = switch (off) {
                        case 0 -> Integer.toUnsignedLong(request.accessType());
                        case 4 -> request.major();
                        default -> request.minor();
                    };
                    write(reg, set, ctxPointer, dst, value);
                }
                case BpfInsn.ALU32_AND_K -> {
                    read(set, dst, where);
                    scalar(ctxPointer, dst, where);
                    write(reg, set, ctxPointer, dst, (reg[dst] & imm) & 0xffff_ffffL);
                }
                case BpfInsn.ALU32_RSH_K -> {
                    read(set, dst, where);
                    scalar(ctxPointer, dst, where);
                    if (imm < 0 || imm > 31) {
                        throw new AssertionError(where + ": shift by " + imm);
                    }
                    write(reg, set, ctxPointer, dst, (reg[dst] & 0xffff_ffffL) >>> imm);
                }
                case BpfInsn.ALU32_MOV_K -> write(reg, set, ctxPointer, dst, Integer.toUnsignedLong(imm));
                case BpfInsn.ALU32_MOV_X -> {
                    read(set, src, where);
                    scalar(ctxPointer, src, where);
                    write(reg, set, ctxPointer, dst, reg[src] & 0xffff_ffffL);
                }
                case BpfInsn.JMP_JEQ_K, BpfInsn.JMP_JNE_K, BpfInsn.JMP_JNE_X -> {
                    read(set, dst, where);
                    scalar(ctxPointer, dst, where);
                    long right;
                    if (opcode == BpfInsn.JMP_JNE_X) {
                        read(set, src, where);
                        scalar(ctxPointer, src, where);
                        right = reg[src];
                    } else {
                        right = imm; // sign-extended, as the kernel compares with a 64-bit register
                    }
                    if (off <= 0) {
                        throw new AssertionError(where + ": jump offset " + off + " is not forward");
                    }
                    boolean equal = reg[dst] == right;
                    if (opcode == BpfInsn.JMP_JEQ_K ? equal : !equal) {
                        next = pc + 1 + off;
                    }
                }
                case BpfInsn.JMP_EXIT -> {
                    read(set, 0, where);
                    scalar(ctxPointer, 0, where);
                    return reg[0];
                }
                default -> throw new AssertionError(where + ": not an instruction the compiler emits");
            }
            pc = next;
        }
        throw new AssertionError("the program did not exit within " + count + " steps");
    }

    private static void read(boolean[] set, int r, String where) {
        if (!set[r]) {
            throw new AssertionError(where + ": reads r" + r + " before it is set");
        }
    }

    private static void scalar(boolean[] ctxPointer, int r, String where) {
        if (ctxPointer[r]) {
            throw new AssertionError(where + ": uses the context pointer r" + r + " as a number");
        }
    }

    private static void write(long[] reg, boolean[] set, boolean[] ctxPointer, int r, long value) {
        reg[r] = value;
        set[r] = true;
        ctxPointer[r] = false;
    }
}
