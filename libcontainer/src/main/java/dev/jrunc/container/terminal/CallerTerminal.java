package dev.jrunc.container.terminal;

import dev.jrunc.sys.Files;
import dev.jrunc.sys.SyscallException;
import dev.jrunc.sys.Terminals;
import java.time.Duration;
import java.util.Optional;

/**
 * The caller's own stdio attached to a container's pty master, as `runc run` without a console
 * socket does: the caller's terminal (if stdin is one) goes raw and lends its size to the pty,
 * stdin is copied to the master and the master to stdout, until the container's side closes.
 */
public final class CallerTerminal implements AutoCloseable {
    private static final int STDIN = 0;
    private static final int STDOUT = 1;
    private static final int CHUNK = 8192;
    /** How long {@link #close} waits for output the container wrote just before it exited. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final int master;
    private final Optional<Terminals.Mode> saved;
    private final Thread output;

    private CallerTerminal(int master, Optional<Terminals.Mode> saved, Thread output) {
        this.master = master;
        this.saved = saved;
        this.output = output;
    }

    /** Starts copying between this process's stdio and {@code master}, which it then owns. */
    public static CallerTerminal attach(int master) {
        Optional<Terminals.Mode> saved = Terminals.makeRaw(STDIN);
        // Daemon threads: a read of stdin blocks until the caller types, and must not keep the
        // JVM alive once the container has exited.
        Thread.ofPlatform().daemon().name("jrunc-tty-in").start(() -> copy(STDIN, master));
        Thread output = Thread.ofPlatform().daemon().name("jrunc-tty-out").start(() -> copy(master, STDOUT));
        CallerTerminal terminal = new CallerTerminal(master, saved, output);
        terminal.resize();
        return terminal;
    }

    /** Gives the pty the caller's current window size (on SIGWINCH). */
    public void resize() {
        Terminals.size(STDIN).ifPresent(size -> Terminals.setSize(master, size.rows(), size.columns()));
    }

    /**
     * After the container's process has exited: waits a little for the rest of its output (the
     * master reads EIO once no process holds the pty's slave), then gives the caller's terminal
     * its settings back.
     */
    @Override
    public void close() {
        try {
            output.join(DRAIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            saved.ifPresent(mode -> Terminals.restore(STDIN, mode));
            Files.closeQuietly(master);
        }
    }

    private static void copy(int from, int to) {
        try {
            while (true) {
                byte[] chunk = Files.read(from, CHUNK);
                if (chunk.length == 0) {
                    return;
                }
                Files.writeFully(to, chunk);
            }
        } catch (SyscallException closed) {
            // EIO from the master once the container's side is gone, or EPIPE/EBADF on our side:
            // either way this direction is done.
        }
    }
}
