package dev.jrunc.container.seccomp;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.ContainerProcessState;
import dev.jrunc.spec.Seccomp;
import dev.jrunc.spec.State;
import dev.jrunc.spec.StateWriter;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Sockets;
import dev.jrunc.sys.SyscallException;
import java.util.List;

/**
 * Hands a seccomp notify fd to {@code linux.seccomp.listenerPath} as runc does: one connection
 * per process, one message holding the {@link ContainerProcessState} JSON with the fd attached
 * (SCM_RIGHTS), then the connection is closed.
 */
public final class SeccompListener {
    private SeccompListener() {
    }

    /**
     * Sends {@code notifyFd} of process {@code pid} (as this runtime sees it), the container
     * being in {@code state}.
     */
    public static void send(Seccomp seccomp, int notifyFd, int pid, State state) {
        ContainerProcessState message = new ContainerProcessState(state.ociVersion(),
                List.of(ContainerProcessState.SECCOMP_FD_NAME), pid, seccomp.listenerMetadata(), state);
        byte[] json = StateWriter.writeCompact(message);
        String path = seccomp.listenerPath();
        int sock;
        try {
            sock = Sockets.connect(path);
        } catch (SyscallException e) {
            throw new ContainerException("linux.seccomp.listenerPath: cannot connect to the seccomp agent at " + path
                    + ": " + e.getMessage(), e);
        }
        try {
            Sockets.send(sock, json, notifyFd);
        } catch (SyscallException e) {
            throw new ContainerException("linux.seccomp.listenerPath: cannot send the seccomp fd to " + path + ": "
                    + e.getMessage(), e);
        } finally {
            Files.closeQuietly(sock);
        }
    }
}
