package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.lifecycle.ContainerEvent;
import dev.jrunc.container.lifecycle.EventSink;
import dev.jrunc.spec.json.JsonWriter;
import java.io.PrintWriter;

/**
 * Writes events as runc's {@code events} does (its {@code types.Event} through a json.Encoder):
 * one compact JSON object per line, {@code {"type":"stats","id":ID,"data":{...}}} or
 * {@code {"type":"oom","id":ID}}, flushed at once so that a reader sees each event as it happens.
 */
final class EventPrinter implements EventSink {
    private final PrintWriter out;
    private final RuntimeLog log;

    EventPrinter(PrintWriter out, RuntimeLog log) {
        this.out = out;
        this.log = log;
    }

    @Override
    public void event(ContainerEvent event) {
        out.println(line(event));
        out.flush();
    }

    @Override
    public void readingFailed(ContainerException failure) {
        log.errorAndContinue(Failure.oneLine(failure.getMessage()));
    }

    static String line(ContainerEvent event) {
        JsonWriter w = JsonWriter.compact().beginObject();
        if (event instanceof ContainerEvent.Stats(String id, var stats)) {
            w.name("type").value("stats").name("id").value(id).name("data");
            StatsJson.write(w, stats);
        } else {
            w.name("type").value("oom").name("id").value(event.id());
        }
        return w.endObject().toString();
    }
}
