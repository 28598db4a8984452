package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.StateStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The top-level command: runc's global options, which come before the subcommand. */
@Command(name = "jrunc",
        description = "An OCI container runtime, compatible with runc.",
        versionProvider = JruncVersion.class,
        subcommands = {CreateCommand.class, StartCommand.class, RunCommand.class, StateCommand.class,
                KillCommand.class, DeleteCommand.class, ListCommand.class, PauseCommand.class,
                ResumeCommand.class, PsCommand.class, ExecCommand.class, UpdateCommand.class, FeaturesCommand.class,
                SpecCommand.class})
final class JruncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/run/jrunc",
            description = "root directory for storage of container state (default: ${DEFAULT-VALUE})")
    Path root;

    @Option(names = "--log", paramLabel = "FILE", description = "append errors (and debug lines) to FILE")
    Path logFile;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
            description = "format of the --log file: text or json (default: ${DEFAULT-VALUE})")
    LogFormat logFormat;

    @Option(names = "--debug", description = "log debug lines; print stack traces of internal errors")
    boolean debug;

    @Option(names = "--systemd-cgroup", description = "accepted for compatibility; the systemd cgroup driver is not supported")
    boolean systemdCgroup;

    @Option(names = "--rootless", paramLabel = "auto|true|false", defaultValue = "auto",
            description = "accepted for compatibility (default: ${DEFAULT-VALUE})")
    Rootless rootless;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show help")
    boolean help;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "print the version")
    boolean version;

    private final PrintStream stderr;
    private final Supplier<OffsetDateTime> clock;
    private RuntimeLog log;

    JruncCommand(PrintStream stderr, Supplier<OffsetDateTime> clock) {
        this.stderr = stderr;
        this.clock = clock;
    }

    /** Without a subcommand runc prints its help. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    StateStore store() {
        return new StateStore(root);
    }

    /** The log as configured by the options parsed so far (even when parsing failed later). */
    RuntimeLog log() {
        if (log == null) {
            log = new RuntimeLog(logFile, logFormat, debug, stderr, clock);
        }
        return log;
    }

    /** Fails for commands that would need the systemd cgroup driver. */
    void requireCgroupfsDriver() {
        if (systemdCgroup) {
            throw new ContainerException("the systemd cgroup driver is not supported (--systemd-cgroup): "
                    + "jrunc manages cgroups through cgroupfs only");
        }
    }
}
