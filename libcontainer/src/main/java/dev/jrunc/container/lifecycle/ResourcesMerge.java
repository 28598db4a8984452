package dev.jrunc.container.lifecycle;

import dev.jrunc.spec.BlockIo;
import dev.jrunc.spec.Cpu;
import dev.jrunc.spec.HugepageLimit;
import dev.jrunc.spec.Memory;
import dev.jrunc.spec.Pids;
import dev.jrunc.spec.Rdma;
import dev.jrunc.spec.Resources;
import dev.jrunc.spec.ThrottleDevice;
import dev.jrunc.spec.WeightDevice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * `update`'s merge of the requested changes onto a container's current resources, with runc's
 * rules: a value given replaces the current one, one not given keeps it; per-device block I/O
 * entries are updated in place or added; a quota or a period alone keeps the other; cpu.idle
 * without shares unsets the weight (the kernel refuses a weight for an idle cgroup);
 * {@code memory.limit} -1 without a swap value makes swap unlimited too; {@code
 * checkBeforeUpdate} holds for this update only (false unless the document says true); and the
 * {@code unified} map is the update's own (keys of earlier updates are not written again, so
 * they never undo a later structured value). Kernel memory settings are dropped (they only warn).
 *
 * <p>Where runc forgets a value that was not given (pids limit, burst, cpus, mems, idle, and both
 * quota and period when neither is given), the value is kept here: the kernel keeps it either
 * way, and a later quota-only update must not find the period gone. Beyond runc,
 * {@code hugepageLimits} (by page size) and {@code rdma} (by device) are merged too instead of
 * being silently ignored. Device rules are not merged here (see {@link ContainerUpdater}).
 */
final class ResourcesMerge {
    private ResourcesMerge() {
    }

    static Resources merge(Resources current, Resources update) {
        return new Resources(
                current.devices(),
                memory(current.memory(), update.memory()),
                cpu(current.cpu(), update.cpu()),
                pids(current.pids(), update.pids()),
                blockIo(current.blockIo(), update.blockIo()),
                upsert(current.hugepageLimits(), update.hugepageLimits(), HugepageLimit::pageSize, (old, now) -> now),
                current.network(),
                rdma(current.rdma(), update.rdma()),
                update.unified());
    }

    private static Memory memory(Memory current, Memory update) {
        Memory c = current == null ? new Memory(null, null, null, null, null, null, null, null, null) : current;
        Memory u = update == null ? new Memory(null, null, null, null, null, null, null, null, null) : update;
        Long swap = u.swap();
        if (swap == null && u.limit() != null && u.limit() == -1) {
            // "unable to set swap limit without memory limit" otherwise; unlimited memory means unlimited swap
            swap = 0L;
        }
        Memory m = new Memory(
                pick(u.limit(), c.limit()),
                pick(u.reservation(), c.reservation()),
                pick(swap, c.swap()),
                null,
                null,
                c.swappiness(),
                c.disableOomKiller(),
                c.useHierarchy(),
                u.checkBeforeUpdate() != null && u.checkBeforeUpdate());
        return isEmpty(m) ? null : m;
    }

    private static Cpu cpu(Cpu current, Cpu update) {
        if (update == null) {
            return current;
        }
        Cpu c = current == null ? new Cpu(null, null, null, null, null, null, null, null, null) : current;
        Long quota = c.quota();
        Long period = c.period();
        long q = update.quota() == null ? 0 : update.quota();
        long p = update.period() == null ? 0 : update.period();
        if (update.quota() != null || update.period() != null) {
            if ((q == 0) == (p == 0)) {
                quota = q == 0 ? null : q;
                period = p == 0 ? null : p;
            } else if (p != 0) {
                period = p;
            } else {
                quota = q;
            }
        }
        Long shares = update.shares() != null ? update.shares() : update.idle() != null ? null : c.shares();
        return new Cpu(
                shares,
                quota,
                pick(update.burst(), c.burst()),
                period,
                pick(update.realtimeRuntime(), c.realtimeRuntime()),
                pick(update.realtimePeriod(), c.realtimePeriod()),
                update.cpus() != null && !update.cpus().isEmpty() ? update.cpus() : c.cpus(),
                update.mems() != null && !update.mems().isEmpty() ? update.mems() : c.mems(),
                pick(update.idle(), c.idle()));
    }

    private static Pids pids(Pids current, Pids update) {
        if (update == null || update.limit() == null) {
            return current;
        }
        return update;
    }

    private static BlockIo blockIo(BlockIo current, BlockIo update) {
        if (update == null) {
            return current;
        }
        BlockIo c = current == null ? new BlockIo(null, null, null, null, null, null, null) : current;
        return new BlockIo(
                pick(update.weight(), c.weight()),
                pick(update.leafWeight(), c.leafWeight()),
                upsert(c.weightDevice(), update.weightDevice(), ResourcesMerge::device, (old, now) ->
                        new WeightDevice(old.major(), old.minor(), pick(now.weight(), old.weight()),
                                pick(now.leafWeight(), old.leafWeight()))),
                throttles(c.throttleReadBpsDevice(), update.throttleReadBpsDevice()),
                throttles(c.throttleWriteBpsDevice(), update.throttleWriteBpsDevice()),
                throttles(c.throttleReadIopsDevice(), update.throttleReadIopsDevice()),
                throttles(c.throttleWriteIopsDevice(), update.throttleWriteIopsDevice()));
    }

    private static List<ThrottleDevice> throttles(List<ThrottleDevice> current, List<ThrottleDevice> update) {
        return upsert(current, update, t -> t.major() + ":" + t.minor(), (old, now) -> now);
    }

    private static String device(WeightDevice d) {
        return d.major() + ":" + d.minor();
    }

    private static Map<String, Rdma> rdma(Map<String, Rdma> current, Map<String, Rdma> update) {
        Map<String, Rdma> merged = new LinkedHashMap<>(current);
        update.forEach((device, limits) -> merged.merge(device, limits, (old, now) ->
                new Rdma(pick(now.hcaHandles(), old.hcaHandles()), pick(now.hcaObjects(), old.hcaObjects()))));
        return merged;
    }

    /**
     * {@code current} with each entry of {@code update} merged into the last entry of the same
     * key (the one the kernel ends up with), or appended.
     */
    private static <T> List<T> upsert(List<T> current, List<T> update, Function<T, String> key, BiFunction<T, T, T> combine) {
        List<T> merged = new ArrayList<>(current);
        for (T now : update) {
            int at = -1;
            for (int i = merged.size() - 1; i >= 0 && at < 0; i--) {
                if (key.apply(merged.get(i)).equals(key.apply(now))) {
                    at = i;
                }
            }
            if (at < 0) {
                merged.add(now);
            } else {
                merged.set(at, combine.apply(merged.get(at), now));
            }
        }
        return merged;
    }

    private static boolean isEmpty(Memory m) {
        return m.limit() == null && m.reservation() == null && m.swap() == null && m.swappiness() == null
                && m.disableOomKiller() == null && m.useHierarchy() == null && !m.checkBeforeUpdate();
    }

    private static <T> T pick(T given, T current) {
        return given != null ? given : current;
    }
}
