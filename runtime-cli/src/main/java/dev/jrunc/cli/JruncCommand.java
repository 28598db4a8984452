package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.StateStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level command: runc's global options, which come before the subcommand (see {@link Subcommands}). */
final class JruncCommand implements Callable<Integer> {
    private Path root;
    private Path logFile;
    private LogFormat logFormat;
    private boolean debug;
    private boolean systemdCgroup;

    private final PrintStream stderr;
    private final Supplier<OffsetDateTime> clock;
    private CommandSpec spec;
    private RuntimeLog log;

    JruncCommand(PrintStream stderr, Supplier<OffsetDateTime> clock) {
        this.stderr = stderr;
        this.clock = clock;
    }

    /** The picocli model of the global options, bound to this object; {@link Subcommands} adds the subcommands. */
    CommandSpec model() {
        spec = CommandSpec.wrapWithoutInspection(this).name("jrunc").versionProvider(new JruncVersion());
        spec.usageMessage().description("An OCI container runtime, compatible with runc.");
        OptionBinder options = new OptionBinder(spec);
        options.option("--root").label("DIR").defaultValue("/run/jrunc")
                .description("root directory for storage of container state (default: ${DEFAULT-VALUE})")
                .to(Path.class, v -> root = v);
        options.option("--log").label("FILE").description("append errors (and debug lines) to FILE")
                .to(Path.class, v -> logFile = v);
        options.option("--log-format").label("text|json").defaultValue("text")
                .description("format of the --log file: text or json (default: ${DEFAULT-VALUE})")
                .to(LogFormat.class, v -> logFormat = v);
        options.flag("--debug").description("log debug lines; print stack traces of internal errors").to(v -> debug = v);
        options.flag("--systemd-cgroup")
                .description("accepted for compatibility; the systemd cgroup driver is not supported")
                .to(v -> systemdCgroup = v);
        // Accepted for compatibility; nothing depends on it.
        options.option("--rootless").label("auto|true|false").defaultValue("auto")
                .description("accepted for compatibility (default: ${DEFAULT-VALUE})")
                .to(Rootless.class, ignored -> { });
        options.usageHelp();
        options.versionHelp();
        return spec;
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
