package dev.jrunc.container.create;

import java.nio.file.Path;

/**
 * The `create` command's options, as runc takes them.
 *
 * @param bundle        the bundle directory (config.json and, usually, the rootfs)
 * @param pidFile       where to write the init's host pid, or null
 * @param consoleSocket the AF_UNIX socket to send a pty master to, or null
 * @param preserveFds   how many descriptors from 3 up the container inherits
 * @param callerConsole whether, without a console socket, the pty master of a terminal container
 *                      goes to this process (`run` in the foreground, which proxies its own
 *                      terminal to it) instead of the container being refused
 */
public record CreateOptions(String id, Path bundle, Path pidFile, Path consoleSocket, boolean noPivot,
                            boolean noNewKeyring, int preserveFds, boolean callerConsole) {

    /** runc's create options: a terminal container needs a console socket. */
    public CreateOptions(String id, Path bundle, Path pidFile, Path consoleSocket, boolean noPivot,
                         boolean noNewKeyring, int preserveFds) {
        this(id, bundle, pidFile, consoleSocket, noPivot, noNewKeyring, preserveFds, false);
    }

    /** The same options, with the pty master of a terminal container kept by this process. */
    public CreateOptions withCallerConsole() {
        return new CreateOptions(id, bundle, pidFile, consoleSocket, noPivot, noNewKeyring, preserveFds, true);
    }
}
