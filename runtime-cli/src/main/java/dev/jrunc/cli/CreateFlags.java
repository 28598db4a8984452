package dev.jrunc.cli;

import dev.jrunc.container.create.CreateOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code create} and {@code run} share. */
final class CreateFlags {
    @Option(names = {"--bundle", "-b"}, paramLabel = "DIR", defaultValue = ".",
            description = "path to the bundle directory (default: the current directory)")
    Path bundle;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "write the init's host pid to FILE")
    Path pidFile;

    @Option(names = "--console-socket", paramLabel = "PATH",
            description = "AF_UNIX socket to receive the pty master of a terminal container")
    Path consoleSocket;

    @Option(names = "--no-pivot", description = "do not use pivot_root to jail the process")
    boolean noPivot;

    @Option(names = "--no-new-keyring", description = "do not create a new session keyring")
    boolean noNewKeyring;

    @Option(names = "--preserve-fds", paramLabel = "N", defaultValue = "0",
            description = "pass N extra file descriptors (3 .. 3+N-1) to the container")
    int preserveFds;

    CreateOptions toOptions(String id) {
        return new CreateOptions(id, bundle.toAbsolutePath().normalize(),
                pidFile == null ? null : pidFile.toAbsolutePath(),
                consoleSocket == null ? null : consoleSocket.toAbsolutePath(),
                noPivot, noNewKeyring, preserveFds);
    }
}
