package dev.jrunc.container.create;

import java.nio.file.Path;

/**
 * The `create` command's options, as runc takes them.
 *
 * @param bundle        the bundle directory (config.json and, usually, the rootfs)
 * @param pidFile       where to write the init's host pid, or null
 * @param consoleSocket the AF_UNIX socket to send a pty master to, or null
 * @param preserveFds   how many descriptors from 3 up the container inherits
 */
public record CreateOptions(String id, Path bundle, Path pidFile, Path consoleSocket, boolean noPivot,
                            boolean noNewKeyring, int preserveFds) {
}
