package dev.jrunc.container.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.BlockIo;
import dev.jrunc.spec.Cpu;
import dev.jrunc.spec.HugepageLimit;
import dev.jrunc.spec.Memory;
import dev.jrunc.spec.Pids;
import dev.jrunc.spec.Resources;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CgroupV2Manager} applying {@link CgroupSettings} on the fake cgroupfs: controllers, writes, failures. */
class CgroupLimitsTest {
    @TempDir
    Path tmp;
    private final FakeCgroupFs fs = new FakeCgroupFs();
    private Path root;

    @BeforeEach
    void hierarchy() throws IOException {
        root = fs.hierarchy(tmp.resolve("unified"), "cpuset", "cpu", "io", "memory", "hugetlb", "pids");
    }

    private CgroupV2Manager manager(Path dir) {
        return new CgroupV2Manager(root, dir, fs, Duration.ofSeconds(1));
    }

    private static CgroupSettings settings(Memory memory, Cpu cpu, Pids pids, BlockIo io, List<HugepageLimit> huge,
                                           Map<String, String> unified) {
        return CgroupSettings.of(new Resources(null, memory, cpu, pids, io, huge, null, null, unified));
    }

    private static CgroupSettings memoryAndPids(long memory, long pids) {
        return settings(new Memory(memory, null, null, null, null, null, null, null, null), null, new Pids(pids), null,
                null, null);
    }

    private String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }

    @Test
    void createEnablesTheNeededControllersTopDownAndWritesBeforeAnyProcess() throws IOException {
        Path leaf = root.resolve("jrunc/c1");
        manager(leaf).create(memoryAndPids(16L << 20, 16));
        assertEquals("pids memory", fs.subtreeControl(root));
        assertEquals("pids memory", fs.subtreeControl(root.resolve("jrunc")));
        assertEquals("", fs.subtreeControl(leaf));
        assertEquals(List.of("jrunc/c1/pids.max=16", "jrunc/c1/memory.max=16777216"),
                fs.writes);
        assertEquals("16777216", read(leaf.resolve("memory.max")));
        assertEquals("", read(leaf.resolve("cgroup.procs")));
    }

    @Test
    void onlyTheNeededControllersAreEnabledAndNothingIsDisabled() throws IOException {
        fs.write(root.resolve("cgroup.subtree_control"), "+io");
        manager(root.resolve("c1")).create(settings(null, null, new Pids(3L), null, null, null));
        assertEquals("io pids", fs.subtreeControl(root));
        manager(root.resolve("c2")).create(CgroupSettings.NONE);
        assertEquals("io pids", fs.subtreeControl(root));
    }

    @Test
    void aControllerTheHierarchyLacksFailsCreateNamingItAndMakesNothing() throws IOException {
        fs.hierarchy(root, "hugetlb");
        Path leaf = root.resolve("jrunc/c1");
        ContainerException e = assertThrows(ContainerException.class, () -> manager(leaf).create(
                settings(new Memory(16L << 20, null, null, null, null, null, null, null, null), null, null, null, null,
                        null)));
        assertEquals("linux.resources.memory: the memory controller is not available in the cgroup v2 hierarchy at "
                + root + " (available: hugetlb)", e.getMessage());
        assertFalse(Files.exists(root.resolve("jrunc")));
        assertEquals("", fs.subtreeControl(root));
        fs.hierarchy(root);
        assertTrue(assertThrows(ContainerException.class, () -> manager(leaf).create(memoryAndPids(1, 1)))
                .getMessage().endsWith("(available: none)"));
    }

    @Test
    void anAncestorWithProcessesCannotGetControllers() throws IOException {
        Path parent = fs.cgroup(root.resolve("busy"));
        fs.setProcs(parent, Processes.currentPid());
        Path leaf = parent.resolve("sub/c1");
        ContainerException e = assertThrows(ContainerException.class,
                () -> manager(leaf).create(memoryAndPids(1L << 20, 4)));
        assertEquals("linux.resources.pids: cannot enable the pids controller in " + parent.resolve("cgroup.subtree_control")
                + ": device or resource busy (" + parent + " has processes of its own, and cgroup v2 enables controllers"
                + " only in cgroups without processes; this runtime process is one of them: use a cgroupsPath outside"
                + " its own cgroup)", e.getMessage());
        assertFalse(Files.exists(parent.resolve("sub")));
        assertTrue(Files.isDirectory(parent));
    }

    @Test
    void aRefusedValueFailsNamingTheFieldAndRemovesWhatCreateMade() throws IOException {
        Path leaf = root.resolve("jrunc/c1");
        fs.failNextWrite("memory.max", Errno.EINVAL);
        ContainerException e = assertThrows(ContainerException.class,
                () -> manager(leaf).create(memoryAndPids(16L << 20, 16)));
        assertEquals("linux.resources.memory.limit: cannot write \"16777216\" to " + leaf.resolve("memory.max")
                + ": invalid argument", e.getMessage());
        assertFalse(Files.exists(root.resolve("jrunc")));
        assertEquals(List.of(leaf, leaf.getParent()), fs.removed);
    }

    @Test
    void blkioWeightGoesToBfqWhenThereIsBfqElseToIoWeight() throws IOException {
        CgroupSettings weight = settings(null, null, null, new BlockIo(500, null, null, null, null, null, null), null,
                null);
        manager(root.resolve("bfq")).create(weight);
        fs.absentFiles.add("io.bfq.weight");
        manager(root.resolve("nobfq")).create(weight);
        assertEquals(List.of("bfq/io.bfq.weight=500", "nobfq/io.weight=4950"), fs.writes);
    }

    @Test
    void kernelFeaturesThatAreMissingAreSkippedOnlyWhereThatIsHarmless() throws IOException {
        fs.absentFiles.add("memory.swap.max");
        fs.absentFiles.add("hugetlb.2MB.rsvd.max");
        manager(root.resolve("c1")).create(settings(new Memory(16L << 20, null, 16L << 20, null, null, null, null, null,
                null), null, null, null, List.of(new HugepageLimit("2MB", 2L << 20)), null));
        assertEquals(List.of("c1/memory.max=16777216", "c1/hugetlb.2MB.max=2097152"), fs.writes);
        ContainerException e = assertThrows(ContainerException.class, () -> manager(root.resolve("c2")).create(
                settings(new Memory(16L << 20, null, 32L << 20, null, null, null, null, null, null), null, null, null,
                        null, null)));
        assertEquals("linux.resources.memory.swap: cannot write \"16777216\" to " + root.resolve("c2/memory.swap.max")
                + ": no such file or directory (the kernel has no swap accounting (CONFIG_MEMCG_SWAP, swapaccount=1))",
                e.getMessage());
        ContainerException size = assertThrows(ContainerException.class, () -> manager(root.resolve("c3")).create(
                settings(null, null, null, null, List.of(new HugepageLimit("4MB", 1)), null)));
        assertTrue(size.getMessage().startsWith("linux.resources.hugepageLimits[0]: cannot write \"1\" to "
                + root.resolve("c3/hugetlb.4MB.max") + ": no such file or directory (this host has no 4MB huge pages)"),
                size.getMessage());
    }

    @Test
    void aBurstTheOldQuotaRefusesIsRetriedAfterTheNewQuota() throws IOException {
        fs.failNextWrite("cpu.max.burst", Errno.EINVAL);
        manager(root.resolve("c1")).create(settings(null, new Cpu(null, 400000L, 300000L, 100000L, null, null, null,
                null, null), null, null, null, null));
        assertEquals(List.of("c1/cpu.max=400000 100000", "c1/cpu.max.burst=300000"), fs.writes);
        assertEquals("300000", read(root.resolve("c1/cpu.max.burst")));
    }

    @Test
    void aBurstRefusedTwiceOrWithoutAQuotaFails() {
        fs.failNextWrite("cpu.max.burst", Errno.EINVAL);
        fs.failNextWrite("cpu.max.burst", Errno.EINVAL);
        ContainerException twice = assertThrows(ContainerException.class, () -> manager(root.resolve("c1")).create(
                settings(null, new Cpu(null, 400000L, 300000L, null, null, null, null, null, null), null, null, null,
                        null)));
        assertTrue(twice.getMessage().startsWith("linux.resources.cpu.burst: cannot write \"300000\""), twice.getMessage());
        fs.failNextWrite("cpu.max.burst", Errno.EINVAL);
        ContainerException alone = assertThrows(ContainerException.class, () -> manager(root.resolve("c2")).create(
                settings(null, new Cpu(null, null, 300000L, null, null, null, null, null, null), null, null, null,
                        null)));
        assertTrue(alone.getMessage().endsWith(": invalid argument"), alone.getMessage());
    }

    @Test
    void aUnifiedKeyOfAControllerNotThereSaysSo() {
        ContainerException e = assertThrows(ContainerException.class, () -> manager(root.resolve("c1")).create(
                settings(null, null, null, null, null, Map.of("foo.bar", "1"))));
        assertEquals("linux.resources.unified[\"foo.bar\"]: cannot write \"1\" to " + root.resolve("c1/foo.bar")
                + ": no such file or directory (controller \"foo\" not available)", e.getMessage());
    }

    @Test
    void unifiedValuesWinAndAreWrittenByLine() throws IOException {
        manager(root.resolve("c1")).create(settings(null, null, new Pids(10L), null, null,
                Map.of("pids.max", "20", "io.max", "8:0 rbps=1\n8:16 wbps=2")));
        assertEquals("20", read(root.resolve("c1/pids.max")));
        assertEquals("8:0 rbps=1\n\n8:16 wbps=2", read(root.resolve("c1/io.max")));
        assertEquals("pids io", fs.subtreeControl(root).replace("io pids", "pids io"));
    }

    @Test
    void updateEnablesNewlyNeededControllersInTheAncestorsOfAPopulatedCgroup() throws IOException {
        Path leaf = root.resolve("jrunc/c1");
        CgroupV2Manager m = manager(leaf);
        m.create(settings(null, null, new Pids(10L), null, null, null));
        fs.setProcs(leaf, 4242);
        m.update(memoryAndPids(32L << 20, 20));
        assertEquals("pids memory", fs.subtreeControl(root.resolve("jrunc")));
        assertEquals("33554432", read(leaf.resolve("memory.max")));
        assertEquals("20", read(leaf.resolve("pids.max")));
        assertEquals(8192, m.memoryCurrent().orElseThrow());
        assertTrue(manager(root.resolve("none")).memoryCurrent().isEmpty());
    }
}
