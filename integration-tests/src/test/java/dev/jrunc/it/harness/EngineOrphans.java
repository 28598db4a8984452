package dev.jrunc.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The engine daemons that end up as this JVM's children. containerd's shim and conmon daemonize
 * (their starter exits), so they are reparented to the nearest child subreaper, which is this JVM
 * once {@link ChildReaper} has run (the container tests make it one). They are found by a marker
 * only our engines have on their command line (the engine's private directory) and handed to
 * {@link ChildReaper}, so they are reaped when they exit; {@link #endAll} ends the ones still
 * alive, by PID.
 */
public final class EngineOrphans {

    private static final Path PROC = Path.of("/proc");
    /** The comm of a daemon that exited before it was adopted (a zombie has no command line). */
    private static final List<String> DAEMON_NAMES = List.of("containerd-shim", "conmon");
    private static final Duration POLL = Duration.ofMillis(50);

    private final String marker;
    private final Set<Long> adopted = new LinkedHashSet<>();

    /** Adopts processes whose command line contains {@code marker}. */
    public EngineOrphans(String marker) {
        this.marker = marker;
    }

    /** Finds this JVM's children that our engine started, and has them reaped when they exit. */
    public synchronized void adopt() {
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (ProcFs.parentOf(pid) != self || adopted.contains(pid)) {
                    continue;
                }
                String cmdline = ProcFs.read(dir.resolve("cmdline")).replace('\0', ' ');
                String comm = ProcFs.read(dir.resolve("comm")).strip();
                boolean ours = cmdline.contains(marker) || (!ProcFs.isLive(pid) && DAEMON_NAMES.contains(comm));
                if (ours) {
                    adopted.add(pid);
                    ChildReaper.instance().watch(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    /**
     * Waits up to {@code grace} for the adopted daemons to exit on their own, then kills the rest
     * with SIGKILL, by PID.
     */
    public synchronized void endAll(Duration grace) {
        adopt();
        long deadline = System.nanoTime() + grace.toNanos();
        while (adopted.stream().anyMatch(ProcFs::isLive) && System.nanoTime() < deadline) {
            sleep();
        }
        for (long pid : adopted) {
            if (ProcFs.isLive(pid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        for (long pid : adopted) {
            ChildReaper.instance().awaitExit(pid, Duration.ofSeconds(5));
        }
        adopted.clear();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
