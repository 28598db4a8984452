package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.IoMessages;
import dev.jrunc.spec.InvalidSpecException;
import dev.jrunc.sys.SyscallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * How a failed command ends: the one line the user (or engine) sees and the exit status.
 *
 * @param message    one line
 * @param exitCode   the process's exit status, never 0
 * @param unexpected whether this is a bug rather than a reported failure (its stack trace is
 *                   worth printing with --debug)
 */
record Failure(String message, int exitCode, boolean unexpected) {
    static Failure of(Throwable t) {
        // Tests in a row rather than a pattern switch: the switch's bootstrap makes a class at run
        // time, which the AOT cache cannot hold (a few ms on every failing command).
        if (t instanceof ContainerException e) {
            return new Failure(oneLine(e.getMessage()), e.exitCode() == 0 ? 1 : e.exitCode(), false);
        }
        if (t instanceof InvalidSpecException || t instanceof SyscallException) {
            return new Failure(oneLine(t.getMessage()), 1, false);
        }
        if (t instanceof UncheckedIOException e) {
            return of(e.getCause());
        }
        if (t instanceof FileSystemException e && e.getFile() != null) {
            return new Failure(oneLine(e.getFile() + ": " + IoMessages.reason(e)), 1, false);
        }
        if (t instanceof IOException e) {
            return new Failure(oneLine(IoMessages.reason(e)), 1, false);
        }
        return new Failure(oneLine("internal error: " + t), 1, true);
    }

    /** The longest message shown; a longer one loses its middle. */
    static final int MAX_CHARS = 480;
    private static final int TAIL_CHARS = 160;
    private static final String CUT = " ... ";

    /**
     * Engines read exactly one line; a message must never spill onto a second. A message made
     * huge by a huge value (a 100 kB hostname or path echoed by a failed system call) is
     * shortened in the middle: its start names the field and its end gives the reason.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        if (line.length() <= MAX_CHARS) {
            return line;
        }
        int head = MAX_CHARS - TAIL_CHARS - CUT.length();
        return line.substring(0, head) + CUT + line.substring(line.length() - TAIL_CHARS);
    }
}
