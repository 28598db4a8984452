package dev.jrunc.container.init;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Sockets;
import dev.jrunc.sys.SyscallException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Java end of the socket to the native helper and, after it forks, to the container init.
 * Sends {@link InitProgram}s and turns the replies into results or one-line errors.
 */
public final class InitChannel implements AutoCloseable {
    private static final int REPLY_OK = 1;
    private static final int REPLY_ERROR = 2;
    private static final int REPLY_PID = 3;
    private static final int REPLY_FD = 4;
    private static final int REPLY_REPORT = 5;
    private static final int MAX_REPLY = 4096;
    /** The helper's receive buffer (MAX_MSG in nsexec.c). */
    private static final int MAX_PACKET = 1 << 20;

    private final int socket;
    private boolean closed;
    /** Set once a program was left running past a report: its later replies are not ours to read. */
    private boolean detached;

    public InitChannel(int socket) {
        this.socket = socket;
    }

    /** What a program produced: the forked pid (or -1) and mount fds by operation index. */
    public record Result(int pid, Map<Integer, Integer> fds) {
    }

    /**
     * Takes a descriptor the helper sends back while a program is still running (a seccomp
     * notify fd, which must reach its listener at once: the program goes on, and a notified call
     * in it waits for the listener). The descriptor is closed once this returns.
     */
    @FunctionalInterface
    public interface FdHandler {
        /**
         * @param operation the index of the operation that produced {@code fd}
         * @param pid the pid the program forked, or -1
         */
        void received(int operation, int fd, int pid);
    }

    /** Runs {@code program} to its end. */
    public Result run(InitProgram program) {
        return exchange(program, false, false, -1, null);
    }

    /** Runs {@code program}, sending {@code fd} right after it for its {@link InitProgram#receiveFd}. */
    public Result runSendingFd(InitProgram program, int fd) {
        return exchange(program, false, false, fd, null);
    }

    /** Runs {@code program} until its first {@link InitProgram#report}; the rest runs on without us. */
    public Result runUntilReport(InitProgram program) {
        return exchange(program, true, false, -1, null);
    }

    /** {@link #runUntilReport(InitProgram)}, handing every descriptor sent back to {@code onFd} as it arrives. */
    public Result runUntilReport(InitProgram program, FdHandler onFd) {
        return exchange(program, true, false, -1, onFd);
    }

    /**
     * Runs {@code program}, which ends in an exec: success is the socket closing (the process's
     * copy is close-on-exec), failure a reported error. Returns the forked pid, or -1 when the
     * helper itself exec'd.
     */
    public Result runUntilExec(InitProgram program) {
        return exchange(program, false, true, -1, null);
    }

    /** {@link #runUntilExec}, sending {@code fd} right after the program for its receiveFd. */
    public Result runUntilExecSendingFd(InitProgram program, int fd) {
        return exchange(program, false, true, fd, null);
    }

    /**
     * {@link #runUntilExec}, sending {@code passFd} (unless negative) right after the program, and
     * handing every descriptor sent back to {@code onFd} as it arrives.
     */
    public Result runUntilExec(InitProgram program, int passFd, FdHandler onFd) {
        return exchange(program, false, true, passFd, onFd);
    }

    private Result exchange(InitProgram program, boolean untilReport, boolean untilExec, int passFd, FdHandler onFd) {
        if (detached) {
            throw new IllegalStateException("the init runs a program past its report; the channel is no longer usable");
        }
        send(program);
        if (passFd >= 0) {
            // Queued behind the program: the helper's receiveFd reads it as its own packet.
            Sockets.send(socket, new byte[] {0}, passFd);
        }
        int pid = -1;
        Map<Integer, Integer> fds = new HashMap<>();
        try {
            while (true) {
                Sockets.Packet reply = Sockets.receive(socket, MAX_REPLY);
                if (reply.data().length == 0 && untilExec) {
                    return new Result(pid, fds);
                }
                if (reply.data().length < 8) {
                    throw new ContainerException("container init exited unexpectedly during " + program.describe(0)
                            + (program.size() > 1 ? " ..." : ""));
                }
                ByteBuffer b = ByteBuffer.wrap(reply.data()).order(ByteOrder.nativeOrder());
                int type = b.getInt();
                switch (type) {
                    case REPLY_OK -> {
                        return new Result(pid, fds);
                    }
                    case REPLY_PID -> pid = b.getInt();
                    case REPLY_FD -> {
                        int operation = b.getInt();
                        if (onFd == null) {
                            fds.put(operation, reply.fd());
                        } else {
                            try {
                                onFd.received(operation, reply.fd(), pid);
                            } finally {
                                Files.closeQuietly(reply.fd());
                            }
                        }
                    }
                    case REPLY_REPORT -> {
                        if (untilReport) {
                            detached = true;
                            return new Result(pid, fds);
                        }
                    }
                    case REPLY_ERROR -> throw failure(program, b);
                    default -> throw new ContainerException("unexpected reply " + type + " from the container init");
                }
            }
        } catch (RuntimeException e) {
            fds.values().forEach(Files::closeQuietly);
            throw e;
        }
    }

    /**
     * Sends the program as one packet. The helper reads at most {@link #MAX_PACKET} bytes (a
     * longer packet would arrive cut short) and the socket refuses packets beyond its buffer;
     * in practice only a process's arguments, environment and groups get that big.
     */
    private void send(InitProgram program) {
        byte[] packet = program.encode();
        try {
            if (packet.length > MAX_PACKET) {
                throw new SyscallException("sendmsg", "bytes=" + packet.length, Errno.EMSGSIZE);
            }
            Sockets.send(socket, packet, -1);
        } catch (SyscallException e) {
            if (!e.is(Errno.EMSGSIZE)) {
                throw e;
            }
            throw new ContainerException("process: the arguments, environment and groups take too much space: the "
                    + "setup of the container process (" + packet.length + " bytes) does not fit in one message to "
                    + "the runtime's helper", e);
        }
    }

    /** A failed operation in the helper or init, with the errno it reported. */
    public static final class InitFailure extends ContainerException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        InitFailure(String message, int errno) {
            super(message);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    private static ContainerException failure(InitProgram program, ByteBuffer b) {
        int index = b.getInt();
        b.getInt(); // the op code; the description already says which operation it was
        int errno = b.getInt();
        byte[] rest = new byte[b.remaining()];
        b.get(rest);
        String detail = new String(rest, StandardCharsets.UTF_8).replace("\0", "").strip();
        String what = program.describe(index);
        if (errno == 0) {
            // A program the helper ran failed: the detail is the whole story.
            return new InitFailure("unable to start container process: " + (detail.isEmpty() ? what : detail), 0);
        }
        String reason = Errno.describe(errno).toLowerCase(java.util.Locale.ROOT);
        if (!detail.isEmpty() && detail.startsWith(what)) {
            // The helper named the operation itself (it may have to report without us).
            return new InitFailure("unable to start container process: " + detail + ": " + reason, errno);
        }
        return new InitFailure("unable to start container process: " + what
                + (detail.isEmpty() || what.contains(detail) ? "" : " (" + detail + ")") + ": " + reason, errno);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Files.closeQuietly(socket);
        }
    }
}
