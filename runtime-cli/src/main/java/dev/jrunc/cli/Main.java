package dev.jrunc.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The {@code jrunc} executable: parses runc's command line and exits with the command's status. */
public final class Main {
    // A constant, made when the class is initialised: the AOT training (which calls run, not
    // main) then resolves it, so the cache holds its class instead of every start making it.
    private static final Supplier<OffsetDateTime> CLOCK = OffsetDateTime::now;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, CLOCK);
        // run() flushed stdout and stderr, the log file is written line by line, and jrunc
        // registers no shutdown hook: halt ends the process with nothing left to do. System.exit
        // would first look up a System.Logger for its exit record, a service-loader scan of every
        // jar on the class path that costs every command a few milliseconds.
        Runtime.getRuntime().halt(status);
    }

    /** Runs one command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, Supplier<OffsetDateTime> clock) {
        JruncCommand top = new JruncCommand(err, clock);
        FailureHandler failures = new FailureHandler(top, err);
        try {
            CommandLine commandLine = commandLine(top, args);
            commandLine.setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .setExecutionExceptionHandler(failures)
                    .setParameterExceptionHandler(failures)
                    .setExecutionStrategy(parsed -> {
                        top.log().debug("jrunc " + JruncVersion.VERSION + ": " + String.join(" ", args));
                        return new CommandLine.RunLast().execute(parsed);
                    });
            return commandLine.execute(args);
        } catch (RuntimeException | Error e) {
            return failures.report(e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command line of {@code top} with the subcommand {@code args} invoke (all of them if none): picocli's whole model. */
    static CommandLine commandLine(JruncCommand top, String[] args) {
        CommandLine commandLine = new CommandLine(top.model());
        Subcommands.register(commandLine, args);
        return commandLine;
    }
}
