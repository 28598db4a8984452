package dev.jrunc.spec;

import java.util.List;

/**
 * sched_setattr(2) settings for the process. Absent numbers are 0, the value the spec says to use.
 *
 * @param policy e.g. {@code SCHED_OTHER}, {@code SCHED_FIFO}; required
 * @param nice the nice value
 * @param priority the static priority, for SCHED_FIFO and SCHED_RR
 * @param flags e.g. {@code SCHED_FLAG_RESET_ON_FORK}; empty when absent
 * @param runtime SCHED_DEADLINE runtime in nanoseconds, unsigned
 * @param deadline SCHED_DEADLINE deadline in nanoseconds, unsigned
 * @param period SCHED_DEADLINE period in nanoseconds, unsigned
 */
public record Scheduler(
        String policy, int nice, int priority, List<String> flags, long runtime, long deadline, long period) {

    /** Normalises absent collections to empty immutable ones. */
    public Scheduler {
        flags = Immutable.list(flags);
    }
}
