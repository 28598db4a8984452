package dev.jrunc.container.cgroup;

import dev.jrunc.spec.Memory;

/**
 * {@code linux.resources.memory} as runc's v2 driver writes it: {@code limit} to memory.max,
 * {@code reservation} to memory.low, and {@code swap}, which the spec defines as memory plus
 * swap (cgroup v1's meaning), converted to the swap alone for memory.swap.max.
 */
final class MemoryConversion {
    private static final String FIELD = CgroupSettings.FIELD + ".memory";
    private static final String NO_SWAP_ACCOUNTING =
            "the kernel has no swap accounting (CONFIG_MEMCG_SWAP, swapaccount=1)";

    private MemoryConversion() {
    }

    static void convert(Memory memory, SettingsBuilder b) {
        if (memory == null) {
            return;
        }
        if (memory.kernel() != null || memory.kernelTcp() != null) {
            b.warn("Kernel memory settings are ignored and will be removed");
        }
        long limit = bytes(memory.limit(), "limit");
        long reservation = bytes(memory.reservation(), "reservation");
        long swap = bytes(memory.swap(), "swap");
        if (limit == 0 && reservation == 0 && swap == 0) {
            return;
        }
        b.need("memory", FIELD);
        long swapOnly = swapOnly(swap, limit);
        String swapValue = SettingsBuilder.limit(swapOnly);
        if (swapValue == null && swap > 0) {
            // memory+swap equal to memory: no swap at all
            swapValue = "0";
        }
        if (swapValue != null) {
            CgroupWrite w = CgroupWrite.of(FIELD + ".swap", "memory.swap.max", swapValue).hintIfMissing(NO_SWAP_ACCOUNTING);
            // Without swap accounting, "no limit" and "no swap" are what the container gets anyway.
            b.write(swapValue.equals("max") || swapValue.equals("0") ? w.skipIfMissing() : w);
        }
        String max = SettingsBuilder.limit(limit);
        if (max != null) {
            b.write(CgroupWrite.of(FIELD + ".limit", "memory.max", max));
        }
        String low = SettingsBuilder.limit(reservation);
        if (low != null) {
            b.write(CgroupWrite.of(FIELD + ".reservation", "memory.low", low));
        }
    }

    /** runc's conversion of the spec's memory+swap to cgroup v2's swap-only value. */
    static long swapOnly(long memorySwap, long memory) {
        if (memory == -1 && memorySwap == 0) {
            // as cgroup v1 did: unlimited memory with swap unset means both unlimited
            return -1;
        }
        if (memorySwap == -1 || memorySwap == 0 || memory == -1) {
            return memorySwap;
        }
        if (memory == 0) {
            throw SettingsBuilder.invalid(FIELD + ".swap", "unable to set swap limit without memory limit");
        }
        if (memorySwap < memory) {
            throw SettingsBuilder.invalid(FIELD + ".swap", "memory+swap limit (" + memorySwap
                    + ") should be >= memory limit (" + memory + ")");
        }
        return memorySwap - memory;
    }

    private static long bytes(Long value, String name) {
        if (value == null) {
            return 0;
        }
        if (value < -1) {
            throw SettingsBuilder.invalid(FIELD + "." + name, value
                    + " is not a byte count (expected a positive number, 0 for not set or -1 for no limit)");
        }
        return value;
    }
}
