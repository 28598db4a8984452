package dev.jrunc.container.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV2ManagerTest {
    @TempDir
    Path root;
    private final FakeCgroupFs fs = new FakeCgroupFs();
    private Path existingParent;

    @BeforeEach
    void machineCgroups() throws IOException {
        existingParent = fs.cgroup(root.resolve("system.slice"));
    }

    private CgroupV2Manager manager(Path dir) {
        return new CgroupV2Manager(root, dir, fs, Duration.ofSeconds(5));
    }

    @Test
    void createMakesMissingParentsAndDestroyRemovesExactlyThose() {
        Path leaf = existingParent.resolve("jrunc/a/c1");
        CgroupV2Manager m = manager(leaf);
        m.create();
        assertTrue(Files.isDirectory(leaf));
        assertTrue(m.exists());
        m.destroy();
        assertEquals(List.of(leaf, leaf.getParent(), leaf.getParent().getParent()), fs.removed);
        assertTrue(Files.isDirectory(existingParent));
    }

    @Test
    void aFailedCreateRemovesWhatItMadeAndNothingElse() {
        Path leaf = existingParent.resolve("jrunc/c1");
        fs.failMkdir.add(leaf);
        ContainerException e = assertThrows(ContainerException.class, () -> manager(leaf).create());
        assertEquals("cannot create cgroup " + leaf + ": permission denied", e.getMessage());
        assertFalse(Files.exists(leaf.getParent()));
        assertTrue(Files.isDirectory(existingParent));
        assertEquals(List.of(leaf.getParent()), fs.removed);
    }

    @Test
    void destroyKeepsParentsItDidNotCreate() throws IOException {
        Path leaf = fs.cgroup(existingParent.resolve("jrunc/c1"));
        manager(leaf).destroy();
        assertFalse(Files.exists(leaf));
        assertTrue(Files.isDirectory(leaf.getParent()));
    }

    @Test
    void destroyKeepsACreatedParentThatOthersStillUse() throws IOException {
        Path leaf = existingParent.resolve("jrunc/c1");
        CgroupV2Manager m = manager(leaf);
        m.create();
        fs.cgroup(leaf.resolveSibling("c2"));
        m.destroy();
        assertFalse(Files.exists(leaf));
        assertTrue(Files.isDirectory(leaf.resolveSibling("c2")));
    }

    @Test
    void destroyRemovesChildCgroupsFirst() throws IOException {
        Path leaf = fs.cgroup(existingParent.resolve("c1"));
        fs.cgroup(leaf.resolve("sub/deeper"));
        manager(leaf).destroy();
        assertFalse(Files.exists(leaf));
        assertEquals(List.of(leaf.resolve("sub/deeper"), leaf.resolve("sub"), leaf), fs.removed);
    }

    @Test
    void destroyWaitsForTheLastProcessesToLeave() throws Exception {
        Path leaf = fs.cgroup(existingParent.resolve("c1"));
        fs.setProcs(leaf, 123);
        Thread exiter = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
                fs.setProcs(leaf);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        manager(leaf).destroy();
        exiter.join();
        assertFalse(Files.exists(leaf));
    }

    @Test
    void destroyKillsNothingAndFailsWhenTheCgroupStaysPopulated() throws IOException {
        Path leaf = fs.cgroup(existingParent.resolve("c1"));
        fs.setProcs(leaf, 123);
        CgroupV2Manager m = new CgroupV2Manager(root, leaf, fs, Duration.ofMillis(50));
        ContainerException e = assertThrows(ContainerException.class, m::destroy);
        assertEquals("cannot remove cgroup " + leaf + ": device or resource busy", e.getMessage());
        assertEquals("123\n", Files.readString(leaf.resolve("cgroup.procs")));
    }

    @Test
    void destroyOfAMissingCgroupIsFine() {
        manager(existingParent.resolve("gone")).destroy();
        assertEquals(List.of(), fs.removed);
    }

    @Test
    void addProcessAndPidsCoverDescendants() throws IOException {
        Path leaf = existingParent.resolve("c1");
        CgroupV2Manager m = manager(leaf);
        m.create();
        m.addProcess(11);
        fs.setProcs(fs.cgroup(leaf.resolve("child")), 12, 13);
        assertEquals(List.of(11, 12, 13), m.pids());
        assertTrue(m.isPopulated());
        assertEquals(List.of(), manager(existingParent.resolve("gone")).pids());
    }

    @Test
    void freezeAndThawWaitForTheKernel() throws IOException {
        CgroupV2Manager m = manager(fs.cgroup(existingParent.resolve("c1")));
        assertFalse(m.isFrozen());
        m.freeze();
        assertTrue(m.isFrozen());
        assertTrue(Files.readString(m.path().resolve("cgroup.events")).contains("frozen 1"));
        m.thaw();
        assertFalse(m.isFrozen());
    }

    @Test
    void freezeTimesOutWhenTheCgroupNeverFreezes() throws IOException {
        fs.stuckFreezer = true;
        Path leaf = fs.cgroup(existingParent.resolve("c1"));
        CgroupV2Manager m = new CgroupV2Manager(root, leaf, fs, Duration.ofMillis(50));
        ContainerException e = assertThrows(ContainerException.class, m::freeze);
        assertTrue(e.getMessage().startsWith("timeout of 50ms reached waiting for cgroup " + leaf + " to freeze"), e.getMessage());
    }

    @Test
    void killAllUsesCgroupKillForSigkill() throws IOException {
        Path leaf = fs.cgroup(existingParent.resolve("c1"));
        fs.setProcs(leaf, 1 << 23);
        manager(leaf).killAll(Processes.SIGKILL);
        assertEquals("", Files.readString(leaf.resolve("cgroup.procs")));
        assertFalse(manager(leaf).isPopulated());
    }

    @Test
    void killAllSignalsEachProcessOtherwiseAndSkipsVanishedOnes() throws Exception {
        Path leaf = fs.cgroup(existingParent.resolve("c1"));
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            // 1 << 23 is above any pid_max: kill(2) says ESRCH, as for a process that just exited.
            fs.setProcs(leaf, 1 << 23, (int) sleeper.pid());
            manager(leaf).killAll(Processes.SIGTERM);
            assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS));
            assertEquals(128 + Processes.SIGTERM, sleeper.exitValue());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void killAllOfAMissingCgroupDoesNothing() {
        manager(existingParent.resolve("gone")).killAll(Processes.SIGKILL);
    }

    @Test
    void refusesDirectoriesOutsideOrAtTheRoot() {
        assertThrows(ContainerException.class, () -> new CgroupV2Manager(root, root));
        assertThrows(ContainerException.class, () -> new CgroupV2Manager(root, root.resolve("../elsewhere")));
        assertThrows(ContainerException.class, () -> CgroupV2Manager.existing(Path.of("/")));
        assertEquals(existingParent.resolve("x"), CgroupV2Manager.existing(existingParent.resolve("x")).path());
    }
}
