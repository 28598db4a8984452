package dev.jrunc.spec;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants the way Go's {@code time.RFC3339Nano} does, which is what runc prints for
 * {@code created}: UTC with a {@code Z}, and only the significant digits of the fraction
 * ({@code 2024-05-01T10:00:00.1234Z}, or no fraction at all on a whole second).
 */
final class GoTimestamps {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private GoTimestamps() {}

    static String rfc3339Nano(Instant instant) {
        StringBuilder out = new StringBuilder(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
            out.append('.').append(fraction);
        }
        return out.append('Z').toString();
    }
}
