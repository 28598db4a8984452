package dev.jrunc.container.hooks;

import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.spec.Hooks;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.State;
import java.nio.file.Path;
import java.util.List;

/**
 * The hooks of {@code create}: {@code prestart} and {@code createRuntime} in the runtime's
 * namespaces, then {@code createContainer} in the container's mount namespace, all once the
 * rootfs mounts are in place and before pivot_root, with the status "creating" (as runc).
 * A failure fails create, whose rollback then kills the init and removes everything;
 * {@link #afterFailedCreate} runs the poststop hooks after that (lifecycle steps 12 and 13).
 */
public final class CreateHooks {
    private final Hooks hooks;
    private final State state;
    private final HookRunner runner;
    private HostThread host;

    private CreateHooks(Hooks hooks, State state, HookRunner runner, HostThread host) {
        this.hooks = hooks;
        this.state = state;
        this.runner = runner;
        this.host = host;
    }

    /**
     * Prepares the create hooks of {@code spec}; must be called from a host thread (the
     * runtime-namespace hooks are later run by a thread started here).
     */
    public static CreateHooks prepare(Spec spec, String id, Path bundle, int initPid) {
        LifecycleHooks lh = LifecycleHooks.of(spec);
        Hooks h = lh.hooks();
        State state = LifecycleHooks.state(spec.ociVersion(), id, ContainerStatus.CREATING, initPid, bundle.toString(),
                spec.annotations());
        boolean runtimeNs = !h.prestart().isEmpty() || !h.createRuntime().isEmpty();
        if (runtimeNs || !h.createContainer().isEmpty()) {
            HookRunner.preload();
        }
        return new CreateHooks(h, state, LifecycleHooks.runner(bundle.toString()), runtimeNs ? HostThread.start() : null);
    }

    /**
     * Runs on the {@code ContainerThread} in the container's mount namespace, after the mounts
     * and before pivot_root: runtime-namespace hooks through the host thread, then the
     * createContainer hooks from here.
     */
    public void beforePivot() {
        if (host != null) {
            try {
                host.call(() -> {
                    runner.run("prestart", hooks.prestart(), state);
                    runner.run("createRuntime", hooks.createRuntime(), state);
                    return null;
                });
            } finally {
                host.close();
                host = null;
            }
        }
        runner.run("createContainer", hooks.createContainer(), state);
    }

    /**
     * After a failed create has been rolled back: the poststop hooks, whose failures are only
     * attached to {@code cause} (suppressed), as runc's destroy does on a failed create.
     */
    public static void afterFailedCreate(Spec spec, String id, Path bundle, Throwable cause) {
        if (spec.hooks() == null || spec.hooks().poststop().isEmpty()) {
            return;
        }
        State stopped = LifecycleHooks.state(spec.ociVersion(), id, ContainerStatus.STOPPED, 0, bundle.toString(),
                spec.annotations());
        List<String> failures;
        try {
            failures = LifecycleHooks.runner(bundle.toString()).runAll("poststop", spec.hooks().poststop(), stopped);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            return;
        }
        failures.forEach(f -> cause.addSuppressed(new HookRunner.HookException(f)));
    }
}
