package dev.jrunc.cli;

import dev.jrunc.container.create.CreateOptions;
import java.nio.file.Path;

/** The options {@code create} and {@code run} share. */
final class CreateFlags {
    private Path bundle;
    private Path pidFile;
    private Path consoleSocket;
    private boolean noPivot;
    private boolean noNewKeyring;
    private int preserveFds;

    void declare(OptionBinder options) {
        options.option("--bundle", "-b").label("DIR").defaultValue(".")
                .description("path to the bundle directory (default: the current directory)")
                .to(Path.class, v -> bundle = v);
        options.option("--pid-file").label("FILE").description("write the init's host pid to FILE")
                .to(Path.class, v -> pidFile = v);
        options.option("--console-socket").label("PATH")
                .description("AF_UNIX socket to receive the pty master of a terminal container")
                .to(Path.class, v -> consoleSocket = v);
        options.flag("--no-pivot").description("do not use pivot_root to jail the process").to(v -> noPivot = v);
        options.flag("--no-new-keyring").description("do not create a new session keyring").to(v -> noNewKeyring = v);
        options.option("--preserve-fds").label("N").defaultValue("0")
                .description("pass N extra file descriptors (3 .. 3+N-1) to the container")
                .to(int.class, v -> preserveFds = v);
    }

    CreateOptions toOptions(String id) {
        return new CreateOptions(id, bundle.toAbsolutePath().normalize(),
                pidFile == null ? null : pidFile.toAbsolutePath(),
                consoleSocket == null ? null : consoleSocket.toAbsolutePath(),
                noPivot, noNewKeyring, preserveFds);
    }
}
