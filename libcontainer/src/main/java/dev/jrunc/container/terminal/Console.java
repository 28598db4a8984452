package dev.jrunc.container.terminal;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.container.rootfs.SafePath;
import dev.jrunc.spec.ConsoleSize;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Mounts;
import dev.jrunc.sys.Sockets;
import dev.jrunc.sys.SyscallException;
import dev.jrunc.sys.Terminals;
import java.nio.file.Path;

/**
 * A container's terminal, as runc sets it up for engines: a pty from the container's own devpts
 * instance, its master handed to the caller over the console socket (one SCM_RIGHTS message),
 * its slave made the process's stdio and controlling terminal.
 */
public final class Console {
    private Console() {
    }

    /**
     * Opens a pty from /dev/ptmx and sizes it; the calling thread must be rooted in the
     * container (a ContainerThread after pivot_root), so the pty belongs to its devpts.
     */
    public static Terminals.Pty open(ConsoleSize size) {
        try {
            Terminals.Pty pty = Terminals.open("/dev/ptmx");
            if (size != null && size.height() > 0 && size.width() > 0) {
                Terminals.setSize(pty.master(), size.height(), size.width());
            }
            return pty;
        } catch (SyscallException e) {
            throw new ContainerException("process.terminal: creating a pty in the container failed: " + e.getMessage(), e);
        }
    }

    /** Bind-mounts the pty's slave onto /dev/console; same thread requirement as {@link #open}. */
    public static void mountAsDevConsole(Terminals.Pty pty) {
        int root = Files.open("/", Files.O_PATH | Files.O_DIRECTORY);
        int target = -1;
        int source = -1;
        try {
            target = SafePath.mountTarget(root, "/dev/console", false, 0, 0);
            source = Mounts.openTree(Files.AT_FDCWD, "/dev/pts/" + pty.number(), Mounts.OPEN_TREE_CLONE);
            Mounts.moveMount(source, target, "/dev/pts/" + pty.number() + " on /dev/console");
        } catch (SyscallException e) {
            throw new ContainerException("process.terminal: mounting the pty on /dev/console failed: " + e.getMessage(), e);
        } finally {
            Files.closeQuietly(source);
            Files.closeQuietly(target);
            Files.closeQuietly(root);
        }
    }

    /** Sends the master to the console socket at {@code socketPath}, as runc does. */
    public static void sendMaster(Path socketPath, int master) {
        int sock;
        try {
            sock = Sockets.connect(socketPath.toString());
        } catch (SyscallException e) {
            throw new ContainerException("--console-socket " + socketPath + ": " + e.getMessage(), e);
        }
        try {
            Sockets.send(sock, "/dev/ptmx".getBytes(java.nio.charset.StandardCharsets.US_ASCII), master);
        } finally {
            Files.closeQuietly(sock);
        }
    }

    /**
     * Appends the steps that make a slave, sent right after the program, the process's stdio
     * and controlling terminal in a new session.
     */
    public static InitProgram appendSlaveAsStdio(InitProgram program) {
        return program.receiveFd(0).dup2(0, 1).dup2(0, 2).setsid().setControllingTerminal(0);
    }
}
