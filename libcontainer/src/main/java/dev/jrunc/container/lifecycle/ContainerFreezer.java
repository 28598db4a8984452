package dev.jrunc.container.lifecycle;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupV2Manager;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import dev.jrunc.spec.ContainerStatus;

/** {@code pause} and {@code resume}: freeze and thaw the container's cgroup. */
public final class ContainerFreezer {
    private final StateStore store;

    public ContainerFreezer(StateStore store) {
        this.store = store;
    }

    /** Freezes a running (or created) container; anything else is "container not running", as in runc. */
    public void pause(String id) {
        SavedState state = store.require(id);
        ContainerStatus status = new StatusProbe(store).status(state);
        if (status != ContainerStatus.RUNNING && status != ContainerStatus.CREATED) {
            throw ContainerKiller.notRunning();
        }
        cgroup(state).freeze();
    }

    /** Thaws a paused container; anything else is "container not paused", as in runc. */
    public void resume(String id) {
        SavedState state = store.require(id);
        if (new StatusProbe(store).status(state) != ContainerStatus.PAUSED) {
            throw new ContainerException("container not paused");
        }
        cgroup(state).thaw();
    }

    private static CgroupV2Manager cgroup(SavedState state) {
        return ContainerCgroup.of(state)
                .orElseThrow(() -> new ContainerException("container " + state.id() + " has no cgroup"));
    }
}
