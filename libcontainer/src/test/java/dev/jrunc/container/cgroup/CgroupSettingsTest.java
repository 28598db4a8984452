package dev.jrunc.container.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.BlockIo;
import dev.jrunc.spec.Cpu;
import dev.jrunc.spec.HugepageLimit;
import dev.jrunc.spec.InterfacePriority;
import dev.jrunc.spec.Memory;
import dev.jrunc.spec.Network;
import dev.jrunc.spec.Pids;
import dev.jrunc.spec.Rdma;
import dev.jrunc.spec.Resources;
import dev.jrunc.spec.ThrottleDevice;
import dev.jrunc.spec.WeightDevice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conversion of linux.resources to cgroup v2 writes, value by value, against runc's v2 driver. */
class CgroupSettingsTest {

    private static Resources memory(Long limit, Long reservation, Long swap) {
        return resources(new Memory(limit, reservation, swap, null, null, null, null, null, null), null, null, null);
    }

    private static Resources cpu(Cpu cpu) {
        return resources(null, cpu, null, null);
    }

    private static Cpu cpu(Long shares, Long quota, Long burst, Long period) {
        return new Cpu(shares, quota, burst, period, null, null, null, null, null);
    }

    private static Resources resources(Memory memory, Cpu cpu, Pids pids, BlockIo io) {
        return new Resources(null, memory, cpu, pids, io, null, null, null, null);
    }

    private static Resources unified(Map<String, String> unified) {
        return new Resources(null, null, null, null, null, null, null, null, unified);
    }

    /** The writes as "file=value". */
    private static List<String> writes(Resources r) {
        return CgroupSettings.of(r).writes().stream().map(w -> w.file() + "=" + w.value()).toList();
    }

    private static List<String> controllers(Resources r) {
        return CgroupSettings.of(r).controllers().stream().map(ControllerUse::controller).toList();
    }

    private static String error(Resources r) {
        return assertThrows(ContainerException.class, () -> CgroupSettings.of(r)).getMessage();
    }

    @Test
    void noResourcesNeedNothing() {
        assertTrue(CgroupSettings.of(null).isEmpty());
        assertTrue(CgroupSettings.of(new Resources(null, null, null, null, null, null, null, null, null)).isEmpty());
    }

    @Test
    void memoryLimitReservationAndSwapAsRuncWritesThem() {
        assertEquals(List.of("memory.swap.max=33554432", "memory.max=67108864", "memory.low=16777216"),
                writes(memory(64L << 20, 16L << 20, 96L << 20)));
        assertEquals(List.of("memory"), controllers(memory(64L << 20, null, null)));
        CgroupWrite max = CgroupSettings.of(memory(64L << 20, null, null)).writes().getFirst();
        assertEquals("linux.resources.memory.limit", max.field());
    }

    @Test
    void minusOneIsMaxAndZeroIsNotSet() {
        // memory -1 without swap: both unlimited, as cgroup v1 had it
        assertEquals(List.of("memory.swap.max=max", "memory.max=max"), writes(memory(-1L, null, null)));
        assertEquals(List.of("memory.swap.max=max", "memory.max=16777216"), writes(memory(16L << 20, null, -1L)));
        assertEquals(List.of("memory.max=16777216"), writes(memory(16L << 20, 0L, 0L)));
        assertEquals(List.of(), writes(memory(0L, 0L, 0L)));
        assertEquals(List.of(), controllers(memory(0L, 0L, 0L)));
    }

    @Test
    void swapEqualToMemoryMeansNoSwap() {
        assertEquals(List.of("memory.swap.max=0", "memory.max=16777216"), writes(memory(16L << 20, null, 16L << 20)));
    }

    @Test
    void missingSwapAccountingIsFineOnlyForMaxOrNone() {
        List<CgroupWrite> none = CgroupSettings.of(memory(16L << 20, null, 16L << 20)).writes();
        assertEquals(CgroupWrite.IfMissing.SKIP, none.getFirst().ifMissing());
        List<CgroupWrite> some = CgroupSettings.of(memory(16L << 20, null, 32L << 20)).writes();
        assertEquals(CgroupWrite.IfMissing.FAIL, some.getFirst().ifMissing());
    }

    @Test
    void badMemoryValuesNameTheirField() {
        assertEquals("linux.resources.memory.swap: unable to set swap limit without memory limit",
                error(memory(null, null, 32L << 20)));
        assertEquals("linux.resources.memory.swap: memory+swap limit (1000) should be >= memory limit (2000)",
                error(memory(2000L, null, 1000L)));
        assertEquals("linux.resources.memory.limit: -2 is not a byte count (expected a positive number, 0 for not set"
                + " or -1 for no limit)", error(memory(-2L, null, null)));
        assertTrue(error(memory(null, -5L, null)).startsWith("linux.resources.memory.reservation: -5 "));
    }

    @Test
    void kernelMemoryOnlyWarnsAndCgroupV1OnlySettingsAreIgnored() {
        CgroupSettings s = CgroupSettings.of(resources(new Memory(null, null, null, 1L << 20, 1L << 20, 60L, true, true,
                null), null, null, null));
        assertEquals(List.of("Kernel memory settings are ignored and will be removed"), s.warnings());
        assertTrue(s.isEmpty());
        Resources network = new Resources(null, null, null, null, null, null,
                new Network(7L, List.of(new InterfacePriority("eth0", 5))), null, null);
        assertTrue(CgroupSettings.of(network).isEmpty());
    }

    @Test
    void sharesBecomeWeightWithRuncsCurrentFormula() {
        // values of runc's (opencontainers/cgroups) ConvertCPUSharesToCgroupV2Value since 2025,
        // computed with its Go code; jrunc's matches it over the whole 0..262150 range
        long[][] pairs = {{2, 1}, {3, 2}, {10, 4}, {100, 17}, {512, 59}, {1024, 100}, {2048, 174}, {4096, 303},
            {10000, 627}, {100000, 4340}, {262143, 10000}, {262144, 10000}, {1, 1}};
        for (long[] p : pairs) {
            assertEquals(p[1], CpuConversion.weight(p[0]), "shares " + p[0]);
        }
        assertEquals(0, CpuConversion.weight(0));
        assertEquals(10000, CpuConversion.weight(-1), "uint64 max");
        assertEquals(List.of("cpu.weight=100"), writes(cpu(cpu(1024L, null, null, null))));
        assertEquals(List.of("cpu"), controllers(cpu(cpu(1024L, null, null, null))));
    }

    @Test
    void quotaAndPeriodGoToCpuMax() {
        assertEquals(List.of("cpu.max=50000 100000"), writes(cpu(cpu(null, 50000L, null, 100000L))));
        assertEquals(List.of("cpu.max=50000 100000"), writes(cpu(cpu(null, 50000L, null, null))));
        assertEquals(List.of("cpu.max=max 50000"), writes(cpu(cpu(null, null, null, 50000L))));
        assertEquals(List.of("cpu.max=max 50000"), writes(cpu(cpu(null, -1L, null, 50000L))));
        assertEquals(List.of(), writes(cpu(cpu(null, 0L, null, 0L))));
        assertEquals("linux.resources.cpu.period",
                CgroupSettings.of(cpu(cpu(null, null, null, 50000L))).writes().getFirst().field());
    }

    @Test
    void burstIsDeferredOnlyWhenAQuotaFollows() {
        List<CgroupWrite> withQuota = CgroupSettings.of(cpu(cpu(null, 50000L, 10000L, null))).writes();
        assertEquals(List.of("cpu.max.burst", "cpu.max"), withQuota.stream().map(CgroupWrite::file).toList());
        assertTrue(withQuota.getFirst().deferOnInvalid());
        List<CgroupWrite> alone = CgroupSettings.of(cpu(cpu(null, null, 10000L, null))).writes();
        assertEquals(List.of("cpu.max.burst=10000"), alone.stream().map(w -> w.file() + "=" + w.value()).toList());
        assertFalse(alone.getFirst().deferOnInvalid());
    }

    @Test
    void idleAndCpuset() {
        Cpu c = new Cpu(512L, null, null, null, null, null, "0-1", "0", 1L);
        assertEquals(List.of("cpu.idle=1", "cpu.weight=59", "cpuset.cpus=0-1", "cpuset.mems=0"), writes(cpu(c)));
        assertEquals(List.of("cpu", "cpuset"), controllers(cpu(c)));
        assertEquals(List.of("cpuset"), controllers(cpu(new Cpu(null, null, null, null, null, null, "", "0", null))));
        assertEquals("linux.resources.cpu.idle: 2 is not 0 or 1",
                error(cpu(new Cpu(null, null, null, null, null, null, null, null, 2L))));
    }

    @Test
    void realtimeIsRefusedButZeroIsNotSet() {
        assertTrue(error(cpu(new Cpu(null, null, null, null, 950000L, null, null, null, null)))
                .startsWith("linux.resources.cpu.realtimeRuntime: realtime CPU limits are not supported on cgroup v2"));
        assertTrue(error(cpu(new Cpu(null, null, null, null, null, 1000000L, null, null, null)))
                .startsWith("linux.resources.cpu.realtimePeriod: "));
        assertTrue(CgroupSettings.of(cpu(new Cpu(null, null, null, null, 0L, 0L, null, null, null))).isEmpty());
    }

    @Test
    void pidsAsRunc() {
        assertEquals(List.of("pids.max=16"), writes(resources(null, null, new Pids(16L), null)));
        assertEquals(List.of("pids.max=1"), writes(resources(null, null, new Pids(0L), null)));
        assertEquals(List.of("pids.max=max"), writes(resources(null, null, new Pids(-1L), null)));
        assertEquals(List.of(), writes(resources(null, null, new Pids(null), null)));
        assertEquals(List.of("pids"), controllers(resources(null, null, new Pids(-1L), null)));
    }

    @Test
    void blockIoWeightPrefersBfqAndConvertsForIoWeight() {
        List<CgroupWrite> w = CgroupSettings.of(resources(null, null, null,
                new BlockIo(500, 300, null, null, null, null, null))).writes();
        assertEquals(1, w.size());
        assertEquals("io.bfq.weight=500", w.getFirst().file() + "=" + w.getFirst().value());
        assertEquals("io.weight=4950", w.getFirst().fallback().file() + "=" + w.getFirst().fallback().value());
        assertEquals(1, BlockIoConversion.ioWeight(10));
        assertEquals(10000, BlockIoConversion.ioWeight(1000));
        assertEquals(List.of("io"), controllers(resources(null, null, null, new BlockIo(500, null, null, null, null,
                null, null))));
    }

    @Test
    void blockIoDevicesAndThrottles() {
        BlockIo io = new BlockIo(null, null,
                List.of(new WeightDevice(8, 0, 200, null), new WeightDevice(8, 16, null, 300)),
                List.of(new ThrottleDevice(8, 0, 1048576)), List.of(new ThrottleDevice(8, 0, 2097152)),
                List.of(new ThrottleDevice(8, 16, 100)), List.of(new ThrottleDevice(8, 16, -1)));
        List<CgroupWrite> w = CgroupSettings.of(resources(null, null, null, io)).writes();
        assertEquals(List.of("io.bfq.weight=8:0 200", "io.max=8:0 rbps=1048576", "io.max=8:0 wbps=2097152",
                "io.max=8:16 riops=100", "io.max=8:16 wiops=18446744073709551615"),
                w.stream().map(x -> x.file() + "=" + x.value()).toList());
        assertEquals(CgroupWrite.IfMissing.SKIP, w.getFirst().ifMissing());
        assertEquals("linux.resources.blockIO.throttleWriteIOPSDevice[0]", w.getLast().field());
    }

    @Test
    void blockIoLeafWeightAloneIsIgnoredAndAWeightOutOfRangeRefused() {
        assertTrue(CgroupSettings.of(resources(null, null, null, new BlockIo(null, 500, null, null, null, null,
                null))).isEmpty());
        assertEquals("linux.resources.blockIO.weight: 5 is out of range (10-1000)",
                error(resources(null, null, null, new BlockIo(5, null, null, null, null, null, null))));
        assertEquals("linux.resources.blockIO.weight: 1001 is out of range (10-1000)",
                error(resources(null, null, null, new BlockIo(1001, null, null, null, null, null, null))));
    }

    @Test
    void hugetlbLimitsAndTheirReservations() {
        Resources r = new Resources(null, null, null, null, null,
                List.of(new HugepageLimit("2MB", 4L << 20), new HugepageLimit("1GB", 1L << 30)), null, null, null);
        List<CgroupWrite> w = CgroupSettings.of(r).writes();
        assertEquals(List.of("hugetlb.2MB.max=4194304", "hugetlb.2MB.rsvd.max=4194304",
                "hugetlb.1GB.max=1073741824", "hugetlb.1GB.rsvd.max=1073741824"),
                w.stream().map(x -> x.file() + "=" + x.value()).toList());
        assertEquals(CgroupWrite.IfMissing.FAIL, w.get(0).ifMissing());
        assertEquals(CgroupWrite.IfMissing.SKIP, w.get(1).ifMissing());
        assertEquals("linux.resources.hugepageLimits[1]", w.get(2).field());
        assertEquals(List.of("hugetlb"), controllers(r));
    }

    @Test
    void rdmaLines() {
        Map<String, Rdma> rdma = new LinkedHashMap<>();
        rdma.put("mlx4_0", new Rdma(2L, 2000L));
        rdma.put("mlx5_1", new Rdma(null, 5L));
        Resources r = new Resources(null, null, null, null, null, null, null, rdma, null);
        assertEquals(List.of("rdma.max=mlx4_0 hca_handle=2 hca_object=2000", "rdma.max=mlx5_1 hca_object=5"), writes(r));
        assertEquals(List.of("rdma"), controllers(r));
        assertEquals("linux.resources.rdma[\"a b\"]: not a device name",
                error(new Resources(null, null, null, null, null, null, null, Map.of("a b", new Rdma(1L, null)), null)));
    }

    @Test
    void unifiedKeysAreWrittenLastLineByLine() {
        Map<String, String> u = new LinkedHashMap<>();
        u.put("memory.high", "1073741824");
        u.put("io.max", "8:0 rbps=1\n8:16 wbps=2\n");
        u.put("cgroup.freeze", "0");
        Resources r = new Resources(null, null, null, new Pids(5L), null, null, null, null, u);
        assertEquals(List.of("pids.max=5", "memory.high=1073741824", "io.max=8:0 rbps=1\n", "io.max=8:16 wbps=2\n",
                "cgroup.freeze=0"), writes(r));
        assertEquals(List.of("pids", "memory", "io"), controllers(r));
        assertEquals("linux.resources.unified[\"memory.high\"]",
                CgroupSettings.of(r).controllers().get(1).field());
    }

    @Test
    void unifiedKeysMustBeFileNamesOfTheCgroup() {
        for (String key : List.of("../memory.max", "memory/max", "..", ".", "")) {
            assertEquals("linux.resources.unified[\"" + key + "\"]: must be a file name of the container's cgroup"
                    + " (no slashes)", error(unified(Map.of(key, "1"))), key);
        }
        assertEquals("linux.resources.unified[\"memory\"]: must be in the form CONTROLLER.PARAMETER",
                error(unified(Map.of("memory", "1"))));
        // an unknown controller needs nothing up front: the write fails if the file is not there
        assertEquals(List.of(), controllers(unified(Map.of("foo.bar", "1"))));
    }

    @Test
    void writesFollowRuncsOrderAcrossControllers() {
        Resources r = new Resources(null, new Memory(1L << 20, null, null, null, null, null, null, null, null),
                new Cpu(1024L, null, null, null, null, null, "0", null, null), new Pids(5L),
                new BlockIo(100, null, null, null, null, null, null), List.of(new HugepageLimit("2MB", 0)), null,
                Map.of("mlx4_0", new Rdma(1L, null)), Map.of("pids.max", "6"));
        assertEquals(List.of("pids.max", "memory.max", "io.bfq.weight", "cpu.weight", "cpuset.cpus", "hugetlb.2MB.max",
                "hugetlb.2MB.rsvd.max", "rdma.max", "pids.max"),
                CgroupSettings.of(r).writes().stream().map(CgroupWrite::file).toList());
        assertEquals(List.of("pids", "memory", "io", "cpu", "cpuset", "hugetlb", "rdma"), controllers(r));
        assertNull(CgroupSettings.of(r).writes().getFirst().missingHint());
    }
}
