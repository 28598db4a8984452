package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.BlockIo;
import dev.jrunc.spec.Cpu;
import dev.jrunc.spec.Memory;
import dev.jrunc.spec.Pids;
import dev.jrunc.spec.Resources;
import java.util.regex.Pattern;

/**
 * {@code update}'s resource flags, as runc takes them: a flag given empty is not given, memory
 * values take go-units suffixes ({@code 16m}) or -1 for no limit, and a bad value fails with
 * runc's "invalid value for FLAG: ..." before anything is changed.
 */
final class UpdateFlags {
    private static final Pattern UNSIGNED = Pattern.compile("\\d+");
    private static final Pattern SIGNED = Pattern.compile("[+-]?\\d+");

    long blkioWeight;
    String cpuPeriod = "";
    String cpuQuota = "";
    String cpuBurst = "";
    String cpuShare = "";
    String cpuRtPeriod = "";
    String cpuRtRuntime = "";
    String cpusetCpus = "";
    String cpusetMems = "";
    String cpuIdle = "";
    String kernelMemory = "";
    String kernelMemoryTcp = "";
    String memory = "";
    String memoryReservation = "";
    String memorySwap = "";
    Long pidsLimit;
    String l3CacheSchema = "";
    String memBwSchema = "";

    void declare(OptionBinder options) {
        options.option("--blkio-weight").label("N")
                .description("per cgroup weight, 10 to 1000 (0: unchanged)")
                .to(long.class, v -> blkioWeight = v);
        options.option("--cpu-period").label("USECS")
                .description("CPU CFS period (0: the system default)")
                .to(String.class, v -> cpuPeriod = v);
        options.option("--cpu-quota").label("USECS")
                .description("CPU CFS quota: allowed CPU time per period")
                .to(String.class, v -> cpuQuota = v);
        options.option("--cpu-burst").label("USECS")
                .description("CPU CFS burst: CPU time that may accumulate for bursts")
                .to(String.class, v -> cpuBurst = v);
        options.option("--cpu-share").label("N")
                .description("CPU shares (relative weight vs. other containers)")
                .to(String.class, v -> cpuShare = v);
        options.option("--cpu-rt-period").label("USECS")
                .description("CPU realtime period (not on cgroup v2)")
                .to(String.class, v -> cpuRtPeriod = v);
        options.option("--cpu-rt-runtime").label("USECS")
                .description("CPU realtime runtime (not on cgroup v2)")
                .to(String.class, v -> cpuRtRuntime = v);
        options.option("--cpuset-cpus").label("LIST")
                .description("CPU(s) to use")
                .to(String.class, v -> cpusetCpus = v);
        options.option("--cpuset-mems").label("LIST")
                .description("memory node(s) to use")
                .to(String.class, v -> cpusetMems = v);
        options.option("--cpu-idle").label("0|1")
                .description("1: make the cgroup SCHED_IDLE; 0: default")
                .to(String.class, v -> cpuIdle = v);
        options.option("--kernel-memory")
                .description("(obsoleted; do not use)").hidden()
                .to(String.class, v -> kernelMemory = v);
        options.option("--kernel-memory-tcp")
                .description("(obsoleted; do not use)").hidden()
                .to(String.class, v -> kernelMemoryTcp = v);
        options.option("--memory").label("BYTES")
                .description("memory limit (e.g. 512m; -1 for none)")
                .to(String.class, v -> memory = v);
        options.option("--memory-reservation").label("BYTES")
                .description("memory soft limit")
                .to(String.class, v -> memoryReservation = v);
        options.option("--memory-swap").label("BYTES")
                .description("memory + swap limit (-1: unlimited swap)")
                .to(String.class, v -> memorySwap = v);
        options.option("--pids-limit").label("N")
                .description("maximum number of pids (-1: no limit)")
                .to(Long.class, v -> pidsLimit = v);
        options.option("--l3-cache-schema").label("SCHEMA")
                .description("Intel RDT/CAT L3 cache schema")
                .to(String.class, v -> l3CacheSchema = v);
        options.option("--mem-bw-schema").label("SCHEMA")
                .description("Intel RDT/MBA memory bandwidth schema")
                .to(String.class, v -> memBwSchema = v);
    }

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
