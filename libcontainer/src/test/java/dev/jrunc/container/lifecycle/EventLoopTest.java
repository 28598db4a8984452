package dev.jrunc.container.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupStats;
import dev.jrunc.container.cgroup.CgroupWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The loop on a scripted cgroup and a clock that moves only when the loop waits or reads. */
class EventLoopTest {
    private static final long MS = 1_000_000L;
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private long now = 1_000 * MS;
    private final long start = now;
    private final ScriptedCgroup cgroup = new ScriptedCgroup();
    private final List<String> seen = new ArrayList<>();
    private int readings;
    private long readingCost;
    private boolean readingFails;

    /** Statistics whose pid count is the number of the reading, so each event says which one it is. */
    private CgroupStats reading() {
        now += readingCost;
        readings++;
        if (readingFails && readings == 2) {
            throw new ContainerException("unable to get container cgroup stats: boom");
        }
        return new CgroupStats(CgroupStats.Cpu.NONE, CgroupStats.Memory.NONE, new CgroupStats.Pids(readings, 0),
                CgroupStats.Blkio.NONE, new TreeMap<>());
    }

    private List<String> run() {
        new EventLoop("c1", INTERVAL, this::reading, cgroup, () -> now).run(new EventSink() {
            @Override
            public void event(ContainerEvent event) {
                String at = "@" + (now - start) / MS;
                seen.add(switch (event) {
                    case ContainerEvent.Stats s -> "stats" + s.stats().pids().current() + at;
                    case ContainerEvent.Oom o -> "oom" + at;
                });
            }

            @Override
            public void readingFailed(ContainerException failure) {
                seen.add("failed: " + failure.getMessage());
            }
        });
        return seen;
    }

    @Test
    void aReadingEveryIntervalUntilTheCgroupEmpties() {
        cgroup.at(350, () -> cgroup.populated = false);
        assertEquals(List.of("stats1@100", "stats2@200", "stats3@300"), run());
    }

    @Test
    void anOomKillIsReportedWhenItHappens() {
        cgroup.at(150, () -> cgroup.kills = 1);
        cgroup.at(250, () -> cgroup.kills = 3);
        cgroup.at(260, () -> cgroup.populated = false);
        assertEquals(List.of("stats1@100", "oom@150", "stats2@200", "oom@250"), run());
    }

    @Test
    void killsFromBeforeTheStartAndOtherMemoryEventsAreNotReported() {
        cgroup.kills = 4;
        cgroup.at(50, () -> { }); // e.g. memory.events' "max" counter moving
        cgroup.at(120, () -> cgroup.populated = false);
        assertEquals(List.of("stats1@100"), run());
    }

    @Test
    void theOomKillThatEmptiesTheCgroupIsStillReported() {
        cgroup.at(70, () -> {
            cgroup.kills = 1;
            cgroup.populated = false;
        });
        assertEquals(List.of("oom@70"), run());
    }

    @Test
    void aContainerThatHasStoppedAlreadyEndsAtOnce() {
        cgroup.populated = false;
        assertEquals(List.of(), run());
        assertEquals(0, readings);
    }

    @Test
    void aFailedReadingIsReportedAndTheLoopGoesOn() {
        readingFails = true;
        cgroup.at(350, () -> cgroup.populated = false);
        assertEquals(List.of("stats1@100", "failed: unable to get container cgroup stats: boom", "stats3@300"), run());
    }

    @Test
    void aReadingSlowerThanTheIntervalDropsTheTicksItMissed() {
        readingCost = 250 * MS;
        cgroup.at(1000, () -> cgroup.populated = false);
        // Readings start at 100 and 450 (= 350 + 100) and 800, each ending 250 later.
        assertEquals(List.of("stats1@350", "stats2@700", "stats3@1050"), run());
    }

    @Test
    void theIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new EventLoop("c1", Duration.ZERO, this::reading, cgroup, () -> now));
    }

    /** A cgroup whose event files change at given times (milliseconds after the start). */
    private final class ScriptedCgroup implements CgroupWatch {
        final TreeMap<Long, Runnable> changes = new TreeMap<>();
        boolean populated = true;
        long kills;

        void at(long millis, Runnable change) {
            changes.put(start + millis * MS, change);
        }

        @Override
        public boolean awaitChange(Duration timeout) {
            Map.Entry<Long, Runnable> next = changes.firstEntry();
            if (next != null && next.getKey() <= now + timeout.toNanos()) {
                changes.pollFirstEntry();
                now = Math.max(now, next.getKey());
                next.getValue().run();
                return true;
            }
            now += timeout.toNanos();
            return false;
        }

        @Override
        public long oomKills() {
            return kills;
        }

        @Override
        public boolean populated() {
            return populated;
        }

        @Override
        public void close() {
        }
    }
}
