package dev.jrunc.container.cgroup.devices;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link DevicePolicy} into a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program with the
 * same shape as runc's (and crun's): the context's fields are loaded into registers, then one
 * block per exception falls through to the next block on the first field that does not match,
 * or returns the exception's verdict; after the last block the default verdict is returned.
 *
 * <p>The context is {@code struct bpf_cgroup_dev_ctx { u32 access_type; u32 major; u32 minor; }}
 * where {@code access_type} is {@code (BPF_DEVCG_ACC_* << 16) | BPF_DEVCG_DEV_*}. Registers:
 * r2 = device type, r3 = requested access, r4 = major, r5 = minor; r1 (the context pointer) is
 * free after the loads and serves as scratch.
 *
 * <p>Accesses are matched as the v1 controller matches them: an allowing exception must cover
 * every access requested ({@code (r3 & access) == r3}), a denying one applies as soon as it
 * shares one ({@code (r3 & access) != 0}). runc tests coverage for both, so with the default
 * "allow" and a rule denying {@code w} it lets an {@code O_RDWR} open (read and write in one
 * request) through; jrunc denies it, as v1 does and as the rule means.
 */
public final class DeviceFilterCompiler {
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int R2 = 2;
    private static final int R3 = 3;
    private static final int R4 = 4;
    private static final int R5 = 5;

    private DeviceFilterCompiler() {
    }

    /** The program for {@code rules} applied in order (see {@link DevicePolicy#of}). */
    public static List<BpfInsn> compile(List<DeviceRule> rules) {
        return compile(DevicePolicy.of(rules));
    }

    /** The program for {@code policy}: an immutable list of instructions ending in exit. */
    public static List<BpfInsn> compile(DevicePolicy policy) {
        List<BpfInsn> program = new ArrayList<>();
        program.add(BpfInsn.loadWord(R2, R1, 0));
        program.add(BpfInsn.and32(R2, 0xffff));
        program.add(BpfInsn.loadWord(R3, R1, 0));
        program.add(BpfInsn.rsh32(R3, 16));
        program.add(BpfInsn.loadWord(R4, R1, 4));
        program.add(BpfInsn.loadWord(R5, R1, 8));
        for (DeviceRule exception : policy.exceptions()) {
            program.addAll(block(exception));
        }
        program.add(BpfInsn.mov32(R0, policy.defaultAllow() ? 1 : 0));
        program.add(BpfInsn.exit());
        return List.copyOf(program);
    }

    /** The instructions for one exception; every jump in it goes to the instruction after it. */
    private static List<BpfInsn> block(DeviceRule rule) {
        List<BpfInsn> block = new ArrayList<>();
        block.add(BpfInsn.jneImm(R2, rule.type().bpfType(), 0));
        if (rule.access() != DeviceRule.ALL_ACCESS) {
            block.add(BpfInsn.mov32Reg(R1, R3));
            block.add(BpfInsn.and32(R1, rule.access()));
            // Every access the kernel asks about is non-empty, so rwm always covers and shares.
            block.add(rule.allow() ? BpfInsn.jneReg(R1, R3, 0) : BpfInsn.jeqImm(R1, 0, 0));
        }
        if (rule.major() != DeviceRule.ANY) {
            block.addAll(unlessEqual(R4, rule.major()));
        }
        if (rule.minor() != DeviceRule.ANY) {
            block.addAll(unlessEqual(R5, rule.minor()));
        }
        block.add(BpfInsn.mov32(R0, rule.allow() ? 1 : 0));
        block.add(BpfInsn.exit());
        int end = block.size();
        for (int i = 0; i < end; i++) {
            if (block.get(i).isJump()) {
                block.set(i, block.get(i).withOffset(end - (i + 1)));
            }
        }
        return block;
    }

    /**
     * A jump out of the block unless {@code reg} (a zero-extended u32) equals {@code value}. A
     * 64-bit compare with an immediate sign-extends it, so a number above 2^31-1 is first put in
     * the scratch register with a 32-bit move, which zero-extends it.
     */
    private static List<BpfInsn> unlessEqual(int reg, long value) {
        if (value <= Integer.MAX_VALUE) {
            return List.of(BpfInsn.jneImm(reg, (int) value, 0));
        }
        return List.of(BpfInsn.mov32(R1, (int) value), BpfInsn.jneReg(reg, R1, 0));
    }
}
