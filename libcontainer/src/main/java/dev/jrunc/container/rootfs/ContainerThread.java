package dev.jrunc.container.rootfs;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.init.NamespaceKinds;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.sys.Credentials;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Namespaces;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work in the namespaces of a container's init from a throwaway platform thread. setns is
 * per thread once the thread has its own fs_struct (unshare CLONE_FS), so the rest of the JVM
 * stays on the host; the thread ends with the work, so nothing reuses its changed root.
 *
 * <p>Work run here must not trigger the JVM to open files by path (loading a native library,
 * time zone data): those paths would now resolve inside the container. Everything such work
 * needs is loaded before it starts.
 */
public final class ContainerThread {
    private ContainerThread() {
    }

    /** Runs {@code work} in the {@code namespaces} of process {@code pid} and returns its result. */
    public static <T> T call(int pid, List<NamespaceType> namespaces, Callable<T> work) {
        return call(pid, namespaces, -1, -1, work);
    }

    /**
     * Like {@link #call(int, List, Callable)}, with the thread's fsuid/fsgid set first (unless
     * negative): in a container with a user namespace, files created in its file systems must
     * belong to ids mapped there, or the kernel refuses them (EOVERFLOW).
     */
    public static <T> T call(int pid, List<NamespaceType> namespaces, int fsUid, int fsGid, Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("jrunc-container-" + pid).unstarted(() -> {
            try {
                // Open every namespace first: entering the mount namespace changes what /proc is.
                int[] fds = new int[namespaces.size()];
                try {
                    for (int i = 0; i < fds.length; i++) {
                        fds[i] = Files.open("/proc/" + pid + "/ns/" + NamespaceKinds.procName(namespaces.get(i)), Files.O_RDONLY);
                    }
                    Namespaces.unshare(Namespaces.CLONE_FS);
                    for (int i = 0; i < fds.length; i++) {
                        Namespaces.setns(fds[i], NamespaceKinds.flag(namespaces.get(i)));
                    }
                } finally {
                    for (int fd : fds) {
                        if (fd > 0) {
                            Files.closeQuietly(fd);
                        }
                    }
                }
                if (fsUid >= 0) {
                    Credentials.setFsIds(fsUid, fsGid);
                }
                result.set(work.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted while preparing the container", e);
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new ContainerException(f.getMessage(), f);
        }
        return result.get();
    }
}
