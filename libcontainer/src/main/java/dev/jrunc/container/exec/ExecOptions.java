package dev.jrunc.container.exec;

import dev.jrunc.spec.SpecProcess;
import java.nio.file.Path;

/**
 * An `exec` request: the process to run (already merged from --process or from the container's
 * own process and the command-line overrides) and where to report it.
 *
 * @param pidFile       where to write the new process's host pid, or null
 * @param consoleSocket socket to send a pty master to, or null
 * @param detach        return once the process has started instead of waiting for it
 */
public record ExecOptions(String id, SpecProcess process, Path pidFile, Path consoleSocket, boolean detach,
                          int preserveFds) {
}
