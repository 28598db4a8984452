package dev.jrunc.spec.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps in the forms Go prints them, which engines and runc users see: RFC 3339 with
 * nanoseconds and trailing zeros trimmed ({@code time.RFC3339Nano}, in UTC) for {@code created} in
 * states, and plain RFC 3339 with the offset ({@code time.RFC3339}) for log lines.
 */
public final class Rfc3339 {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private Rfc3339() {}

    /**
     * {@code instant} in UTC as Go's RFC3339Nano: only the significant digits of the fraction, none
     * on a whole second, e.g. {@code 2024-05-01T10:20:30.1234Z} or {@code 2024-05-01T10:20:30Z}.
     */
    public static String nano(Instant instant) {
        StringBuilder b = new StringBuilder(30).append(UTC_SECONDS.format(instant.atOffset(ZoneOffset.UTC)));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String digits = Integer.toString(nanos);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').repeat('0', 9 - digits.length()).append(digits, 0, end);
        }
        return b.append('Z').toString();
    }

    /** {@code time} to the second with its offset, e.g. {@code 2024-05-01T12:20:30+02:00} or {@code ...Z}. */
    public static String seconds(OffsetDateTime time) {
        return SECONDS.format(time);
    }

    /**
     * Parses what {@link #nano} (or any ISO-8601 date-time with an offset) wrote.
     *
     * @throws java.time.format.DateTimeParseException when the text is not such a date-time
     */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }
}
