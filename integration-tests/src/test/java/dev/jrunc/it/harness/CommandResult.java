package dev.jrunc.it.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one external command: its exit code and captured output.
 *
 * @param command    the command line
 * @param exitCode   the exit code, or -1 when the command timed out
 * @param stdout     what it wrote to stdout until it exited
 * @param stderr     what it wrote to stderr until it exited
 * @param timedOut   whether it had to be killed
 * @param stdoutFile the file its stdout went to; a container it started may keep writing there
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut,
        Path stdoutFile) {

    /** The non-blank lines of stderr. */
    public List<String> stderrLines() {
        return stderr.lines().filter(line -> !line.isBlank()).toList();
    }

    /** A multi-line summary for assertion messages. */
    public String describe() {
        return String.join(" ", command) + "\n  exit code: " + (timedOut ? "timed out" : exitCode)
                + "\n  stdout: " + stdout.strip() + "\n  stderr: " + stderr.strip();
    }
}
