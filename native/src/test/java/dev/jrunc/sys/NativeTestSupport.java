package dev.jrunc.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** Small helpers shared by the native binding tests: who we are and what a descriptor is. */
final class NativeTestSupport {
    static final String NEEDS_ROOT = "needs root (uid 0 with CAP_SYS_ADMIN/CAP_MKNOD/CAP_CHOWN); run the tests as root";

    private NativeTestSupport() {
    }

    /** The effective uid, from /proc/self/status (no JDK-internal API). */
    static long euid() {
        return statusField("Uid:", 1);
    }

    static boolean isRoot() {
        return euid() == 0;
    }

    /** The process umask, from /proc/self/status. */
    static int umask() {
        return (int) statusField("Umask:", 0);
    }

    private static long statusField(String name, int column) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String[] f = line.substring(name.length()).trim().split("\\s+");
                    return name.equals("Umask:") ? Long.parseLong(f[column], 8) : Long.parseLong(f[column]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(name + " missing from /proc/self/status");
    }

    /** The open flags of {@code fd} (octal "flags:" of /proc/self/fdinfo). */
    static int openFlags(int fd) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd));
            for (String line : lines) {
                if (line.startsWith("flags:")) {
                    return Integer.parseInt(line.substring(6).trim(), 8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no flags for fd " + fd);
    }

    /** Where {@code /proc/self/fd/<fd>} points. */
    static String fdTarget(int fd) {
        try {
            return java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readAll(int fd) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            byte[] b = Files.read(fd, 4096);
            if (b.length == 0) {
                return sb.toString();
            }
            sb.append(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * Runs {@code work} on a throwaway platform thread and returns its result: namespaces,
     * fs ids and CPU affinity belong to threads, so a test changes them there and the JVM's other
     * threads never see it.
     */
    static <T> T onOwnThread(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("jrunc-test-own-thread").start(() -> {
            try {
                result.set(work.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new AssertionError(f);
        }
        return result.get();
    }

    /** A file's whole text, as read by the calling thread (so /proc/thread-self is that thread's). */
    static String readString(String path) {
        try {
            return java.nio.file.Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The namespace {@code /proc/<who>/ns/<kind>} links to, e.g. "uts:[4026531838]". */
    static String namespace(String who, String kind) {
        try {
            return java.nio.file.Files.readSymbolicLink(Path.of("/proc/" + who + "/ns/" + kind)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a child with a deadline (WNOHANG polling), killing it if the deadline passes. */
    static int waitWithDeadline(int pid, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            int status = Processes.waitpid(pid, true);
            if (status != -1) {
                return status;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Processes.kill(pid, Processes.SIGKILL);
        Processes.waitpid(pid, false);
        throw new AssertionError("child " + pid + " did not exit within " + millis + " ms");
    }
}
