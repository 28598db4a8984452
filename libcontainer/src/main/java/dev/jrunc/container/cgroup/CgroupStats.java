package dev.jrunc.container.cgroup;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One reading of a cgroup v2's statistics, with the values and conventions runc's {@code events}
 * reports (its {@code types.Stats}, filled by the cgroups library's fs2 code): times in
 * nanoseconds, sizes in bytes, swap as memory plus swap (cgroup v1's convention), a limit of
 * "max" as 2^64-1 ({@link #UNLIMITED}). Every counter is an unsigned 64-bit value held in a
 * {@code long}; a controller that is not enabled for the cgroup reads as zeros.
 *
 * @param cpu     cpu.stat and cpu.pressure
 * @param memory  memory.{stat,current,max,peak,swap.*} and memory.pressure
 * @param pids    pids.current and pids.max, or a count of cgroup.procs without the pids controller
 * @param blkio   io.stat and io.pressure
 * @param hugetlb per huge page size ("2MB", "1GB"), sorted by size name
 */
public record CgroupStats(Cpu cpu, Memory memory, Pids pids, Blkio blkio, SortedMap<String, Hugetlb> hugetlb) {
    /** "max" in a cgroup limit file: 2^64-1 as unsigned, which is -1 in a long. */
    public static final long UNLIMITED = -1L;

    public CgroupStats {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(pids, "pids");
        Objects.requireNonNull(blkio, "blkio");
        hugetlb = Collections.unmodifiableSortedMap(new TreeMap<>(hugetlb));
    }

    /**
     * @param usage      usage_usec, system_usec and user_usec in nanoseconds
     * @param throttling nr_periods, nr_throttled and throttled_usec (in nanoseconds)
     * @param psi        cpu.pressure, or null when the kernel has none for this cgroup
     */
    public record Cpu(CpuUsage usage, Throttling throttling, Psi psi) {
        public static final Cpu NONE = new Cpu(CpuUsage.NONE, Throttling.NONE, null);
    }

    public record CpuUsage(long total, long kernel, long user) {
        public static final CpuUsage NONE = new CpuUsage(0, 0, 0);
    }

    public record Throttling(long periods, long throttledPeriods, long throttledTime) {
        public static final Throttling NONE = new Throttling(0, 0, 0);
    }

    /**
     * @param cache the "file" line of memory.stat
     * @param usage memory.current, memory.max (limit) and memory.peak (max)
     * @param swap  memory plus swap: both currents added, both limits added unless swap is
     *              unlimited, no peak
     * @param raw   every line of memory.stat, sorted by key
     * @param psi   memory.pressure, or null
     */
    public record Memory(long cache, MemoryEntry usage, MemoryEntry swap, SortedMap<String, Long> raw, Psi psi) {
        public static final Memory NONE = new Memory(0, MemoryEntry.NONE, MemoryEntry.NONE, new TreeMap<>(), null);

        public Memory {
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(swap, "swap");
            raw = Collections.unmodifiableSortedMap(new TreeMap<>(raw));
        }
    }

    /** runc's MemoryData; cgroup v2 has no failure counter, so {@code failcnt} stays 0 there. */
    public record MemoryEntry(long limit, long usage, long max, long failcnt) {
        public static final MemoryEntry NONE = new MemoryEntry(0, 0, 0, 0);
    }

    /** @param limit pids.max, with "max" reported as 0 (runc's "no limit") */
    public record Pids(long current, long limit) {
        public static final Pids NONE = new Pids(0, 0);
    }

    /**
     * io.stat in cgroup v1's layout: bytes (rbytes, wbytes) and operations (rios, wios) as "Read"
     * and "Write" entries per device, in the file's order.
     */
    public record Blkio(List<BlkioEntry> ioServiceBytesRecursive, List<BlkioEntry> ioServicedRecursive, Psi psi) {
        public static final Blkio NONE = new Blkio(List.of(), List.of(), null);

        public Blkio {
            ioServiceBytesRecursive = List.copyOf(ioServiceBytesRecursive);
            ioServicedRecursive = List.copyOf(ioServicedRecursive);
        }
    }

    public record BlkioEntry(long major, long minor, String op, long value) {
        public BlkioEntry {
            Objects.requireNonNull(op, "op");
        }
    }

    /**
     * @param usage   hugetlb.SIZE.rsvd.current where the kernel has it (5.7+), else hugetlb.SIZE.current
     * @param max     the peak usage, which cgroup v2 does not report: always 0
     * @param failcnt the "max" count of hugetlb.SIZE.events
     */
    public record Hugetlb(long usage, long max, long failcnt) {
    }

    /** A pressure file: its "some" and "full" lines (zeros for a line the file lacks). */
    public record Psi(PsiData some, PsiData full) {
        public Psi {
            Objects.requireNonNull(some, "some");
            Objects.requireNonNull(full, "full");
        }
    }

    /** @param total the stall time in microseconds */
    public record PsiData(double avg10, double avg60, double avg300, long total) {
        public static final PsiData NONE = new PsiData(0, 0, 0, 0);
    }
}
