package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.BlockIo;
import dev.jrunc.spec.Cpu;
import dev.jrunc.spec.Memory;
import dev.jrunc.spec.Pids;
import dev.jrunc.spec.Resources;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code update}'s resource flags, as runc takes them: a flag given empty is not given, memory
 * values take go-units suffixes ({@code 16m}) or -1 for no limit, and a bad value fails with
 * runc's "invalid value for FLAG: ..." before anything is changed.
 */
final class UpdateFlags {
    private static final Pattern UNSIGNED = Pattern.compile("\\d+");
    private static final Pattern SIGNED = Pattern.compile("[+-]?\\d+");

    @Option(names = "--blkio-weight", paramLabel = "N", description = "per cgroup weight, 10 to 1000 (0: unchanged)")
    long blkioWeight;
    @Option(names = "--cpu-period", paramLabel = "USECS", description = "CPU CFS period (0: the system default)")
    String cpuPeriod = "";
    @Option(names = "--cpu-quota", paramLabel = "USECS", description = "CPU CFS quota: allowed CPU time per period")
    String cpuQuota = "";
    @Option(names = "--cpu-burst", paramLabel = "USECS", description = "CPU CFS burst: CPU time that may accumulate for bursts")
    String cpuBurst = "";
    @Option(names = "--cpu-share", paramLabel = "N", description = "CPU shares (relative weight vs. other containers)")
    String cpuShare = "";
    @Option(names = "--cpu-rt-period", paramLabel = "USECS", description = "CPU realtime period (not on cgroup v2)")
    String cpuRtPeriod = "";
    @Option(names = "--cpu-rt-runtime", paramLabel = "USECS", description = "CPU realtime runtime (not on cgroup v2)")
    String cpuRtRuntime = "";
    @Option(names = "--cpuset-cpus", paramLabel = "LIST", description = "CPU(s) to use")
    String cpusetCpus = "";
    @Option(names = "--cpuset-mems", paramLabel = "LIST", description = "memory node(s) to use")
    String cpusetMems = "";
    @Option(names = "--cpu-idle", paramLabel = "0|1", description = "1: make the cgroup SCHED_IDLE; 0: default")
    String cpuIdle = "";
    @Option(names = "--kernel-memory", hidden = true, description = "(obsoleted; do not use)")
    String kernelMemory = "";
    @Option(names = "--kernel-memory-tcp", hidden = true, description = "(obsoleted; do not use)")
    String kernelMemoryTcp = "";
    @Option(names = "--memory", paramLabel = "BYTES", description = "memory limit (e.g. 512m; -1 for none)")
    String memory = "";
    @Option(names = "--memory-reservation", paramLabel = "BYTES", description = "memory soft limit")
    String memoryReservation = "";
    @Option(names = "--memory-swap", paramLabel = "BYTES", description = "memory + swap limit (-1: unlimited swap)")
    String memorySwap = "";
    @Option(names = "--pids-limit", paramLabel = "N", description = "maximum number of pids (-1: no limit)")
    Long pidsLimit;
    @Option(names = "--l3-cache-schema", paramLabel = "SCHEMA", description = "Intel RDT/CAT L3 cache schema")
    String l3CacheSchema = "";
    @Option(names = "--mem-bw-schema", paramLabel = "SCHEMA", description = "Intel RDT/MBA memory bandwidth schema")
    String memBwSchema = "";

    /** The changes the flags ask for, as a resources document (what was not given is null). */
    Resources toResources() {
        Integer weight = null;
        if (blkioWeight != 0) {
            if (blkioWeight < 0 || blkioWeight > 0xffff) {
                throw invalid("blkio-weight", blkioWeight + " is out of range");
            }
            weight = (int) blkioWeight;
        }
        Cpu cpu = new Cpu(
                unsigned("cpu-share", cpuShare),
                signed("cpu-quota", cpuQuota),
                unsigned("cpu-burst", cpuBurst),
                unsigned("cpu-period", cpuPeriod),
                signed("cpu-rt-runtime", cpuRtRuntime),
                unsigned("cpu-rt-period", cpuRtPeriod),
                cpusetCpus.isEmpty() ? null : cpusetCpus,
                cpusetMems.isEmpty() ? null : cpusetMems,
                signed("cpu-idle", cpuIdle));
        Memory mem = new Memory(
                bytes("memory", memory),
                bytes("memory-reservation", memoryReservation),
                bytes("memory-swap", memorySwap),
                bytes("kernel-memory", kernelMemory),
                bytes("kernel-memory-tcp", kernelMemoryTcp),
                null, null, null, false);
        return new Resources(null, mem, cpu, pidsLimit == null ? null : new Pids(pidsLimit),
                weight == null ? null : new BlockIo(weight, null, null, null, null, null, null),
                null, null, null, null);
    }

    private static Long unsigned(String flag, String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (!UNSIGNED.matcher(value).matches()) {
            throw invalid(flag, "strconv.ParseUint: parsing \"" + value + "\": invalid syntax");
        }
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw invalid(flag, "strconv.ParseUint: parsing \"" + value + "\": value out of range");
        }
    }

    private static Long signed(String flag, String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (!SIGNED.matcher(value).matches()) {
            throw invalid(flag, "strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(flag, "strconv.ParseInt: parsing \"" + value + "\": value out of range");
        }
    }

    private static Long bytes(String flag, String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.equals("-1")) {
            return -1L;
        }
        try {
            return RamBytes.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(flag, e.getMessage());
        }
    }

    private static ContainerException invalid(String flag, String problem) {
        return new ContainerException("invalid value for " + flag + ": " + problem);
    }
}
