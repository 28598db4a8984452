package dev.jrunc.container.lifecycle;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import java.util.Optional;

/** {@code kill}: signals a container's init, or with {@code all} every process in its cgroup. */
public final class ContainerKiller {
    private final StateStore store;

    public ContainerKiller(StateStore store) {
        this.store = store;
    }

    /**
     * Sends {@code signal}. Without {@code all}, a container whose init has exited fails with
     * "container not running" (engines read that as "process already finished"); with
     * {@code all} it succeeds, as containerd's shim expects after the init died.
     */
    public void kill(String id, int signal, boolean all) {
        SavedState state = store.require(id);
        if (all) {
            killAll(state, signal);
            return;
        }
        Optional<InitProcess> init = InitProcess.open(state);
        if (init.isEmpty()) {
            throw notRunning();
        }
        try (InitProcess process = init.get()) {
            if (!process.signal(signal)) {
                throw notRunning();
            }
        }
    }

    private static void killAll(SavedState state, int signal) {
        // The init goes first, through its pidfd: it may not be in the cgroup (or there is none).
        InitProcess.open(state).ifPresent(init -> {
            try (init) {
                init.signal(signal);
            }
        });
        ContainerCgroup.of(state).ifPresent(cgroup -> cgroup.killAll(signal));
    }

    static ContainerException notRunning() {
        return new ContainerException("container not running");
    }
}
