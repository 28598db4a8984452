package dev.jrunc.container.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupStats.BlkioEntry;
import dev.jrunc.container.cgroup.CgroupStats.Hugetlb;
import dev.jrunc.container.cgroup.CgroupStats.MemoryEntry;
import dev.jrunc.container.cgroup.CgroupStats.Psi;
import dev.jrunc.container.cgroup.CgroupStats.PsiData;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics read from control files as real kernels write them (see the SOURCE file of each sample). */
class CgroupStatsReaderTest {
    private static final List<String> SIZES = List.of("1GB", "2MB");

    @TempDir
    Path root;
    private final FakeCgroupFs fs = new FakeCgroupFs();
    private final Map<Path, IOException> failures = new HashMap<>();

    /** A cgroup made by the fake cgroupfs, holding the control files of sample {@code name}. */
    private Path sample(String name) throws IOException, URISyntaxException {
        Path dir = fs.cgroup(root.resolve("jrunc/c1"));
        Path source = Path.of(getClass().getResource("stats/" + name).toURI());
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals("SOURCE")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    private CgroupStats read(Path dir) {
        return new CgroupStatsReader(dir, failing(), SIZES).read();
    }

    /** The fake cgroupfs, failing reads of the files in {@link #failures} as the kernel would. */
    private CgroupFs failing() {
        return new CgroupFs() {
            @Override
            public String read(Path file) throws IOException {
                IOException failure = failures.get(file);
                if (failure != null) {
                    throw failure;
                }
                return fs.read(file);
            }

            @Override
            public void write(Path file, String value) throws IOException {
                fs.write(file, value);
            }

            @Override
            public boolean exists(Path path) {
                return fs.exists(path);
            }

            @Override
            public void mkdir(Path dir) throws IOException {
                fs.mkdir(dir);
            }

            @Override
            public void rmdir(Path dir) throws IOException {
                fs.rmdir(dir);
            }

            @Override
            public List<Path> children(Path dir) throws IOException {
                return fs.children(dir);
            }
        };
    }

    @Test
    void everyControllerOfADebianKernel() throws Exception {
        CgroupStats s = read(sample("debian-6.1-all-controllers"));

        // cpu.stat is in microseconds; runc reports nanoseconds.
        assertEquals(new CgroupStats.CpuUsage(1_491_793_000L, 878_304_000L, 613_489_000L), s.cpu().usage());
        assertEquals(new CgroupStats.Throttling(32, 29, 1_918_915_000L), s.cpu().throttling());
        assertEquals(new Psi(new PsiData(7.05, 1.40, 0.29, 927_795), new PsiData(7.05, 1.40, 0.29, 920_196)), s.cpu().psi());

        assertEquals(31_535_104L, s.memory().cache());
        assertEquals(new MemoryEntry(52_428_800L, 31_690_752L, 52_428_800L, 0), s.memory().usage());
        // memory.swap.max is "max": the sum stays unlimited; usage is swap (0) plus memory.
        assertEquals(new MemoryEntry(CgroupStats.UNLIMITED, 31_690_752L, 0, 0), s.memory().swap());
        assertEquals(51, s.memory().raw().size());
        assertEquals(31_457_280L, s.memory().raw().get("shmem"));
        assertEquals(1L, s.memory().raw().get("thp_collapse_alloc"));
        assertEquals("active_anon", s.memory().raw().firstKey());
        assertEquals(new PsiData(0.36, 0.09, 0.01, 71_254), s.memory().psi().some());

        assertEquals(new CgroupStats.Pids(0, 20), s.pids());

        assertEquals(List.of(new BlkioEntry(254, 0, "Read", 40_960), new BlkioEntry(254, 0, "Write", 409_600),
                new BlkioEntry(7, 0, "Read", 8_388_608), new BlkioEntry(7, 0, "Write", 1_048_576)),
                s.blkio().ioServiceBytesRecursive());
        assertEquals(List.of(new BlkioEntry(254, 0, "Read", 10), new BlkioEntry(254, 0, "Write", 100),
                new BlkioEntry(7, 0, "Read", 16), new BlkioEntry(7, 0, "Write", 16)), s.blkio().ioServicedRecursive());
        assertEquals(new Psi(PsiData.NONE, PsiData.NONE), s.blkio().psi());

        assertEquals(Map.of("1GB", new Hugetlb(0, 0, 0), "2MB", new Hugetlb(0, 0, 0)), s.hugetlb());
    }

    @Test
    void aCgroupWithoutControllersHasCpuTimesPressureAndAProcessCount() throws Exception {
        CgroupStats s = read(sample("hybrid-6.18-no-controllers"));

        assertEquals(new CgroupStats.CpuUsage(2_261_000L, 0, 2_261_000L), s.cpu().usage());
        assertEquals(CgroupStats.Throttling.NONE, s.cpu().throttling());
        assertEquals(new Psi(PsiData.NONE, PsiData.NONE), s.cpu().psi());
        // No pids controller: the two lines of cgroup.procs, and no limit.
        assertEquals(new CgroupStats.Pids(2, 0), s.pids());
        assertEquals(0, s.memory().cache());
        assertEquals(MemoryEntry.NONE, s.memory().usage());
        assertEquals(MemoryEntry.NONE, s.memory().swap());
        assertTrue(s.memory().raw().isEmpty());
        assertEquals(new Psi(PsiData.NONE, PsiData.NONE), s.memory().psi());
        assertEquals(List.of(), s.blkio().ioServiceBytesRecursive());
        assertTrue(s.hugetlb().isEmpty());
    }

    @Test
    void withoutPressureFilesThereIsNoPsi() throws Exception {
        Path dir = sample("hybrid-6.18-no-controllers");
        for (String f : List.of("cpu.pressure", "memory.pressure", "io.pressure")) {
            Files.delete(dir.resolve(f));
        }
        CgroupStats s = read(dir);
        assertNull(s.cpu().psi());
        assertNull(s.memory().psi());
        assertNull(s.blkio().psi());
    }

    @Test
    void pressureTurnedOffForTheCgroupIsNoPsiRatherThanAnError() throws Exception {
        Path dir = sample("hybrid-6.18-no-controllers");
        // With cgroup.pressure 0 the files stay but reading them fails with EOPNOTSUPP.
        failures.put(dir.resolve("cpu.pressure"), new FileSystemException(dir.resolve("cpu.pressure").toString(),
                null, "Operation not supported"));
        assertNull(read(dir).cpu().psi());
    }

    @Test
    void pidsMaxOfMaxIsReportedAsNoLimit() throws Exception {
        Path dir = sample("debian-6.1-all-controllers");
        Files.writeString(dir.resolve("pids.current"), "3\n");
        Files.writeString(dir.resolve("pids.max"), "max\n");
        assertEquals(new CgroupStats.Pids(3, 0), read(dir).pids());
    }

    @Test
    void swapCombinesWithMemoryAsInCgroupV1() throws Exception {
        Path dir = sample("debian-6.1-all-controllers");
        Files.writeString(dir.resolve("memory.swap.current"), "4096\n");
        Files.writeString(dir.resolve("memory.swap.max"), "1048576\n");
        assertEquals(new MemoryEntry(52_428_800L + 1_048_576L, 31_690_752L + 4096, 0, 0), read(dir).memory().swap());

        // Without a memory limit the sum wraps around 2^64, exactly as runc's uint64 addition does.
        Files.writeString(dir.resolve("memory.max"), "max\n");
        MemoryEntry swap = read(dir).memory().swap();
        assertEquals("1048575", Long.toUnsignedString(swap.limit()));
    }

    @Test
    void withoutSwapAccountingSwapIsTheMemoryItself() throws Exception {
        Path dir = sample("debian-6.1-all-controllers");
        Files.delete(dir.resolve("memory.swap.current"));
        Files.delete(dir.resolve("memory.swap.max"));
        Files.delete(dir.resolve("memory.peak")); // before 5.19
        CgroupStats s = read(dir);
        assertEquals(new MemoryEntry(52_428_800L, 31_690_752L, 0, 0), s.memory().usage());
        assertEquals(new MemoryEntry(52_428_800L, 31_690_752L, 0, 0), s.memory().swap());
    }

    @Test
    void hugetlbUsageIsTheReservationWhileTheKernelHasOne() throws Exception {
        Path dir = sample("debian-6.1-all-controllers");
        Files.writeString(dir.resolve("hugetlb.2MB.rsvd.current"), "4194304\n");
        Files.writeString(dir.resolve("hugetlb.2MB.current"), "2097152\n");
        Files.writeString(dir.resolve("hugetlb.2MB.events"), "max 3\n");
        assertEquals(new Hugetlb(4_194_304L, 0, 3), read(dir).hugetlb().get("2MB"));

        // Kernels before 5.7 have no rsvd files.
        Files.delete(dir.resolve("hugetlb.2MB.rsvd.current"));
        Files.delete(dir.resolve("hugetlb.1GB.rsvd.current"));
        assertEquals(new Hugetlb(2_097_152L, 0, 3), read(dir).hugetlb().get("2MB"));
    }

    @Test
    void hugePageSizesWithoutFilesAreLeftOut() throws Exception {
        Path dir = sample("debian-6.1-all-controllers");
        CgroupStats s = new CgroupStatsReader(dir, failing(), List.of("2MB", "16KB")).read();
        assertEquals(List.of("2MB"), List.copyOf(s.hugetlb().keySet()));
    }

    @Test
    void negativeCountersReadAsZero() throws Exception {
        Path dir = sample("debian-6.1-all-controllers");
        Files.writeString(dir.resolve("memory.stat"), "anon -4096\nfile 8192\n");
        assertEquals(Map.of("anon", 0L, "file", 8192L), read(dir).memory().raw());
    }

    @Test
    void unparsableFilesFailTheReadingNamingEachOne() throws Exception {
        Path dir = sample("debian-6.1-all-controllers");
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 12\nnr_periods\n");
        Files.writeString(dir.resolve("io.stat"), "8:x rbytes=1\n");
        ContainerException e = assertThrows(ContainerException.class, () -> read(dir));
        assertEquals("error while statting cgroup v2: ["
                + "unable to parse " + dir.resolve("io.stat") + ": strconv.ParseUint: parsing \"x\": invalid syntax "
                + "unable to parse " + dir.resolve("cpu.stat") + ": line \"nr_periods\" is not in \"key value\" format]",
                e.getMessage());
    }

    @Test
    void anUnreadableFileFailsTheReading() throws Exception {
        Path dir = sample("debian-6.1-all-controllers");
        Path stat = dir.resolve("memory.stat");
        failures.put(stat, new java.nio.file.AccessDeniedException(stat.toString()));
        ContainerException e = assertThrows(ContainerException.class, () -> read(dir));
        assertEquals("error while statting cgroup v2: [open " + stat + ": permission denied]", e.getMessage());
    }

    @Test
    void aCgroupThatIsGoneFailsOnItsProcesses() {
        Path gone = root.resolve("jrunc/gone");
        ContainerException e = assertThrows(ContainerException.class, () -> read(gone));
        assertEquals("error while statting cgroup v2: [open " + gone.resolve("cgroup.procs")
                + ": no such file or directory]", e.getMessage());
    }

    @Test
    void aThreadedCgroupCountsItsThreads() throws Exception {
        Path dir = sample("hybrid-6.18-no-controllers");
        failures.put(dir.resolve("cgroup.procs"), new FileSystemException(dir.resolve("cgroup.procs").toString(),
                null, "Operation not supported"));
        Files.writeString(dir.resolve("cgroup.threads"), "10\n11\n12\n");
        assertEquals(new CgroupStats.Pids(3, 0), read(dir).pids());
    }
}
