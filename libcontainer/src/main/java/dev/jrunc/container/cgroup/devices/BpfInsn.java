package dev.jrunc.container.cgroup.devices;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One eBPF instruction ({@code struct bpf_insn}): the opcode, destination and source registers,
 * a signed 16-bit offset (a jump's distance from the next instruction, or a load's displacement)
 * and a 32-bit immediate. Only the instructions {@link DeviceFilterCompiler} emits have factories.
 */
public record BpfInsn(int opcode, int dst, int src, int off, int imm) {
    /** {@code BPF_LDX | BPF_MEM | BPF_W}: dst = *(u32 *)(src + off). */
    public static final int LDX_MEM_W = 0x61;
    /** {@code BPF_ALU | BPF_AND | BPF_K}: dst = (u32) (dst & imm). */
    public static final int ALU32_AND_K = 0x54;
    /** {@code BPF_ALU | BPF_RSH | BPF_K}: dst = (u32) dst >> imm. */
    public static final int ALU32_RSH_K = 0x74;
    /** {@code BPF_ALU | BPF_MOV | BPF_K}: dst = (u32) imm. */
    public static final int ALU32_MOV_K = 0xb4;
    /** {@code BPF_ALU | BPF_MOV | BPF_X}: dst = (u32) src. */
    public static final int ALU32_MOV_X = 0xbc;
    /** {@code BPF_JMP | BPF_JEQ | BPF_K}: if dst == (s64) imm, skip off instructions. */
    public static final int JMP_JEQ_K = 0x15;
    /** {@code BPF_JMP | BPF_JNE | BPF_K}: if dst != (s64) imm, skip off instructions. */
    public static final int JMP_JNE_K = 0x55;
    /** {@code BPF_JMP | BPF_JNE | BPF_X}: if dst != src, skip off instructions. */
    public static final int JMP_JNE_X = 0x5d;
    /** {@code BPF_JMP | BPF_EXIT}: return r0. */
    public static final int JMP_EXIT = 0x95;
    /** Size of one encoded instruction. */
    public static final int SIZE = 8;

    public BpfInsn {
        if (opcode < 0 || opcode > 0xff || dst < 0 || dst > 10 || src < 0 || src > 10) {
            throw new IllegalArgumentException("bad instruction: opcode " + opcode + ", r" + dst + ", r" + src);
        }
        if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + off + " does not fit in 16 bits");
        }
    }

    public static BpfInsn loadWord(int dst, int src, int off) {
        return new BpfInsn(LDX_MEM_W, dst, src, off, 0);
    }

    public static BpfInsn and32(int dst, int imm) {
        return new BpfInsn(ALU32_AND_K, dst, 0, 0, imm);
    }

    public static BpfInsn rsh32(int dst, int imm) {
        return new BpfInsn(ALU32_RSH_K, dst, 0, 0, imm);
    }

    public static BpfInsn mov32(int dst, int imm) {
        return new BpfInsn(ALU32_MOV_K, dst, 0, 0, imm);
    }

    public static BpfInsn mov32Reg(int dst, int src) {
        return new BpfInsn(ALU32_MOV_X, dst, src, 0, 0);
    }

    public static BpfInsn jeqImm(int dst, int imm, int off) {
        return new BpfInsn(JMP_JEQ_K, dst, 0, off, imm);
    }

    public static BpfInsn jneImm(int dst, int imm, int off) {
        return new BpfInsn(JMP_JNE_K, dst, 0, off, imm);
    }

    public static BpfInsn jneReg(int dst, int src, int off) {
        return new BpfInsn(JMP_JNE_X, dst, src, off, 0);
    }

    public static BpfInsn exit() {
        return new BpfInsn(JMP_EXIT, 0, 0, 0, 0);
    }

    /** This instruction with another offset (a jump resolved once its target is known). */
    public BpfInsn withOffset(int newOff) {
        return new BpfInsn(opcode, dst, src, newOff, imm);
    }

    /** Whether this is a conditional jump, whose offset names its target. */
    public boolean isJump() {
        return opcode == JMP_JEQ_K || opcode == JMP_JNE_K || opcode == JMP_JNE_X;
    }

    /**
     * The program as bpf(2) takes it: 8 bytes per instruction in the machine's byte order, the
     * registers in one byte (dst in the low nibble on the little-endian machines jrunc runs on).
     */
    public static byte[] encode(List<BpfInsn> program) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            // struct bpf_insn's register bit-fields swap nibbles on big-endian machines.
            throw new UnsupportedOperationException("eBPF encoding for big-endian machines is not implemented");
        }
        ByteBuffer out = ByteBuffer.allocate(program.size() * SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (BpfInsn i : program) {
            out.put((byte) i.opcode).put((byte) (i.src << 4 | i.dst)).putShort((short) i.off).putInt(i.imm);
        }
        return out.array();
    }

    @Override
    public String toString() {
        return switch (opcode) {
            case LDX_MEM_W -> "ldxw r" + dst + ", [r" + src + (off >= 0 ? "+" : "") + off + "]";
            case ALU32_AND_K -> "and32 r" + dst + ", " + imm;
            case ALU32_RSH_K -> "rsh32 r" + dst + ", " + imm;
            case ALU32_MOV_K -> "mov32 r" + dst + ", " + imm;
            case ALU32_MOV_X -> "mov32 r" + dst + ", r" + src;
            case JMP_JEQ_K -> "jeq r" + dst + ", " + imm + ", +" + off;
            case JMP_JNE_K -> "jne r" + dst + ", " + imm + ", +" + off;
            case JMP_JNE_X -> "jne r" + dst + ", r" + src + ", +" + off;
            case JMP_EXIT -> "exit";
            default -> String.format("op 0x%02x r%d r%d %+d %d", opcode, dst, src, off, imm);
        };
    }
}
