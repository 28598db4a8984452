package dev.jrunc.container.lifecycle;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.hooks.LifecycleHooks;
import dev.jrunc.container.state.IoMessages;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code start}: releases a created container's init, which is blocked reading one byte from
 * the container's exec fifo, so it goes on to exec the user process (after running the
 * startContainer hooks, whose outcome it waits for).
 */
public final class ContainerStarter {
    private static final byte[] GO = {'0'};
    private final StateStore store;

    public ContainerStarter(StateStore store) {
        this.store = store;
    }

    public void start(String id) {
        SavedState state = store.require(id);
        ContainerStatus status = new StatusProbe(store).status(state);
        switch (status) {
            case CREATED -> {
                // Read before the start, from the config copy taken at create.
                Optional<LifecycleHooks> hooks = LifecycleHooks.loadIfAny(store, id);
                int hookStatus = openStartStatus(id);
                try {
                    release(id);
                    if (hookStatus >= 0) {
                        awaitStartContainerHooks(state, hookStatus);
                    }
                } finally {
                    if (hookStatus >= 0) {
                        Files.closeQuietly(hookStatus);
                    }
                }
                hooks.ifPresent(h -> poststart(state, h));
            }
            case STOPPED -> throw stopped();
            case RUNNING -> throw new ContainerException("cannot start an already running container");
            default -> throw new ContainerException("cannot start a container in the " + status.specName() + " state");
        }
    }

    private void release(String id) {
        Path fifo = store.execFifo(id);
        int fd;
        try {
            // Non-blocking, so a vanished reader shows up as ENXIO instead of hanging start.
            fd = Files.open(fifo.toString(), Files.O_WRONLY | Files.O_NONBLOCK);
        } catch (SyscallException e) {
            if (e.is(Errno.ENXIO)) {
                throw stopped();
            }
            if (e.is(Errno.ENOENT)) {
                throw new ContainerException("cannot start an already running container");
            }
            throw new ContainerException("cannot start container " + id + ": " + e.getMessage(), e);
        }
        try {
            Files.writeFully(fd, GO);
        } catch (SyscallException e) {
            throw e.is(Errno.EPIPE) ? stopped() : e;
        } finally {
            Files.close(fd);
        }
        try {
            java.nio.file.Files.deleteIfExists(fifo);
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot remove", fifo, e), e);
        }
    }

    /**
     * The read end of the start status fifo of a container with startContainer hooks, or -1.
     * Opened before the init is released, while it still holds the write side, so the end of
     * file seen later means the init let go of it: it exec'd (close-on-exec) or died.
     */
    private int openStartStatus(String id) {
        Path fifo = store.startStatusFifo(id);
        int fd;
        try {
            fd = Files.open(fifo.toString(), Files.O_RDONLY | Files.O_NONBLOCK);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return -1;
            }
            throw new ContainerException("cannot start container " + id + ": " + e.getMessage(), e);
        }
        Files.setBlocking(fd, true);
        return fd;
    }

    /**
     * runtime-spec v1.3.0 lifecycle step 8: "If any startContainer hook fails, the runtime MUST
     * generate an error, stop the container, and continue the lifecycle at step 12". The init
     * runs the hooks; it writes the first failure to the fifo and exits, or execs the user process.
     */
    private void awaitStartContainerHooks(SavedState state, int status) {
        StringBuilder failure = new StringBuilder();
        byte[] chunk;
        while ((chunk = Files.read(status, 4096)).length > 0) {
            failure.append(new String(chunk, StandardCharsets.UTF_8));
        }
        try {
            java.nio.file.Files.deleteIfExists(store.startStatusFifo(state.id()));
        } catch (IOException e) {
            // Harmless: delete removes the whole state directory.
        }
        String message = failure.toString().strip();
        if (message.isEmpty()) {
            return;
        }
        ContainerException e = new ContainerException(message.lines().findFirst().orElse(message));
        try {
            ContainerDeleter.kill(state);
        } catch (RuntimeException k) {
            e.addSuppressed(k);
        }
        throw e;
    }

    /**
     * runtime-spec v1.3.0 lifecycle step 9: "If any poststart hook fails, the runtime MUST
     * generate an error, stop the container, and continue the lifecycle at step 12" (delete).
     */
    private static void poststart(SavedState state, LifecycleHooks hooks) {
        try {
            LifecycleHooks.runner(state.bundle()).run("poststart", hooks.hooks().poststart(),
                    hooks.state(state, ContainerStatus.RUNNING));
        } catch (RuntimeException e) {
            try {
                ContainerDeleter.kill(state);
            } catch (RuntimeException k) {
                e.addSuppressed(k);
            }
            throw e;
        }
    }

    private static ContainerException stopped() {
        return new ContainerException("cannot start a container that has stopped");
    }
}
