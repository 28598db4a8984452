package dev.jrunc.container.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.spec.BlockIo;
import dev.jrunc.spec.Cpu;
import dev.jrunc.spec.DeviceCgroupRule;
import dev.jrunc.spec.HugepageLimit;
import dev.jrunc.spec.Memory;
import dev.jrunc.spec.Pids;
import dev.jrunc.spec.Rdma;
import dev.jrunc.spec.Resources;
import dev.jrunc.spec.ThrottleDevice;
import dev.jrunc.spec.WeightDevice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `update`'s merge rules, runc's where runc has one. */
class ResourcesMergeTest {
    private static final Resources EMPTY = new Resources(null, null, null, null, null, null, null, null, null);

    private static Resources of(Memory m, Cpu c, Pids p, BlockIo io) {
        return new Resources(null, m, c, p, io, null, null, null, null);
    }

    private static Memory memory(Long limit, Long reservation, Long swap, Boolean check) {
        return new Memory(limit, reservation, swap, null, null, null, null, null, check);
    }

    private static Cpu cpu(Long shares, Long quota, Long period, Long idle) {
        return new Cpu(shares, quota, null, period, null, null, null, null, idle);
    }

    @Test
    void givenValuesReplaceAndTheOthersStay() {
        Resources current = of(memory(64L, 8L, 128L, null), cpu(1024L, 50000L, 100000L, null), new Pids(32L), null);
        Resources merged = ResourcesMerge.merge(current, of(memory(32L, null, null, null), null, null, null));
        assertEquals(32L, merged.memory().limit());
        assertEquals(8L, merged.memory().reservation());
        assertEquals(128L, merged.memory().swap());
        assertEquals(current.cpu(), merged.cpu());
        assertEquals(32L, merged.pids().limit());
        assertEquals(16L, ResourcesMerge.merge(current, of(null, null, new Pids(16L), null)).pids().limit());
        assertEquals(32L, ResourcesMerge.merge(current, of(null, null, new Pids(null), null)).pids().limit());
    }

    @Test
    void checkBeforeUpdateHoldsForOneUpdateOnly() {
        Resources current = of(memory(64L, null, null, true), null, null, null);
        assertFalse(ResourcesMerge.merge(current, EMPTY).memory().checkBeforeUpdate());
        assertTrue(ResourcesMerge.merge(current, of(memory(null, null, null, true), null, null, null))
                .memory().checkBeforeUpdate());
    }

    @Test
    void unlimitedMemoryWithoutSwapMakesSwapUnlimitedToo() {
        Resources current = of(memory(64L, null, 128L, null), null, null, null);
        Memory m = ResourcesMerge.merge(current, of(memory(-1L, null, null, null), null, null, null)).memory();
        assertEquals(-1L, m.limit());
        assertEquals(0L, m.swap());
        assertEquals(256L, ResourcesMerge.merge(current, of(memory(-1L, null, 256L, null), null, null, null))
                .memory().swap());
    }

    @Test
    void aQuotaOrAPeriodAloneKeepsTheOther() {
        Resources current = of(null, cpu(null, 50000L, 200000L, null), null, null);
        Cpu quota = ResourcesMerge.merge(current, of(null, cpu(null, 10000L, null, null), null, null)).cpu();
        assertEquals(10000L, quota.quota());
        assertEquals(200000L, quota.period());
        Cpu period = ResourcesMerge.merge(current, of(null, cpu(null, null, 100000L, null), null, null)).cpu();
        assertEquals(50000L, period.quota());
        assertEquals(100000L, period.period());
        Cpu both = ResourcesMerge.merge(current, of(null, cpu(null, -1L, 300000L, null), null, null)).cpu();
        assertEquals(-1L, both.quota());
        assertEquals(300000L, both.period());
        // both given as 0: both unset, as runc
        Cpu zero = ResourcesMerge.merge(current, of(null, cpu(null, 0L, 0L, null), null, null)).cpu();
        assertNull(zero.quota());
        assertNull(zero.period());
        // neither given: both kept (runc would forget them, and a later quota would lose the period)
        Cpu neither = ResourcesMerge.merge(current, of(null, cpu(512L, null, null, null), null, null)).cpu();
        assertEquals(50000L, neither.quota());
        assertEquals(200000L, neither.period());
        assertEquals(512L, neither.shares());
    }

    @Test
    void idleWithoutSharesUnsetsTheWeight() {
        Resources current = of(null, cpu(1024L, null, null, null), null, null);
        Cpu idle = ResourcesMerge.merge(current, of(null, cpu(null, null, null, 1L), null, null)).cpu();
        assertNull(idle.shares());
        assertEquals(1L, idle.idle());
        assertEquals(2048L, ResourcesMerge.merge(current, of(null, cpu(2048L, null, null, 0L), null, null))
                .cpu().shares());
    }

    @Test
    void cpusetsAreKeptWhenGivenEmpty() {
        Resources current = of(null, new Cpu(null, null, null, null, null, null, "0-1", "0", null), null, null);
        Cpu c = ResourcesMerge.merge(current, of(null, new Cpu(null, null, null, null, null, null, "", "1", null), null,
                null)).cpu();
        assertEquals("0-1", c.cpus());
        assertEquals("1", c.mems());
    }

    @Test
    void blockIoDevicesAreUpdatedInPlaceOrAdded() {
        BlockIo current = new BlockIo(500, null, List.of(new WeightDevice(8, 0, 100, 200)),
                List.of(new ThrottleDevice(8, 0, 10), new ThrottleDevice(8, 16, 20)), null, null, null);
        BlockIo update = new BlockIo(null, null, List.of(new WeightDevice(8, 0, 300, null), new WeightDevice(8, 32, 50,
                null)), List.of(new ThrottleDevice(8, 16, 99), new ThrottleDevice(8, 48, 5)), null, null, null);
        BlockIo merged = ResourcesMerge.merge(of(null, null, null, current), of(null, null, null, update)).blockIo();
        assertEquals(500, merged.weight());
        assertEquals(List.of(new WeightDevice(8, 0, 300, 200), new WeightDevice(8, 32, 50, null)), merged.weightDevice());
        assertEquals(List.of(new ThrottleDevice(8, 0, 10), new ThrottleDevice(8, 16, 99), new ThrottleDevice(8, 48, 5)),
                merged.throttleReadBpsDevice());
    }

    @Test
    void unifiedIsTheUpdatesOwnAndDevicesAreLeftAlone() {
        List<DeviceCgroupRule> devices = List.of(new DeviceCgroupRule(false, null, null, null, "rwm"));
        Resources current = new Resources(devices, null, null, null, null, null, null, null,
                Map.of("memory.high", "100"));
        Resources update = new Resources(List.of(new DeviceCgroupRule(true, "c", 1L, 3L, "rwm")), null, null, null,
                null, null, null, null, Map.of("pids.max", "5"));
        Resources merged = ResourcesMerge.merge(current, update);
        assertEquals(Map.of("pids.max", "5"), merged.unified());
        assertEquals(devices, merged.devices());
        assertEquals(Map.of(), ResourcesMerge.merge(current, EMPTY).unified());
    }

    @Test
    void hugepageLimitsAndRdmaAreMergedByPageSizeAndDevice() {
        Resources current = new Resources(null, null, null, null, null,
                List.of(new HugepageLimit("2MB", 10), new HugepageLimit("1GB", 20)), null,
                Map.of("mlx4_0", new Rdma(1L, 2L)), null);
        Resources update = new Resources(null, null, null, null, null, List.of(new HugepageLimit("2MB", 30)), null,
                Map.of("mlx4_0", new Rdma(null, 7L)), null);
        Resources merged = ResourcesMerge.merge(current, update);
        assertEquals(List.of(new HugepageLimit("2MB", 30), new HugepageLimit("1GB", 20)), merged.hugepageLimits());
        assertEquals(Map.of("mlx4_0", new Rdma(1L, 7L)), merged.rdma());
    }

    @Test
    void kernelMemoryIsDropped() {
        Resources update = of(new Memory(null, null, null, 1L, 2L, null, null, null, null), null, null, null);
        assertNull(ResourcesMerge.merge(EMPTY, update).memory());
    }
}
