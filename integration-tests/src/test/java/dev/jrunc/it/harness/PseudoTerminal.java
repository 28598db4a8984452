package dev.jrunc.it.harness;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a command on a pseudo terminal with script(1) (util-linux), for engine commands that
 * refuse to allocate a tty unless their own stdin is one ({@code ctr run -t},
 * {@code podman run -t}): CI runs the tests with no terminal at all. Give the command
 * {@link CommandInput#heldOpen()} as stdin; script exits with the command's status ({@code -e}).
 */
public final class PseudoTerminal {

    private PseudoTerminal() {
    }

    /** script's command line running {@code setup} (shell, e.g. "stty cols 80") and then {@code command}. */
    public static List<String> commandLine(String setup, List<String> command) {
        String shell = (setup.isEmpty() ? "" : setup + "; ") + "exec " + quote(command);
        return List.of("script", "--quiet", "--return", "--command", shell, "/dev/null");
    }

    /** {@code command} as one POSIX shell command line. */
    static String quote(List<String> command) {
        return command.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    /** Terminal output with the carriage returns of the tty's newline translation removed. */
    public static String text(CommandResult result) {
        return result.stdout().replace("\r", "");
    }
}
