package dev.jrunc.container.lifecycle;

import dev.jrunc.container.cgroup.CgroupV2Manager;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import java.util.List;
import java.util.Optional;

/** {@code ps}: the host pids of every process in a container's cgroup. */
public final class ContainerProcesses {
    private final StateStore store;

    public ContainerProcesses(StateStore store) {
        this.store = store;
    }

    public List<Integer> pids(String id) {
        SavedState state = store.require(id);
        Optional<CgroupV2Manager> cgroup = ContainerCgroup.of(state);
        if (cgroup.isPresent()) {
            return cgroup.get().pids();
        }
        // Without a cgroup only the init is known.
        return StatusProbe.isInitAlive(state) ? List.of(state.initPid()) : List.of();
    }
}
