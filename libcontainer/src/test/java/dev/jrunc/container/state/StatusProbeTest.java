package dev.jrunc.container.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.spec.ContainerStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusProbeTest {
    @TempDir
    Path tmp;
    private StateStore store;
    private Process sleeper;

    @BeforeEach
    void setUp() throws IOException {
        store = new StateStore(tmp.resolve("root"));
        store.reserve("c1");
        sleeper = new ProcessBuilder("sleep", "60").start();
    }

    @AfterEach
    void tearDown() {
        sleeper.destroyForcibly();
    }

    private SavedState stateOf(int pid, long startTime, Path cgroup) {
        return new SavedState("c1", "/b", "/b/rootfs", pid, startTime, Instant.EPOCH, "",
                cgroup == null ? null : cgroup.toString(), Map.of());
    }

    private SavedState stateOfSleeper(Path cgroup) {
        int pid = (int) sleeper.pid();
        return stateOf(pid, StatusProbe.procStartTime(pid), cgroup);
    }

    @Test
    void aLiveInitIsRunning() {
        assertEquals(ContainerStatus.RUNNING, new StatusProbe(store).status(stateOfSleeper(null)));
    }

    @Test
    void anExecFifoMeansCreated() throws IOException {
        Files.createFile(store.execFifo("c1"));
        assertEquals(ContainerStatus.CREATED, new StatusProbe(store).status(stateOfSleeper(null)));
    }

    @Test
    void aFrozenCgroupMeansPaused() throws IOException {
        Path cgroup = Files.createDirectory(tmp.resolve("cg"));
        Files.writeString(cgroup.resolve("cgroup.freeze"), "1\n");
        assertEquals(ContainerStatus.PAUSED, new StatusProbe(store).status(stateOfSleeper(cgroup)));
        Files.createFile(store.execFifo("c1"));
        assertEquals(ContainerStatus.PAUSED, new StatusProbe(store).status(stateOfSleeper(cgroup)), "a paused created container");
        Files.writeString(cgroup.resolve("cgroup.freeze"), "0\n");
        assertEquals(ContainerStatus.CREATED, new StatusProbe(store).status(stateOfSleeper(cgroup)));
    }

    @Test
    void aDifferentStartTimeMeansThePidWasReused() {
        int pid = (int) sleeper.pid();
        SavedState reused = stateOf(pid, StatusProbe.procStartTime(pid) - 1, null);
        assertEquals(ContainerStatus.STOPPED, new StatusProbe(store).status(reused));
        assertEquals(false, StatusProbe.isInitAlive(reused));
    }

    @Test
    void anExitedInitIsStopped() throws InterruptedException, IOException {
        SavedState state = stateOfSleeper(null);
        Files.createFile(store.execFifo("c1"));
        sleeper.destroyForcibly().waitFor();
        assertEquals(ContainerStatus.STOPPED, new StatusProbe(store).status(state));
    }

    @Test
    void aZombieInitIsStopped() throws IOException, InterruptedException {
        // The background child exits after its parent became `sleep 60`, which never reaps it.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.2 & echo $!; exec sleep 60").start();
        try {
            int zombie = Integer.parseInt(new BufferedReader(new InputStreamReader(parent.getInputStream())).readLine());
            long startTime = StatusProbe.procStartTime(zombie);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!ProcStat.read(zombie).orElseThrow().isDead()) {
                assertTrue(System.nanoTime() < deadline, "child never became a zombie");
                Thread.sleep(10);
            }
            assertEquals(ContainerStatus.STOPPED, new StatusProbe(store).status(stateOf(zombie, startTime, null)));
        } finally {
            parent.destroyForcibly();
        }
    }
}
