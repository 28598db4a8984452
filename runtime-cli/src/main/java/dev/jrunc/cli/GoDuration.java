package dev.jrunc.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Go's time.ParseDuration, for runc's duration flags ({@code events --interval}): a signed
 * sequence of decimal numbers, each with a unit (ns, us, µs, ms, s, m, h), such as "300ms",
 * "1.5h" or "2h45m"; "0" alone needs no unit.
 */
final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** The duration, or empty when {@code text} is not one Go would accept. */
    static Optional<Duration> parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && isNumberChar(s.charAt(i))) {
                i++;
            }
            String number = s.substring(start, i);
            if (!number.matches("[0-9]*(\\.[0-9]*)?") || number.replace(".", "").isEmpty()) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < s.length() && !isNumberChar(s.charAt(i))) {
                i++;
            }
            Long unit = UNITS.get(s.substring(unitStart, i));
            if (unit == null) {
                return Optional.empty();
            }
            nanos = nanos.add(new BigDecimal(number.endsWith(".") ? number + "0" : "0" + number)
                    .multiply(BigDecimal.valueOf(unit)));
        }
        // Go truncates a fraction of a nanosecond and refuses what does not fit in an int64.
        BigInteger whole = nanos.toBigInteger();
        if (whole.compareTo(MAX_NANOS) > 0) {
            return Optional.empty();
        }
        long n = whole.longValueExact();
        return Optional.of(Duration.ofNanos(negative ? -n : n));
    }

    private static boolean isNumberChar(char c) {
        return c >= '0' && c <= '9' || c == '.';
    }
}
