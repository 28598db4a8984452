package dev.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    @Test
    void nanoTrimsTrailingZerosLikeGo() {
        assertEquals("2024-05-01T10:20:30Z", Rfc3339.nano(Instant.parse("2024-05-01T10:20:30Z")));
        assertEquals("2024-05-01T10:20:30.1Z", Rfc3339.nano(Instant.parse("2024-05-01T10:20:30.100Z")));
        assertEquals("2024-05-01T10:20:30.000000001Z", Rfc3339.nano(Instant.parse("2024-05-01T10:20:30.000000001Z")));
        assertEquals("2024-05-01T10:20:30.12345678Z", Rfc3339.nano(Instant.parse("2024-05-01T10:20:30.123456780Z")));
        assertEquals("2026-11-24T12:36:58.155652346Z", Rfc3339.nano(Instant.parse("2026-11-24T12:36:58.155652346Z")));
        assertEquals("2024-05-01T10:20:30.0005Z", Rfc3339.nano(Instant.parse("2024-05-01T10:20:30.000500Z")));
    }

    @Test
    void nanoIsAlwaysUtc() {
        assertEquals("1999-12-31T23:00:00.5Z", Rfc3339.nano(Instant.parse("2000-01-01T00:00:00.5+01:00")));
    }

    @Test
    void secondsCarryTheOffset() {
        assertEquals("2024-05-01T12:20:30+02:00",
                Rfc3339.seconds(OffsetDateTime.of(2024, 5, 1, 12, 20, 30, 999, ZoneOffset.ofHours(2))));
        assertEquals("2024-05-01T10:20:30Z", Rfc3339.seconds(OffsetDateTime.of(2024, 5, 1, 10, 20, 30, 0, ZoneOffset.UTC)));
    }

    @Test
    void parsesWhatItWrites() {
        Instant t = Instant.parse("2024-05-01T10:20:30.123456789Z");
        assertEquals(t, Rfc3339.parse(Rfc3339.nano(t)));
        assertEquals(t, Rfc3339.parse("2024-05-01T12:20:30.123456789+02:00"));
        assertThrows(DateTimeParseException.class, () -> Rfc3339.parse("yesterday"));
    }
}
