package dev.jrunc.spec;

/**
 * cpu and cpuset controller settings; null means "not set". Fields documented as unsigned are
 * uint64 values in a long's 64 bits.
 *
 * @param shares relative CPU weight, unsigned
 * @param quota CFS quota in microseconds per period, -1 for none
 * @param burst CFS burst in microseconds, unsigned
 * @param period CFS period in microseconds, unsigned
 * @param realtimeRuntime realtime runtime in microseconds
 * @param realtimePeriod realtime period in microseconds, unsigned
 * @param cpus the CPU list, e.g. {@code 0-3,7}
 * @param mems the memory node list
 * @param idle 1 to make the cgroup SCHED_IDLE, 0 for the default
 */
public record Cpu(
        Long shares,
        Long quota,
        Long burst,
        Long period,
        Long realtimeRuntime,
        Long realtimePeriod,
        String cpus,
        String mems,
        Long idle) {}
