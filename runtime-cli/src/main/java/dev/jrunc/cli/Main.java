package dev.jrunc.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The {@code jrunc} executable: parses runc's command line and exits with the command's status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, OffsetDateTime::now));
    }

    /** Runs one command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, Supplier<OffsetDateTime> clock) {
        JruncCommand top = new JruncCommand(err, clock);
        FailureHandler failures = new FailureHandler(top, err);
        try {
            CommandLine commandLine = new CommandLine(top);
            // Before the settings below: picocli applies them to the subcommands added so far.
            Subcommands.register(commandLine, args);
            commandLine.setCaseInsensitiveEnumValuesAllowed(true)
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .setExecutionExceptionHandler(failures)
                    .setParameterExceptionHandler(failures)
                    .setExecutionStrategy(parsed -> {
                        top.log().debug("jrunc " + JruncVersion.VERSION + ": " + String.join(" ", args));
                        return new CommandLine.RunLast().execute(parsed);
                    });
            // runc reads exec's command verbatim after the container id: `exec ID sh -c CMD`
            // must not take the command's -c for exec's --cap.
            CommandLine exec = commandLine.getSubcommands().get("exec");
            if (exec != null) {
                exec.setStopAtPositional(true);
            }
            return commandLine.execute(args);
        } catch (RuntimeException | Error e) {
            return failures.report(e);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
