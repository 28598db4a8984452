package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrunc.container.cgroup.CgroupStats;
import dev.jrunc.container.cgroup.CgroupStats.Blkio;
import dev.jrunc.container.cgroup.CgroupStats.BlkioEntry;
import dev.jrunc.container.cgroup.CgroupStats.Cpu;
import dev.jrunc.container.cgroup.CgroupStats.CpuUsage;
import dev.jrunc.container.cgroup.CgroupStats.Hugetlb;
import dev.jrunc.container.cgroup.CgroupStats.Memory;
import dev.jrunc.container.cgroup.CgroupStats.MemoryEntry;
import dev.jrunc.container.cgroup.CgroupStats.Pids;
import dev.jrunc.container.cgroup.CgroupStats.Psi;
import dev.jrunc.container.cgroup.CgroupStats.PsiData;
import dev.jrunc.container.cgroup.CgroupStats.Throttling;
import dev.jrunc.container.lifecycle.ContainerEvent;
import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonLayout;
import dev.jrunc.spec.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The lines of {@code events} against golden JSON written from runc's types.Stats (member names,
 * order, and what omitempty/omitzero leave out): compared as trees first, for a readable
 * difference, then as the exact compact text.
 */
class EventPrinterTest {
    private static final Psi NO_PRESSURE = new Psi(PsiData.NONE, PsiData.NONE);

    private static void assertGolden(String golden, ContainerEvent event) throws IOException {
        JsonValue expected;
        try (InputStream in = EventPrinterTest.class.getResourceAsStream("events/" + golden)) {
            expected = Json.parse(in.readAllBytes());
        }
        String line = EventPrinter.line(event);
        assertEquals(expected, Json.parse(line), line);
        assertEquals(Json.toString(expected, JsonLayout.COMPACT), line);
    }

    @Test
    void everyControllerAsRuncWritesIt() throws IOException {
        CgroupStats stats = new CgroupStats(
                new Cpu(new CpuUsage(1_491_793_000L, 878_304_000L, 613_489_000L), new Throttling(32, 29, 1_918_915_000L),
                        new Psi(new PsiData(7.05, 1.40, 0.29, 927_795), new PsiData(7.05, 1.40, 0.29, 920_196))),
                new Memory(31_535_104L, new MemoryEntry(52_428_800L, 31_690_752L, 52_428_800L, 0),
                        new MemoryEntry(CgroupStats.UNLIMITED, 31_690_752L, 0, 0),
                        new TreeMap<>(Map.of("file", 31_535_104L, "anon", 0L, "pgfault", 5731L, "active_anon", 31_457_280L)),
                        new Psi(new PsiData(0.36, 0.09, 0.01, 71_254), new PsiData(0.36, 0.09, 0.01, 71_254))),
                new Pids(0, 20),
                new Blkio(List.of(new BlkioEntry(254, 0, "Read", 40_960), new BlkioEntry(254, 0, "Write", 409_600),
                        new BlkioEntry(7, 0, "Read", 8_388_608), new BlkioEntry(7, 0, "Write", 1_048_576)),
                        List.of(new BlkioEntry(254, 0, "Read", 10), new BlkioEntry(254, 0, "Write", 100),
                                new BlkioEntry(7, 0, "Read", 16), new BlkioEntry(7, 0, "Write", 0)),
                        NO_PRESSURE),
                new TreeMap<>(Map.of("2MB", new Hugetlb(4_194_304L, 0, 1), "1GB", new Hugetlb(0, 0, 0))));

        assertGolden("stats-all-controllers.json", new ContainerEvent.Stats("jrunc-c1", stats));
    }

    @Test
    void aCgroupWithoutControllers() throws IOException {
        CgroupStats stats = new CgroupStats(new Cpu(new CpuUsage(2_261_000L, 0, 2_261_000L), Throttling.NONE, NO_PRESSURE),
                new Memory(0, MemoryEntry.NONE, MemoryEntry.NONE, new TreeMap<>(), NO_PRESSURE), new Pids(2, 0),
                new Blkio(List.of(), List.of(), NO_PRESSURE), new TreeMap<>());

        assertGolden("stats-no-controllers.json", new ContainerEvent.Stats("jrunc-c2", stats));
    }

    @Test
    void nothingAtAllLeavesOnlyWhatRuncAlwaysWrites() throws IOException {
        CgroupStats stats = new CgroupStats(Cpu.NONE, Memory.NONE, Pids.NONE, Blkio.NONE, new TreeMap<>());

        assertGolden("stats-nothing.json", new ContainerEvent.Stats("jrunc-c3", stats));
    }

    @Test
    void anOomEventHasNoData() {
        assertEquals("{\"type\":\"oom\",\"id\":\"jrunc-c1\"}", EventPrinter.line(new ContainerEvent.Oom("jrunc-c1")));
    }
}
