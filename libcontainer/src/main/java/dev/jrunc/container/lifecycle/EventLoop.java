package dev.jrunc.container.lifecycle;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupStats;
import dev.jrunc.container.cgroup.CgroupWatch;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The body of {@code events} without {@code --stats}: a reading of the statistics every
 * interval (the first one interval after the start, as Go's time.Tick), an OOM event whenever the
 * cgroup's oom_kill count has grown, until nothing runs in the cgroup any more. One thread: the
 * wait for the next tick is the wait for a change of the cgroup's event files.
 */
final class EventLoop {
    private final String id;
    private final long intervalNanos;
    private final Supplier<CgroupStats> stats;
    private final CgroupWatch watch;
    private final LongSupplier nanoClock;

    EventLoop(String id, Duration interval, Supplier<CgroupStats> stats, CgroupWatch watch, LongSupplier nanoClock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.id = id;
        this.intervalNanos = interval.toNanos();
        this.stats = stats;
        this.watch = watch;
        this.nanoClock = nanoClock;
    }

    void run(EventSink sink) {
        // OOM kills from before the start are not news; runc would report them again on every
        // change of memory.events, jrunc only when the count grows.
        long seenKills = watch.oomKills();
        long next = nanoClock.getAsLong() + intervalNanos;
        // Checked before every wait, so a container that stops before the first change of
        // cgroup.events (even before the watch was set) still ends the loop.
        while (watch.populated()) {
            long wait = next - nanoClock.getAsLong();
            if (wait > 0) {
                if (watch.awaitChange(Duration.ofNanos(wait))) {
                    long kills = watch.oomKills();
                    if (Long.compareUnsigned(kills, seenKills) > 0) {
                        sink.event(new ContainerEvent.Oom(id));
                    }
                    seenKills = kills;
                }
                continue;
            }
            try {
                sink.event(new ContainerEvent.Stats(id, stats.get()));
            } catch (ContainerException e) {
                sink.readingFailed(e);
            }
            next += intervalNanos;
            long now = nanoClock.getAsLong();
            if (next <= now) {
                // A reading slower than the interval drops the ticks it missed, as time.Tick does.
                next = now + intervalNanos;
            }
        }
    }
}
