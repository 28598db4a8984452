package dev.jrunc.container.cgroup;

import java.time.Duration;

/**
 * What {@code events} learns from a cgroup between two readings of its statistics: OOM kills
 * (memory.events) and whether anything still runs in it (cgroup.events).
 */
public interface CgroupWatch extends AutoCloseable {
    /** Waits up to {@code timeout} for memory.events or cgroup.events to change; whether one did. */
    boolean awaitChange(Duration timeout);

    /** The oom_kill count of memory.events (this cgroup and below); 0 without the memory controller. */
    long oomKills();

    /** Whether any process is in the cgroup or below it; false once the cgroup is gone. */
    boolean populated();

    @Override
    void close();
}
