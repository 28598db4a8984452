package dev.jrunc.container.lifecycle;

import dev.jrunc.container.cgroup.CgroupStats;
import java.util.Objects;

/** What {@code events} reports about a container: a reading of its statistics, or an OOM kill. */
public sealed interface ContainerEvent {
    /** The container's id. */
    String id();

    /** One reading of the container's cgroup statistics. */
    record Stats(String id, CgroupStats stats) implements ContainerEvent {
        public Stats {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(stats, "stats");
        }
    }

    /** The kernel's OOM killer killed at least one process of the container since the last report. */
    record Oom(String id) implements ContainerEvent {
        public Oom {
            Objects.requireNonNull(id, "id");
        }
    }
}
