package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.create.ContainerCreator;
import dev.jrunc.container.create.CreateOptions;
import dev.jrunc.container.lifecycle.ContainerDeleter;
import dev.jrunc.container.lifecycle.ContainerStarter;
import dev.jrunc.container.lifecycle.InitProcess;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.terminal.CallerTerminal;
import dev.jrunc.sys.Processes;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code run ID}: create and start. In the foreground it waits for the init, forwarding signals
 * to it, deletes the container and exits with the init's status (128 + signal if killed).
 */
final class RunCommand extends ContainerIdCommand {
    private static final Signal WINCH = new Signal("WINCH");
    final CreateFlags flags = new CreateFlags();
    boolean detach;

    @Override
    void declare(OptionBinder options) {
        super.declare(options);
        flags.declare(options);
        options.flag("--detach", "-d").description("return once the container has started").to(v -> detach = v);
    }

    @Override
    public Integer call() {
        String id = containerId();
        jrunc.requireCgroupfsDriver();
        StateStore store = jrunc.store();
        if (!detach) {
            // Before create, so the init (orphaned by create's intermediate process) becomes our
            // child and waitpid can collect its status.
            Processes.becomeChildSubreaper();
        }
        CreateOptions options = flags.toOptions(id);
        if (!detach && options.consoleSocket() == null) {
            // runc's foreground run without a console socket: a terminal container's pty is
            // this process's to proxy to the caller's own stdio.
            options = options.withCallerConsole();
        }
        int[] console = {-1};
        SavedState state = new ContainerCreator(store, jrunc.log()::warning).create(options, master -> console[0] = master);
        try {
            if (detach) {
                new ContainerStarter(store).start(id);
                return 0;
            }
            return runInForeground(store, state, console[0]);
        } catch (RuntimeException e) {
            deleteQuietly(store, id, e);
            throw e;
        }
    }

    /** @param consoleMaster the pty master of a terminal container, to proxy to our stdio; or -1 */
    private int runInForeground(StateStore store, SavedState state, int consoleMaster) {
        int status;
        try (InitProcess init = InitProcess.open(state)
                .orElseThrow(() -> new ContainerException("container init " + state.initPid() + " exited before start"));
             CallerTerminal terminal = consoleMaster < 0 ? null : CallerTerminal.attach(consoleMaster)) {
            SignalForwarder forwarder = new SignalForwarder(init, jrunc.log());
            // A resized caller window resizes the container's pty, as with runc.
            SignalHandler previousWinch = terminal == null ? null : Signal.handle(WINCH, s -> terminal.resize());
            try {
                new ContainerStarter(store).start(state.id());
                status = Processes.waitpid(state.initPid(), false);
            } finally {
                forwarder.close();
                if (terminal != null) {
                    Signal.handle(WINCH, previousWinch);
                }
            }
        }
        new ContainerDeleter(store, jrunc.log()::warning).delete(state.id(), true);
        return Processes.exitCode(status);
    }

    private void deleteQuietly(StateStore store, String id, RuntimeException cause) {
        try {
            new ContainerDeleter(store, jrunc.log()::warning).delete(id, true);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            jrunc.log().debug("cleanup after failed run: " + e.getMessage());
        }
    }
}
