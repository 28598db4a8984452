package dev.jrunc.container.hooks;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.spec.Hook;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.StateWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code hooks.startContainer} (runtime-spec v1.3.0 lifecycle step 8): run by the container's
 * init itself, in all the container's namespaces and with the process's credentials and seccomp
 * filter, after `start` released it and before the user process is exec'd, as runc runs them.
 * Each is one helper operation that runs the hook and waits for it (killing it at its timeout);
 * the first failure stops the init, which writes the failure where `start` reads it.
 *
 * <p>As in runc, the path is looked up in the container, a hook without {@code env} gets the
 * process's environment, its cwd is the process's, and its stdin is the state ("created") with
 * the init's pid as the container sees it.
 */
public final class StartContainerHooks {
    private StartContainerHooks() {
    }

    public static boolean any(Spec spec) {
        return spec.hooks() != null && !spec.hooks().startContainer().isEmpty();
    }

    /** Appends one operation per hook of {@code spec}; {@code initPid} is the init's pid on the host. */
    public static void append(InitProgram program, Spec spec, String id, String bundle, int initPid) {
        List<Hook> hooks = spec.hooks().startContainer();
        byte[] state = StateWriter.writeCompact(LifecycleHooks.state(spec.ociVersion(), id, ContainerStatus.CREATED,
                pidInContainer(initPid), bundle, spec.annotations()));
        for (int i = 0; i < hooks.size(); i++) {
            Hook hook = hooks.get(i);
            List<String> args = hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
            List<String> env = hook.env().isEmpty() ? spec.process().env() : hook.env();
            long timeoutMillis = hook.timeout() == null || hook.timeout() <= 0 ? 0 : hook.timeout() * 1000L;
            program.run(HookRunner.field("startContainer", i) + " (" + hook.path() + ")", hook.path(), args, env,
                    state, timeoutMillis);
        }
    }

    /** The innermost pid of {@code NSpid} in /proc/{@code hostPid}/status: the pid the container sees. */
    static int pidInContainer(int hostPid) {
        Path status = Path.of("/proc/" + hostPid + "/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("NSpid:")) {
                    String[] pids = line.substring("NSpid:".length()).strip().split("\\s+");
                    return Integer.parseInt(pids[pids.length - 1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new ContainerException("hooks.startContainer: reading the init's pid from " + status + ": "
                    + e.getMessage(), e);
        }
        throw new ContainerException("hooks.startContainer: " + status + " has no NSpid line");
    }
}
