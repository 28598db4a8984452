package dev.jrunc.container.lifecycle;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupStats;
import dev.jrunc.container.cgroup.CgroupStatsReader;
import dev.jrunc.container.cgroup.CgroupWatch;
import dev.jrunc.container.cgroup.InotifyCgroupWatch;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import dev.jrunc.spec.ContainerStatus;
import java.nio.file.Path;
import java.time.Duration;

/** {@code events}: a container's cgroup statistics, once or followed over time with its OOM kills. */
public final class ContainerEvents {
    private final StateStore store;
    private final SavedState state;

    private ContainerEvents(StateStore store, SavedState state) {
        this.store = store;
        this.state = state;
    }

    /** The events of container {@code id}; fails with runc's "does not exist" wording when there is none. */
    public static ContainerEvents of(StateStore store, String id) {
        return new ContainerEvents(store, store.require(id));
    }

    /** Fails as runc does for a stopped container; created, running and paused ones have statistics. */
    public void requireRunning() {
        if (new StatusProbe(store).status(state) == ContainerStatus.STOPPED) {
            throw new ContainerException("container with id " + state.id() + " is not running");
        }
    }

    /** One reading of the container's cgroup. */
    public CgroupStats stats() {
        try {
            return new CgroupStatsReader(cgroupDir()).read();
        } catch (ContainerException e) {
            throw new ContainerException("unable to get container cgroup stats: " + e.getMessage(), e);
        }
    }

    /**
     * Reports a reading every {@code interval} and every OOM kill to {@code sink}, until no process
     * is left in the container's cgroup.
     */
    public void follow(Duration interval, EventSink sink) {
        try (CgroupWatch watch = InotifyCgroupWatch.open(cgroupDir())) {
            new EventLoop(state.id(), interval, this::stats, watch, System::nanoTime).run(sink);
        }
    }

    private Path cgroupDir() {
        if (state.cgroupPath() == null) {
            throw new ContainerException("container " + state.id() + " has no cgroup");
        }
        return Path.of(state.cgroupPath());
    }
}
