package dev.jrunc.container.init;

import dev.jrunc.sys.Files;
import dev.jrunc.sys.NsexecHelper;
import dev.jrunc.sys.Processes;
import dev.jrunc.sys.Sockets;
import dev.jrunc.sys.Spawn;
import java.util.ArrayList;
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
     */
    public static HelperProcess spawn(int preserveFds, List<Integer> extraFds) {
        int[] pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        int socketFd = 3 + preserveFds;
        // posix_spawn applies the dup2s in order: a source numbered like an earlier target would
        // be overwritten before it is copied. Every source is first moved above all targets.
        int firstFree = socketFd + 1 + extraFds.size();
        List<Integer> moved = new ArrayList<>();
        int exe = -1;
        try {
            moved.add(Files.dupAbove(pair[1], firstFree));
            for (int fd : extraFds) {
                moved.add(Files.dupAbove(fd, firstFree));
            }
            exe = NsexecHelper.sealedExecutable();
            List<Spawn.FdMapping> mappings = new ArrayList<>();
            for (int fd = 3; fd < socketFd; fd++) {
                mappings.add(new Spawn.FdMapping(fd, fd));
            }
            for (int i = 0; i < moved.size(); i++) {
                mappings.add(new Spawn.FdMapping(moved.get(i), socketFd + i));
            }
            // The helper resets its own signal state first thing (nsexec.c reset_signals).
            int pid = Spawn.spawnResettingItself("/proc/self/fd/" + exe, List.of("jrunc-nsexec", Integer.toString(socketFd)),
                    List.of(), mappings);
            return new HelperProcess(pid, new InitChannel(pair[0]), socketFd, extraFds.size());
        } catch (RuntimeException e) {
            Files.closeQuietly(pair[0]);
            throw e;
        } finally {
            Files.closeQuietly(pair[1]);
            moved.forEach(Files::closeQuietly);
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
