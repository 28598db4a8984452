package dev.jrunc.container.lifecycle;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.json.Quoting;
import java.util.Locale;
import java.util.Map;

/**
 * Signal names and numbers as {@code runc kill} accepts them: a decimal number, or a name with or
 * without the SIG prefix in any case ({@code 9}, {@code KILL}, {@code sigterm}), plus the
 * real-time forms {@code RTMIN+n} / {@code RTMAX-n}. Numbering is Linux's generic one, shared by
 * x86_64 and arm64.
 */
public final class Signals {
    public static final int SIGRTMIN = 34;
    public static final int SIGRTMAX = 64;
    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CLD", 17), Map.entry("CONT", 18),
            Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22),
            Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26),
            Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29),
            Map.entry("PWR", 30), Map.entry("SYS", 31), Map.entry("RTMIN", SIGRTMIN), Map.entry("RTMAX", SIGRTMAX));

    private Signals() {
    }

    /** The signal number {@code text} names; unknown or out-of-range input throws. */
    public static int parse(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            int number;
            try {
                number = Integer.parseInt(text);
            } catch (NumberFormatException tooLong) {
                throw unknown(text);
            }
            if (number < 1 || number > SIGRTMAX) {
                throw unknown(text);
            }
            return number;
        }
        String name = text.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer number = BY_NAME.get(name);
        if (number != null) {
            return number;
        }
        return realTime(name, text);
    }

    private static int realTime(String name, String text) {
        int base;
        int sign;
        if (name.startsWith("RTMIN+")) {
            base = SIGRTMIN;
            sign = 1;
        } else if (name.startsWith("RTMAX-")) {
            base = SIGRTMAX;
            sign = -1;
        } else {
            throw unknown(text);
        }
        String offset = name.substring(6);
        if (offset.isEmpty() || offset.length() > 2 || !offset.chars().allMatch(Character::isDigit)) {
            throw unknown(text);
        }
        int number = base + sign * Integer.parseInt(offset);
        if (number < SIGRTMIN || number > SIGRTMAX) {
            throw unknown(text);
        }
        return number;
    }

    private static ContainerException unknown(String text) {
        return new ContainerException("unknown signal " + Quoting.quote(text));
    }
}
