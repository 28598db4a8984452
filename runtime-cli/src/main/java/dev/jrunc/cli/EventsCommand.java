package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.lifecycle.ContainerEvent;
import dev.jrunc.container.lifecycle.ContainerEvents;
import java.time.Duration;

/**
 * {@code events [--stats] [--interval D] ID}: the container's cgroup statistics as runc prints
 * them, once with {@code --stats}, else every interval along with OOM kills until the container
 * stops.
 */
final class EventsCommand extends ContainerIdCommand {
    // A string, parsed here with Go's syntax ("200ms", "1m30s") rather than by picocli.
    String interval;
    boolean stats;

    @Override
    void declare(OptionBinder options) {
        super.declare(options);
        options.option("--interval").label("DURATION").defaultValue("5s")
                .description("set the stats collection interval (default: ${DEFAULT-VALUE})")
                .to(String.class, v -> interval = v);
        options.flag("--stats").description("display the container's stats then exit").to(v -> stats = v);
    }

    @Override
    public Integer call() {
        // runc's order: the flag's syntax, the arguments, the container, the interval's sign, its status.
        Duration every = GoDuration.parse(interval).orElseThrow(() -> new ContainerException(
                "invalid value \"" + interval + "\" for flag -interval: parse error"));
        String id = containerId();
        ContainerEvents events = ContainerEvents.of(jrunc.store(), id);
        if (every.isNegative() || every.isZero()) {
            throw new ContainerException("duration interval must be greater than 0");
        }
        events.requireRunning();
        EventPrinter printer = new EventPrinter(spec.commandLine().getOut(), jrunc.log());
        if (stats) {
            printer.event(new ContainerEvent.Stats(id, events.stats()));
        } else {
            events.follow(every, printer);
        }
        return 0;
    }
}
