package dev.jrunc.container.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the runtime needs. The command name (field 2) is
 * enclosed in parentheses but may itself contain spaces and parentheses, so the fields after it
 * are found from the <em>last</em> closing parenthesis.
 *
 * @param pid       field 1
 * @param comm      field 2, without the parentheses
 * @param state     field 3: R, S, D, Z (zombie), X (dead), T, t, ...
 * @param startTime field 22: start time in clock ticks after boot; with the pid it identifies a process
 */
public record ProcStat(int pid, String comm, char state, long startTime) {
    private static final int STATE_INDEX = 0;
    private static final int START_TIME_INDEX = 22 - 3;

    /** Whether the process has exited and only its exit status remains. */
    public boolean isDead() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    /** The stat of a live (or zombie) process; empty when there is no such process. */
    public static Optional<ProcStat> read(int pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        } catch (IOException gone) {
            // ENOENT, or ESRCH when the process exits while the file is read
            return Optional.empty();
        }
        return Optional.of(parse(text));
    }

    /** Parses the text of a stat file; malformed text throws {@link IllegalArgumentException}. */
    public static ProcStat parse(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("malformed /proc stat: no \"(comm)\"");
        }
        String[] rest = text.substring(close + 1).strip().split(" +");
        if (rest.length <= START_TIME_INDEX || rest[STATE_INDEX].length() != 1) {
            throw new IllegalArgumentException("malformed /proc stat: " + rest.length + " fields after comm");
        }
        try {
            return new ProcStat(Integer.parseInt(text.substring(0, open).strip()), text.substring(open + 1, close),
                    rest[STATE_INDEX].charAt(0), Long.parseLong(rest[START_TIME_INDEX]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed /proc stat: " + e.getMessage(), e);
        }
    }
}
