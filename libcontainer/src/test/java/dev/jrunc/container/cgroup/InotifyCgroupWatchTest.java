package dev.jrunc.container.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch on plain files, which report writes through inotify as cgroupfs reports its changes
 * (the kernel's cgroupfs itself is covered by the integration tests).
 */
class InotifyCgroupWatchTest {
    @TempDir
    Path dir;

    private void cgroupFiles(boolean memoryController) throws IOException {
        Files.writeString(dir.resolve("cgroup.events"), "populated 1\nfrozen 0\n");
        if (memoryController) {
            Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
        }
    }

    @Test
    void anOomKillIsAChangeWithAGreaterCount() throws IOException {
        cgroupFiles(true);
        try (InotifyCgroupWatch watch = InotifyCgroupWatch.open(dir, new KernelCgroupFs())) {
            assertEquals(0, watch.oomKills());
            assertTrue(watch.populated());
            assertFalse(watch.awaitChange(Duration.ofMillis(30)), "a change without any write");

            Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n");

            assertTrue(watch.awaitChange(Duration.ofSeconds(5)));
            assertEquals(2, watch.oomKills());
            assertFalse(watch.awaitChange(Duration.ofMillis(30)), "one write reported twice");
        }
    }

    @Test
    void theCgroupEmptyingIsAChange() throws IOException {
        cgroupFiles(true);
        try (InotifyCgroupWatch watch = InotifyCgroupWatch.open(dir, new KernelCgroupFs())) {
            Files.writeString(dir.resolve("cgroup.events"), "populated 0\nfrozen 0\n");
            assertTrue(watch.awaitChange(Duration.ofSeconds(5)));
            assertFalse(watch.populated());
        }
    }

    @Test
    void withoutTheMemoryControllerOnlyTheEmptyingIsWatched() throws IOException {
        cgroupFiles(false);
        try (InotifyCgroupWatch watch = InotifyCgroupWatch.open(dir, new KernelCgroupFs())) {
            assertEquals(0, watch.oomKills());
            Files.writeString(dir.resolve("cgroup.events"), "populated 0\nfrozen 0\n");
            assertTrue(watch.awaitChange(Duration.ofSeconds(5)));
            assertFalse(watch.populated());
        }
    }

    @Test
    void aCgroupThatIsGoneIsNotPopulated() throws IOException {
        try (InotifyCgroupWatch watch = InotifyCgroupWatch.open(dir.resolve("gone"), new KernelCgroupFs())) {
            assertFalse(watch.populated());
            assertEquals(0, watch.oomKills());
        }
    }
}
