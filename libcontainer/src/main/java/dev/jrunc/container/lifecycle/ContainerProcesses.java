package dev.jrunc.container.lifecycle;

import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import java.nio.file.Path;
import java.util.List;
import dev.jrunc.container.cgroup.CgroupV2Manager;

/** {@code ps}: the host pids of every process in a container's cgroup. */
public final class ContainerProcesses {
    private final StateStore store;

    public ContainerProcesses(StateStore store) {
        this.store = store;
    }

    public List<Integer> pids(String id) {
        SavedState state = store.require(id);
        if (state.cgroupPath() == null) {
            return InitProcess.open(state).map(init -> {
                try (init) {
                    return List.of(init.pid());
                }
            }).orElse(List.of());
        }
        return CgroupV2Manager.existing(Path.of(state.cgroupPath())).pids();
    }
}
