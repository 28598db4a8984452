package dev.jrunc.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A sleeping process in a new namespace, made with {@code unshare --fork}, whose
 * /proc/PID/ns entry a container can join by path. Killed by PID on {@link #close()}.
 */
public final class NamespaceHolder implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final Namespace namespace;
    private final Process unshare;
    private final long sleeperPid;

    private NamespaceHolder(Namespace namespace, Process unshare, long sleeperPid) {
        this.namespace = namespace;
        this.unshare = unshare;
        this.sleeperPid = sleeperPid;
    }

    /**
     * Starts a holder of a new {@code namespace}. A user namespace gets the mapping
     * 0 -> {@code userNamespaceHostId} for 65536 ids, written from here because unshare's own
     * mapping options need newuidmap.
     */
    public static NamespaceHolder start(Namespace namespace, long userNamespaceHostId) {
        try {
            // --fork: a new pid or time namespace applies to the children of the unsharing process.
            Process unshare = new ProcessBuilder("unshare", "--fork", namespace.unshareFlag(), "sleep", "600")
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long sleeper = awaitChild(unshare);
            NamespaceHolder holder = new NamespaceHolder(namespace, unshare, sleeper);
            if (namespace == Namespace.USER) {
                holder.writeIdMaps(userNamespaceHostId);
            }
            return holder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /proc/PID/ns/NAME of the sleeping process. */
    public Path namespacePath() {
        return namespace.pathOf(sleeperPid);
    }

    /** The held namespace's identity, e.g. {@code net:[4026532290]}. */
    public String identity() {
        return namespace.identityOf(sleeperPid);
    }

    @Override
    public void close() {
        ProcessHandle.of(sleeperPid).ifPresent(ProcessHandle::destroyForcibly);
        unshare.destroyForcibly();
        try {
            unshare.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeIdMaps(long hostId) throws IOException {
        String map = "0 " + hostId + " 65536\n";
        Files.writeString(Path.of("/proc", Long.toString(sleeperPid), "uid_map"), map);
        Files.writeString(Path.of("/proc", Long.toString(sleeperPid), "gid_map"), map);
    }

    // The child of unshare is the process in the new namespace; sleep replaces it in place.
    private static long awaitChild(Process unshare) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = unshare.toHandle().children().findFirst();
            if (child.isPresent() && isSleep(child.get())) {
                return child.get().pid();
            }
            if (!unshare.isAlive()) {
                throw new IllegalStateException("unshare exited with " + unshare.exitValue());
            }
            Thread.onSpinWait();
        }
        unshare.destroyForcibly();
        throw new IllegalStateException("unshare did not start its child within " + STARTUP_TIMEOUT);
    }

    private static boolean isSleep(ProcessHandle process) {
        try {
            return List.of("sleep").contains(Files.readString(Path.of("/proc", Long.toString(process.pid()), "comm"))
                    .strip());
        } catch (IOException e) {
            return false;
        }
    }
}
