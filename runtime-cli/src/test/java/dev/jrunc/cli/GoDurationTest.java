package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    private static Optional<Duration> parse(String s) {
        return GoDuration.parse(s);
    }

    @Test
    void goSyntax() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), parse("5s"));
        assertEquals(Optional.of(Duration.ofMillis(200)), parse("200ms"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), parse("1.5h"));
        assertEquals(Optional.of(Duration.ofMinutes(165).plusMillis(500)), parse("2h45m0.5s"));
        assertEquals(Optional.of(Duration.ofNanos(1_500)), parse("1us500ns"));
        assertEquals(Optional.of(Duration.ofNanos(3_000)), parse("3\u00b5s"));
        assertEquals(Optional.of(Duration.ofNanos(3_000)), parse("3\u03bcs"));
        assertEquals(Optional.of(Duration.ofMillis(500)), parse(".5s"));
        assertEquals(Optional.of(Duration.ofSeconds(1)), parse("1.s"));
        assertEquals(Optional.of(Duration.ofSeconds(-1)), parse("-1s"));
        assertEquals(Optional.of(Duration.ofSeconds(1)), parse("+1s"));
        assertEquals(Optional.of(Duration.ZERO), parse("0"));
        assertEquals(Optional.of(Duration.ZERO), parse("-0"));
        assertEquals(Optional.of(Duration.ZERO), parse("0s"));
    }

    @Test
    void whatGoRefuses() {
        for (String bad : new String[] {"", "5", "s", "abc", "1x", "1 s", "1.5.5s", ".s", "-", "1S", "1e3s",
                "9223372036854775808ns", "10000000h"}) {
            assertEquals(Optional.empty(), parse(bad), bad);
        }
    }
}
