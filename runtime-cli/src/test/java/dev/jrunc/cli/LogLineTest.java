package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogLineTest {
    private static final OffsetDateTime UTC = OffsetDateTime.of(2024, 5, 1, 10, 20, 30, 5, ZoneOffset.UTC);
    private static final OffsetDateTime EAST = OffsetDateTime.of(2024, 5, 1, 15, 50, 30, 0, ZoneOffset.ofHoursMinutes(5, 30));

    @Test
    void jsonHasLogrusKeysInOrder() {
        assertEquals("{\"level\":\"error\",\"msg\":\"boom\",\"time\":\"2024-05-01T10:20:30Z\"}",
                LogLine.format(LogFormat.JSON, "error", "boom", UTC));
        assertEquals("{\"level\":\"debug\",\"msg\":\"x\",\"time\":\"2024-05-01T15:50:30+05:30\"}",
                LogLine.format(LogFormat.JSON, "debug", "x", EAST));
    }

    @Test
    void jsonEscapesTheMessage() {
        assertEquals("{\"level\":\"error\",\"msg\":\"open \\\"/x\\\": a\\\\b\\n\\t\\u0001 \\u003c\\u0026\\u003e \u00e9\",\"time\":\"2024-05-01T10:20:30Z\"}",
                LogLine.format(LogFormat.JSON, "error", "open \"/x\": a\\b\n\t\u0001 <&> \u00e9", UTC));
    }

    @Test
    void textIsLogrusTextFormatter() {
        assertEquals("time=\"2024-05-01T10:20:30Z\" level=error msg=\"container \\\"c1\\\" does not exist\\n\"",
                LogLine.format(LogFormat.TEXT, "error", "container \"c1\" does not exist\n", UTC));
    }
}
