package dev.jrunc.container.init;

import dev.jrunc.sys.Files;
import dev.jrunc.sys.NsexecHelper;
import dev.jrunc.sys.Processes;
import dev.jrunc.sys.Sockets;
import dev.jrunc.sys.Spawn;
import java.util.List;

/**
 * A running native helper: spawned with posix_spawn from a sealed in-memory copy, holding one
 * end of a SOCK_SEQPACKET pair. Descriptors 0-2 are the container's stdio and 3..3+N-1 the
 * caller's preserved fds; the helper's own descriptors sit just above them.
 */
public final class HelperProcess implements AutoCloseable {
    private final int pid;
    private final InitChannel channel;
    private final int socketFd;
    private final int extraCount;
    private boolean reaped;

    private HelperProcess(int pid, InitChannel channel, int socketFd, int extraCount) {
        this.pid = pid;
        this.channel = channel;
        this.socketFd = socketFd;
        this.extraCount = extraCount;
    }

    /**
     * Spawns the helper. {@code extraFds} are placed right after the socket, in order; their
     * numbers in the helper are {@link #extraFd(int)}.
     *
     * <p>The helper is spawned bare (no posix_spawn file actions or attributes, each of which
     * would be a native descriptor shape of its own to link, milliseconds in a cold JVM): it
     * inherits stdio and the preserved descriptors, which are not close-on-exec, and its socket
     * end, made inheritable for the spawn alone and numbered above every descriptor the helper
     * places; it moves the socket to its number and resets its signal state itself, and the
     * extra descriptors are sent over the socket.
     */
    public static HelperProcess spawn(int preserveFds, List<Integer> extraFds) {
        int[] pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        int socketFd = 3 + preserveFds;
        int firstFree = socketFd + 1 + extraFds.size();
        int inherited = -1;
        int exe = -1;
        HelperProcess helper = null;
        try {
            inherited = Files.dupAbove(pair[1], firstFree);
            Files.setCloseOnExec(inherited, false);
            exe = NsexecHelper.sealedExecutable();
            int pid = Spawn.spawnBare("/proc/self/fd/" + exe, List.of("jrunc-nsexec", Integer.toString(inherited),
                    Integer.toString(socketFd)), List.of());
            Files.closeQuietly(inherited);
            inherited = -1;
            helper = new HelperProcess(pid, new InitChannel(pair[0]), socketFd, extraFds.size());
            for (int i = 0; i < extraFds.size(); i++) {
                helper.channel.runSendingFd(new InitProgram().receiveFd(helper.extraFd(i)), extraFds.get(i));
            }
            return helper;
        } catch (RuntimeException e) {
            if (helper != null) {
                helper.close();
            } else {
                Files.closeQuietly(pair[0]);
            }
            throw e;
        } finally {
            Files.closeQuietly(pair[1]);
            Files.closeQuietly(inherited);
            Files.closeQuietly(exe);
        }
    }

    public int pid() {
        return pid;
    }

    public InitChannel channel() {
        return channel;
    }

    /** The descriptor number, in the helper, of the {@code index}-th extra fd. */
    public int extraFd(int index) {
        return socketFd + 1 + index;
    }

    /** The lowest descriptor the helper does not need: everything from here up is closed. */
    public int firstFreeFd() {
        return socketFd + 1 + extraCount;
    }

    /** Waits for the helper process itself (not the init it forked) to exit; returns its status. */
    public int reap() {
        reaped = true;
        return Processes.waitpid(pid, false);
    }

    @Override
    public void close() {
        channel.close();
        if (!reaped) {
            reaped = true;
            try {
                Processes.kill(pid, Processes.SIGKILL);
            } catch (RuntimeException ignored) {
                // already gone
            }
            try {
                Processes.waitpid(pid, false);
            } catch (RuntimeException ignored) {
                // already reaped
            }
        }
    }
}
