package dev.jrunc.container.hooks;

import dev.jrunc.container.ContainerException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A platform thread started from a host thread, so it stays in the runtime's namespaces with the
 * runtime's root and cwd. Work running on a {@code ContainerThread} (in a container's mount
 * namespace) hands runtime-namespace hooks to it: a thread created from the container thread
 * would inherit its namespaces.
 */
public final class HostThread implements AutoCloseable {
    private static final FutureTask<Void> STOP = new FutureTask<>(() -> null);
    private final BlockingQueue<FutureTask<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    private HostThread() {
        thread = Thread.ofPlatform().daemon().name("jrunc-host").unstarted(this::loop);
    }

    /** Starts one; must be called from a thread in the runtime's namespaces. */
    public static HostThread start() {
        HostThread h = new HostThread();
        h.thread.start();
        return h;
    }

    private void loop() {
        while (true) {
            FutureTask<?> task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            task.run();
        }
    }

    /** Runs {@code work} on the host thread and returns its result, rethrowing its failure. */
    public <T> T call(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        queue.add(task);
        try {
            return task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new ContainerException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted while running hooks", e);
        }
    }

    @Override
    public void close() {
        queue.add(STOP);
    }
}
