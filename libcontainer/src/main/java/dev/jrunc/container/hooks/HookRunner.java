package dev.jrunc.container.hooks;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Hook;
import dev.jrunc.spec.State;
import dev.jrunc.spec.StateWriter;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.MemFd;
import dev.jrunc.sys.Namespaces;
import dev.jrunc.sys.Poll;
import dev.jrunc.sys.Processes;
import dev.jrunc.sys.Spawn;
import dev.jrunc.sys.SyscallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs OCI hooks (config.md "POSIX-platform Hooks") the way runc does: each hook is spawned with
 * {@code posix_spawn} with exactly its {@code path}, {@code args} (argv[0] included; the path
 * when there are none) and {@code env} (nothing inherited), the container's state as one line of
 * JSON on stdin through a pipe, its stdout and stderr captured, and the runner's cwd set to
 * {@code cwd} (the bundle). A hook fails when it exits non-zero, is killed by a signal, or runs
 * past its {@code timeout} (it is then killed).
 *
 * <p>Hooks run in the namespaces of the calling thread: call from a host thread for the runtime
 * namespace, from a {@code ContainerThread} for the container's mount namespace. The spawning
 * is done by a throwaway thread created by the caller (so it inherits the caller's namespaces)
 * that gives itself its own fs_struct for the chdir.
 */
public final class HookRunner {
    private static final int STDERR_READ_MAX = 4096;
    private static final int MESSAGE_MAX = 200;

    private final Path cwd;

    /** @param cwd the working directory hooks start in, or null for the caller's */
    public HookRunner(Path cwd) {
        this.cwd = cwd;
    }

    /** A hook that failed; its message is one line naming {@code hooks.<phase>[i]} and the path. */
    public static final class HookException extends ContainerException {
        public HookException(String message) {
            super(message);
        }

        public HookException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Initialises what hooks need, before a caller enters a container's mount namespace. */
    public static void preload() {
        // Creates the downcall handles; the descriptors are closed at once.
        for (int fd : Files.pipe()) {
            Files.closeQuietly(fd);
        }
        StateWriter.class.getName();
        HookException.class.getName();
    }

    /** Runs {@code hooks} in order; the first failure stops the phase and is thrown. */
    public void run(String phase, List<Hook> hooks, State state) {
        if (hooks.isEmpty()) {
            return;
        }
        byte[] json = StateWriter.writeCompact(state);
        for (int i = 0; i < hooks.size(); i++) {
            runOne(field(phase, i), hooks.get(i), json);
        }
    }

    /**
     * Runs every hook of {@code hooks}, whatever fails (poststop: "the remaining hooks and
     * lifecycle continue as if the hook had succeeded"). Returns one message per failure.
     */
    public List<String> runAll(String phase, List<Hook> hooks, State state) {
        List<String> failures = new ArrayList<>();
        if (hooks.isEmpty()) {
            return failures;
        }
        byte[] json = StateWriter.writeCompact(state);
        for (int i = 0; i < hooks.size(); i++) {
            try {
                runOne(field(phase, i), hooks.get(i), json);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        return failures;
    }

    static String field(String phase, int index) {
        return "hooks." + phase + "[" + index + "]";
    }

    /** Runs one hook to completion; throws {@link HookException} when it fails. */
    void runOne(String field, Hook hook, byte[] stdin) {
        String name = field + " (" + hook.path() + ")";
        List<String> argv = hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
        int[] pipe = Files.pipe();
        int out = -1;
        int err = -1;
        try {
            out = MemFd.create("jrunc-hook-stdout");
            err = MemFd.create("jrunc-hook-stderr");
            int pid = spawn(name, hook, argv, pipe, out, err, stdin);
            int status = await(name, hook, pid);
            if (status != 0) {
                throw new HookException(name + " failed: " + describe(status) + firstLine(err));
            }
        } finally {
            Files.closeQuietly(out);
            Files.closeQuietly(err);
        }
    }

    /**
     * Spawns the hook from a new thread (which inherits the caller's namespaces, then unshares
     * its fs_struct to chdir); that thread then writes the state and closes the pipe. The pipe's
     * ends are owned by it from here on.
     */
    private int spawn(String name, Hook hook, List<String> argv, int[] pipe, int out, int err, byte[] stdin) {
        CompletableFuture<Integer> pid = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().name("jrunc-hook").unstarted(() -> {
            try {
                try {
                    if (cwd != null) {
                        Namespaces.unshare(Namespaces.CLONE_FS);
                        try {
                            Files.chdir(cwd.toString());
                        } catch (SyscallException gone) {
                            // A bundle removed since create: the hook starts in the runtime's cwd.
                        }
                    }
                    pid.complete(Spawn.spawn(hook.path(), argv, hook.env(), List.of(
                            new Spawn.FdMapping(pipe[0], 0), new Spawn.FdMapping(out, 1), new Spawn.FdMapping(err, 2))));
                } catch (Throwable e) {
                    pid.completeExceptionally(e);
                    return;
                } finally {
                    Files.closeQuietly(pipe[0]);
                }
                writeState(pipe[1], stdin);
            } finally {
                Files.closeQuietly(pipe[1]);
            }
        });
        t.start();
        try {
            return pid.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new HookException(name + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookException(name + ": interrupted", e);
        }
    }

    /** A hook that exits without reading stdin is fine: EPIPE is expected, not an error. */
    private static void writeState(int fd, byte[] stdin) {
        try {
            Files.writeFully(fd, stdin);
        } catch (SyscallException e) {
            // EPIPE or otherwise: nothing to report to, the hook's own exit status decides.
        }
    }

    /** Waits for the hook's exit (killing it at its timeout); returns the raw wait status. */
    private static int await(String name, Hook hook, int pid) {
        if (hook.timeout() == null || hook.timeout() <= 0) {
            return Processes.waitpid(pid, false);
        }
        int pidfd = Processes.pidfdOpen(pid);
        try {
            if (!Poll.await(pidfd, Poll.POLLIN, hook.timeout() * 1000L)) {
                try {
                    Processes.pidfdSendSignal(pidfd, Processes.SIGKILL);
                } catch (SyscallException exited) {
                    // It exited just now; reaped below either way.
                }
                Processes.waitpid(pid, false);
                throw new HookException(name + " timed out after " + hook.timeout() + "s");
            }
        } finally {
            Files.closeQuietly(pidfd);
        }
        return Processes.waitpid(pid, false);
    }

    static String describe(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? "exit status " + ((status >> 8) & 0xff) : "killed by signal " + signal;
    }

    /** ": " and the first non-empty line the hook wrote to stderr, or "" if none. */
    private static String firstLine(int fd) {
        String text;
        try {
            text = new String(Files.readStart(fd, STDERR_READ_MAX), StandardCharsets.UTF_8);
        } catch (RuntimeException unreadable) {
            return "";
        }
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                return ": " + (l.length() > MESSAGE_MAX ? l.substring(0, MESSAGE_MAX) + "..." : l);
            }
        }
        return "";
    }
}
