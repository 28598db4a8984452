package dev.jrunc.container.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A classic BPF interpreter with the kernel's seccomp semantics: runs a {@code struct
 * sock_filter[]} program against one {@code struct seccomp_data} and returns the action. Every
 * jump is bounds-checked and an unknown instruction fails the test, so a malformed program
 * (a stub jump off by one, say) cannot pass.
 */
final class BpfInterpreter {
    /** sizeof(struct seccomp_data): nr, arch, instruction_pointer, args[6]. */
    private static final int DATA_SIZE = 64;

    private BpfInterpreter() {
    }

    /** The value the program returns for system call {@code nr} of {@code arch} with {@code args}. */
    static int run(byte[] program, int arch, int nr, long... args) {
        if (program.length == 0 || program.length % 8 != 0) {
            throw new AssertionError("not a BPF program: " + program.length + " bytes");
        }
        ByteBuffer data = ByteBuffer.allocate(DATA_SIZE).order(ByteOrder.nativeOrder());
        data.putInt(0, nr);
        data.putInt(4, arch);
        data.putLong(8, 0x7f0000001000L);
        for (int i = 0; i < args.length; i++) {
            data.putLong(16 + 8 * i, args[i]);
        }
        ByteBuffer p = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        int n = program.length / 8;
        int[] mem = new int[16];
        int a = 0;
        int x = 0;
        int pc = 0;
        while (true) {
            if (pc < 0 || pc >= n) {
                throw new AssertionError("the program ran off its end at instruction " + pc + " of " + n);
            }
            int code = p.getShort(pc * 8) & 0xffff;
            int jt = p.get(pc * 8 + 2) & 0xff;
            int jf = p.get(pc * 8 + 3) & 0xff;
            int k = p.getInt(pc * 8 + 4);
            int at = pc;
            pc++;
            switch (code & 0x07) {
                case 0x00 -> { // BPF_LD
                    int mode = code & 0xe0;
                    if (mode == 0x20 && (code & 0x18) == 0x00) { // BPF_ABS, BPF_W
                        if (k < 0 || k > DATA_SIZE - 4 || k % 4 != 0) {
                            throw new AssertionError("load of seccomp_data offset " + k + " at " + at);
                        }
                        a = data.getInt(k);
                    } else if (mode == 0x00) { // BPF_IMM
                        a = k;
                    } else if (mode == 0x60) { // BPF_MEM
                        a = mem[k];
                    } else if (mode == 0x80) { // BPF_LEN
                        a = DATA_SIZE;
                    } else {
                        throw unknown(code, at);
                    }
                }
                case 0x01 -> { // BPF_LDX
                    int mode = code & 0xe0;
                    if (mode == 0x00) {
                        x = k;
                    } else if (mode == 0x60) {
                        x = mem[k];
                    } else if (mode == 0x80) {
                        x = DATA_SIZE;
                    } else {
                        throw unknown(code, at);
                    }
                }
                case 0x02 -> mem[k] = a; // BPF_ST
                case 0x03 -> mem[k] = x; // BPF_STX
                case 0x04 -> { // BPF_ALU
                    int src = (code & 0x08) != 0 ? x : k;
                    a = switch (code & 0xf0) {
                        case 0x00 -> a + src;
                        case 0x10 -> a - src;
                        case 0x20 -> a * src;
                        case 0x30 -> Integer.divideUnsigned(a, src);
                        case 0x40 -> a | src;
                        case 0x50 -> a & src;
                        case 0x60 -> a << src;
                        case 0x70 -> a >>> src;
                        case 0x80 -> -a;
                        case 0x90 -> Integer.remainderUnsigned(a, src);
                        case 0xa0 -> a ^ src;
                        default -> throw unknown(code, at);
                    };
                }
                case 0x05 -> { // BPF_JMP
                    int op = code & 0xf0;
                    if (op == 0x00) { // BPF_JA
                        pc += k;
                    } else {
                        int src = (code & 0x08) != 0 ? x : k;
                        boolean taken = switch (op) {
                            case 0x10 -> a == src;
                            case 0x20 -> Integer.compareUnsigned(a, src) > 0;
                            case 0x30 -> Integer.compareUnsigned(a, src) >= 0;
                            case 0x40 -> (a & src) != 0;
                            default -> throw unknown(code, at);
                        };
                        pc += taken ? jt : jf;
                    }
                }
                case 0x06 -> { // BPF_RET
                    return (code & 0x18) == 0x10 ? a : k;
                }
                case 0x07 -> { // BPF_MISC
                    if ((code & 0xf8) == 0x00) {
                        x = a;
                    } else if ((code & 0xf8) == 0x80) {
                        a = x;
                    } else {
                        throw unknown(code, at);
                    }
                }
                default -> throw unknown(code, at);
            }
        }
    }

    private static AssertionError unknown(int code, int at) {
        return new AssertionError("unknown BPF instruction 0x" + Integer.toHexString(code) + " at " + at);
    }
}
