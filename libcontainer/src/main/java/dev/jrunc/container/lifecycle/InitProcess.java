package dev.jrunc.container.lifecycle;

import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StatusProbe;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Poll;
import dev.jrunc.sys.Processes;
import dev.jrunc.sys.SyscallException;
import java.time.Duration;
import java.util.Optional;

/**
 * A pidfd on a container's init. The pidfd is opened first and the start time checked after, so
 * a handle exists only for the very process create started: a recycled pid can never be
 * signalled through it.
 */
public final class InitProcess implements AutoCloseable {
    private final int pid;
    private final int pidfd;

    private InitProcess(int pid, int pidfd) {
        this.pid = pid;
        this.pidfd = pidfd;
    }

    /** A handle on the saved init, or empty when it has exited (or its pid now names another process). */
    public static Optional<InitProcess> open(SavedState state) {
        int pidfd;
        try {
            pidfd = Processes.pidfdOpen(state.initPid());
        } catch (SyscallException e) {
            if (e.is(Errno.ESRCH)) {
                return Optional.empty();
            }
            throw e;
        }
        if (!StatusProbe.isInitAlive(state)) {
            Files.closeQuietly(pidfd);
            return Optional.empty();
        }
        return Optional.of(new InitProcess(state.initPid(), pidfd));
    }

    public int pid() {
        return pid;
    }

    /** Sends {@code signal}; returns false when the process has already exited (ESRCH). */
    public boolean signal(int signal) {
        try {
            Processes.pidfdSendSignal(pidfd, signal);
            return true;
        } catch (SyscallException e) {
            if (e.is(Errno.ESRCH)) {
                return false;
            }
            throw e;
        }
    }

    /** Waits up to {@code timeout} for the process to exit; whether it did. */
    public boolean awaitExit(Duration timeout) {
        return Poll.await(pidfd, Poll.POLLIN, timeout.toMillis());
    }

    @Override
    public void close() {
        Files.closeQuietly(pidfd);
    }
}
