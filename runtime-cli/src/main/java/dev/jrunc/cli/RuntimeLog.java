package dev.jrunc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * Where the runtime's own messages go. An error is one plain line on stderr (go-runc and conmon
 * relay stderr) plus, with {@code --log}, one formatted line appended to the log file. Debug
 * lines exist only with {@code --debug}: in the log file if there is one, else on stderr.
 */
final class RuntimeLog {
    private final Path file;
    private final LogFormat format;
    private final boolean debug;
    private final PrintStream stderr;
    private final Supplier<OffsetDateTime> clock;

    RuntimeLog(Path file, LogFormat format, boolean debug, PrintStream stderr, Supplier<OffsetDateTime> clock) {
        this.file = file;
        this.format = format == null ? LogFormat.TEXT : format;
        this.debug = debug;
        this.stderr = stderr;
        this.clock = clock;
    }

    boolean debugEnabled() {
        return debug;
    }

    void error(String message) {
        stderr.println(message);
        if (file != null) {
            append("error", message);
        }
    }

    /**
     * An error the command carries on after (runc's logrus.Error in a loop): like a warning, to
     * the log file if there is one, else to stderr; the command has not failed.
     */
    void errorAndContinue(String message) {
        if (file != null) {
            append("error", message);
        } else {
            stderr.println(LogLine.format(format, "error", message, clock.get()));
        }
    }

    /** A warning, as runc's logrus prints one: to the log file if there is one, else to stderr. */
    void warning(String message) {
        if (file != null) {
            append("warning", message);
        } else {
            stderr.println(LogLine.format(format, "warning", message, clock.get()));
        }
    }

    void debug(String message) {
        if (!debug) {
            return;
        }
        if (file != null) {
            append("debug", message);
        } else {
            stderr.println(LogLine.format(format, "debug", message, clock.get()));
        }
    }

    private void append(String level, String message) {
        byte[] line = (LogLine.format(format, level, message, clock.get()) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            // One write(2) with O_APPEND, so lines of concurrent runtime calls sharing the file never interleave.
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            stderr.println("cannot write to log file " + file + ": " + e.getMessage());
        }
    }
}
