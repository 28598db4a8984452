package dev.jrunc.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A byte count as runc's memory flags take it (docker/go-units' RAMInBytes): a decimal number,
 * optionally followed (with or without one space) by {@code b}, or {@code k}, {@code m},
 * {@code g}, {@code t}, {@code p} with an optional {@code b} or {@code ib}, all binary
 * multiples, case-insensitive: {@code 16m}, {@code 1.5GiB}, {@code 512 kb}. The messages are
 * go-units' own.
 */
final class RamBytes {
    // What Go's strconv.ParseFloat takes as a decimal number (inf and nan are refused here).
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Map<Character, Long> MULTIPLIERS = Map.of(
            'k', 1L << 10, 'm', 1L << 20, 'g', 1L << 30, 't', 1L << 40, 'p', 1L << 50);

    private RamBytes() {
    }

    static long parse(String text) {
        int sep = lastIndexOfAny(text, "0123456789. ");
        if (sep < 0) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        String number = text.charAt(sep) == ' ' ? text.substring(0, sep) : text.substring(0, sep + 1);
        String suffix = text.substring(sep + 1);
        if (!DECIMAL.matcher(number).matches()) {
            throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + number + "\": invalid syntax");
        }
        double size = Double.parseDouble(number);
        if (size < 0) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        if (suffix.isEmpty()) {
            return (long) size;
        }
        if (suffix.length() > 3) {
            throw badSuffix(suffix);
        }
        suffix = suffix.toLowerCase(Locale.ROOT);
        if (suffix.charAt(0) == 'b') {
            if (suffix.length() > 1) {
                throw badSuffix(suffix);
            }
            return (long) size;
        }
        Long multiplier = MULTIPLIERS.get(suffix.charAt(0));
        if (multiplier == null
                || suffix.length() == 2 && suffix.charAt(1) != 'b'
                || suffix.length() == 3 && !suffix.substring(1).equals("ib")) {
            throw badSuffix(suffix);
        }
        return (long) (size * multiplier);
    }

    private static IllegalArgumentException badSuffix(String suffix) {
        return new IllegalArgumentException("invalid suffix: '" + suffix + "'");
    }

    private static int lastIndexOfAny(String s, String chars) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
