package dev.jrunc.it.harness;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the part of containerd's shim and conmon: makes this JVM a child subreaper, so that a
 * container init orphaned by the runtime is reparented here, and reaps the inits it is told about,
 * keeping their exit status.
 *
 * <p>Without it an exited init would be reparented to PID 1, which may not reap it (it does not on
 * the development machine), and a zombie init looks alive to {@code kill(pid, 0)}.
 */
public final class ChildReaper {

    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final ChildReaper INSTANCE = new ChildReaper();

    private final MethodHandle waitpid;
    private final boolean subreaper;
    private final Set<Long> watched = ConcurrentHashMap.newKeySet();
    private final Map<Long, Optional<ExitStatus>> ended = new ConcurrentHashMap<>();

    @SuppressWarnings("restricted")
    private ChildReaper() {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MethodHandle prctl = linker.downcallHandle(libc.findOrThrow("prctl"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
        waitpid = linker.downcallHandle(libc.findOrThrow("waitpid"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        try {
            subreaper = (int) prctl.invokeExact(PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("prctl(PR_SET_CHILD_SUBREAPER) failed", e);
        }
        Thread.ofPlatform().daemon().name("jrunc-it-reaper").start(this::reapLoop);
    }

    /** The JVM-wide reaper; the first call makes the JVM a child subreaper. */
    public static ChildReaper instance() {
        return INSTANCE;
    }

    /** Whether orphaned descendants are reparented to this JVM. */
    public boolean isSubreaper() {
        return subreaper;
    }

    /** Starts reaping {@code pid} as soon as it is this JVM's child and has exited. */
    public void watch(long pid) {
        if (pid > 0 && !ended.containsKey(pid)) {
            watched.add(pid);
        }
    }

    /**
     * Waits for a watched process to be reaped.
     *
     * @return its exit status; empty if it did not end in time or was never this JVM's child
     */
    public Optional<ExitStatus> awaitExit(long pid, Duration timeout) {
        watch(pid);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ExitStatus> status = ended.get(pid);
            if (status != null) {
                return status;
            }
            sleep(POLL_INTERVAL);
        }
        return Optional.empty();
    }

    private void reapLoop() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            while (true) {
                for (Long pid : watched) {
                    int result = waitpid(pid.intValue(), status);
                    if (result == pid) {
                        ended.put(pid, Optional.of(ExitStatus.decode(status.get(JAVA_INT, 0))));
                        watched.remove(pid);
                    } else if (result < 0) {
                        // ECHILD: not (or no longer) our child; nothing to reap.
                        ended.put(pid, Optional.empty());
                        watched.remove(pid);
                    }
                }
                sleep(POLL_INTERVAL);
            }
        }
    }

    private int waitpid(int pid, MemorySegment status) {
        try {
            return (int) waitpid.invokeExact(pid, status, WNOHANG);
        } catch (Throwable e) {
            throw new IllegalStateException("waitpid failed", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
