package dev.jrunc.container.lifecycle;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.hooks.LifecycleHooks;
import dev.jrunc.container.state.ContainerId;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.spec.Hooks;
import dev.jrunc.spec.json.Quoting;
import dev.jrunc.spec.json.Rfc3339;
import dev.jrunc.sys.Processes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code delete}: removes a container's cgroup and state. Idempotent, and it also cleans up what
 * a crashed create left behind (see {@link AbandonedCreate}).
 */
public final class ContainerDeleter {
    /** How long the init may take to die after SIGKILL (runc polls for 10 s as well). */
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private final StateStore store;
    private final Consumer<String> warnings;

    /** Warnings (failed poststop hooks) go to stderr as logrus text lines. */
    public ContainerDeleter(StateStore store) {
        this(store, ContainerDeleter::warnOnStderr);
    }

    /** @param warnings where a warning goes, one line each (a failed poststop hook) */
    public ContainerDeleter(StateStore store, Consumer<String> warnings) {
        this.store = store;
        this.warnings = warnings;
    }

    /**
     * Deletes container {@code id}. A created or stopped container is cleaned up (a created one
     * killed first); a running or paused one only with {@code force}, which kills it. A missing
     * container fails unless {@code force}.
     */
    public void delete(String id, boolean force) {
        ContainerId.validate(id);
        Optional<SavedState> saved;
        try {
            saved = store.load(id);
        } catch (ContainerException unreadable) {
            if (!force) {
                throw unreadable;
            }
            saved = Optional.empty();
        }
        if (saved.isEmpty()) {
            deleteWithoutState(id, force);
            return;
        }
        SavedState state = saved.get();
        ContainerStatus status = new StatusProbe(store).status(state);
        if ((status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED) && !force) {
            throw new ContainerException("cannot delete container " + id + " that is not stopped: " + status.specName());
        }
        Optional<LifecycleHooks> hooks = poststopHooks(id);
        if (status != ContainerStatus.STOPPED) {
            kill(state);
        }
        destroy(state);
        // After the container is deleted; a failure is a warning and the rest still run.
        hooks.ifPresent(h -> LifecycleHooks.runner(state.bundle())
                .runAll("poststop", h.hooks().poststop(), h.state(state, ContainerStatus.STOPPED))
                .forEach(warnings));
    }

    /** Read before the state directory (and the config copy in it) is removed. */
    private Optional<LifecycleHooks> poststopHooks(String id) {
        try {
            return LifecycleHooks.loadIfAny(store, id).filter(h -> h.has(Hooks::poststop));
        } catch (ContainerException e) {
            warnings.accept("poststop hooks not run: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void warnOnStderr(String message) {
        System.err.println("time=" + Quoting.quote(Rfc3339.seconds(OffsetDateTime.now())) + " level=warning msg="
                + Quoting.quote(message));
    }

    /** Like runc: a directory without state is removed, yet without --force it is still "does not exist". */
    private void deleteWithoutState(String id, boolean force) {
        if (store.exists(id)) {
            new AbandonedCreate(store, id).cleanUp();
        }
        if (!force) {
            throw StateStore.notFound(id);
        }
    }

    static void kill(SavedState state) {
        ContainerCgroup.of(state).ifPresent(cgroup -> cgroup.killAll(Processes.SIGKILL));
        Optional<InitProcess> init = InitProcess.open(state);
        if (init.isEmpty()) {
            return;
        }
        try (InitProcess process = init.get()) {
            process.signal(Processes.SIGKILL);
            if (!process.awaitExit(KILL_TIMEOUT)) {
                throw new ContainerException("container init " + process.pid() + " still running "
                        + KILL_TIMEOUT.toSeconds() + "s after SIGKILL");
            }
        }
    }

    private void destroy(SavedState state) {
        ContainerCgroup.of(state).ifPresent(cgroup -> {
            // Once the init is gone, whatever is left in its cgroup belongs to the container
            // (without a private pid namespace the kernel did not kill it).
            if (cgroup.isPopulated()) {
                cgroup.killAll(Processes.SIGKILL);
            }
            cgroup.destroy();
        });
        store.remove(state.id());
    }
}
