package dev.jrunc.cli;

import dev.jrunc.spec.json.JsonWriter;
import dev.jrunc.spec.json.Quoting;
import dev.jrunc.spec.json.Rfc3339;
import java.time.OffsetDateTime;

/**
 * One line of the runtime's log in runc's (logrus's) shapes. Engines parse the JSON form:
 * containerd takes the last {@code "level":"error"} line's {@code msg}, podman unmarshals a
 * file holding a single object, so the keys and their order are exactly logrus's.
 */
final class LogLine {
    private LogLine() {
    }

    /** The line without its newline. */
    static String format(LogFormat format, String level, String message, OffsetDateTime time) {
        String timestamp = Rfc3339.seconds(time);
        return switch (format) {
            case JSON -> JsonWriter.compact().beginObject()
                    .name("level").value(level)
                    .name("msg").value(message)
                    .name("time").value(timestamp)
                    .endObject().toString();
            case TEXT -> "time=" + Quoting.quote(timestamp) + " level=" + level + " msg=" + Quoting.quote(message);
        };
    }
}
