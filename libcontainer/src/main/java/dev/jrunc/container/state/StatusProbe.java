package dev.jrunc.container.state;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupV2Manager;
import dev.jrunc.spec.ContainerStatus;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Derives a container's status from the system, as runc does: the init process decides between
 * stopped and alive, a frozen cgroup marks a paused container, and the exec fifo one not yet
 * started.
 */
public final class StatusProbe {
    private final StateStore store;

    public StatusProbe(StateStore store) {
        this.store = store;
    }

    public ContainerStatus status(SavedState state) {
        if (!isInitAlive(state)) {
            return ContainerStatus.STOPPED;
        }
        // Frozen wins over the fifo, as in runc: a created container can be paused, and must
        // then read as paused so that resume accepts it.
        if (state.cgroupPath() != null && CgroupV2Manager.existing(Path.of(state.cgroupPath())).isFrozen()) {
            return ContainerStatus.PAUSED;
        }
        if (Files.exists(store.execFifo(state.id()), LinkOption.NOFOLLOW_LINKS)) {
            return ContainerStatus.CREATED;
        }
        return ContainerStatus.RUNNING;
    }

    /**
     * Whether the container's init still runs: its pid exists, is not a zombie, and has the
     * start time saved at create, so a recycled pid is not mistaken for it.
     */
    public static boolean isInitAlive(SavedState state) {
        return ProcStat.read(state.initPid())
                .filter(stat -> !stat.isDead() && stat.startTime() == state.initStartTime())
                .isPresent();
    }

    /** Field 22 of {@code /proc/<pid>/stat}, saved at create to recognise the init later. */
    public static long procStartTime(int pid) {
        return ProcStat.read(pid)
                .orElseThrow(() -> new ContainerException("process " + pid + " does not exist"))
                .startTime();
    }
}
