package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code events} on a hand-made container: a sleep as its init and, as its cgroup, a directory
 * of plain files shaped like a cgroup without controllers (inotify reports writes to plain files
 * as cgroupfs reports its changes). Real cgroups are the integration tests' part.
 */
class EventsCommandTest {
    @TempDir
    Path tmp;
    private Process init;
    private Path cgroup;

    private String root() {
        return tmp.resolve("root").toString();
    }

    @BeforeEach
    void container() throws IOException {
        init = new ProcessBuilder("sleep", "60").start();
        int pid = (int) init.pid();
        cgroup = Files.createDirectories(tmp.resolve("cgroup/c1"));
        Files.writeString(cgroup.resolve("cgroup.procs"), pid + "\n");
        Files.writeString(cgroup.resolve("cgroup.events"), "populated 1\nfrozen 0\n");
        Files.writeString(cgroup.resolve("cpu.stat"), "usage_usec 2261\nuser_usec 2261\nsystem_usec 0\nnice_usec 0\n");
        StateStore store = new StateStore(tmp.resolve("root"));
        store.reserve("c1");
        store.save(new SavedState("c1", "/b", "/b/rootfs", pid, StatusProbe.procStartTime(pid),
                Instant.parse("2024-05-01T10:20:30.5Z"), "", cgroup.toString(), Map.of()));
    }

    @AfterEach
    void stopInit() {
        init.destroyForcibly();
    }

    @Test
    void statsPrintsOneEventAndExits() {
        CliRun r = CliRun.of("--root", root(), "events", "--stats", "c1");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        JsonValue.Obj event = Json.parseObject(lines.getFirst());
        assertEquals(new JsonValue.Str("stats"), event.get("type"));
        assertEquals(new JsonValue.Str("c1"), event.get("id"));
        JsonValue.Obj data = (JsonValue.Obj) event.get("data");
        assertEquals(Json.parse("{\"current\":1}"), data.get("pids"));
        assertEquals(Json.parse("{\"usage\":{\"total\":2261000,\"kernel\":0,\"user\":2261000}}"), data.get("cpu"));
    }

    @Test
    void followingPrintsEveryIntervalUntilTheCgroupEmpties() throws Exception {
        CompletableFuture<CliRun> events = CompletableFuture.supplyAsync(
                () -> CliRun.of("--root", root(), "events", "--interval", "50ms", "c1"));
        Thread.sleep(600);
        assertFalse(events.isDone(), () -> "ended early: " + events.join());
        Files.writeString(cgroup.resolve("cgroup.events"), "populated 0\nfrozen 0\n");

        CliRun r = events.get(10, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.size() >= 2, r.out());
        for (String line : lines) {
            assertTrue(line.startsWith("{\"type\":\"stats\",\"id\":\"c1\",\"data\":{\"cpu\":"), line);
        }
    }

    @Test
    void errorsInRuncsOrderAndWording() throws Exception {
        assertEquals(new CliRun(1, "", "invalid value \"abc\" for flag -interval: parse error\n"),
                CliRun.of("--root", root(), "events", "--interval", "abc"));
        assertEquals(new CliRun(1, "", "jrunc: \"events\" requires exactly 1 argument(s)\n"),
                CliRun.of("--root", root(), "events", "c1", "c2"));
        assertEquals(new CliRun(1, "", "container \"nope\" does not exist\n"),
                CliRun.of("--root", root(), "events", "--interval", "0", "nope"));
        assertEquals(new CliRun(1, "", "duration interval must be greater than 0\n"),
                CliRun.of("--root", root(), "events", "--interval", "-1s", "c1"));

        init.destroyForcibly().waitFor();
        assertEquals(new CliRun(1, "", "container with id c1 is not running\n"),
                CliRun.of("--root", root(), "events", "--stats", "c1"));
        assertEquals(new CliRun(1, "", "container with id c1 is not running\n"),
                CliRun.of("--root", root(), "events", "c1"));
    }

    @Test
    void anUnreadableCgroupFailsStatsWithRuncsWrapping() throws IOException {
        Files.writeString(cgroup.resolve("cpu.stat"), "usage_usec\n");
        CliRun r = CliRun.of("--root", root(), "events", "--stats", "c1");
        assertEquals(new CliRun(1, "", "unable to get container cgroup stats: error while statting cgroup v2: "
                + "[unable to parse " + cgroup.resolve("cpu.stat") + ": line \"usage_usec\" is not in \"key value\" format]\n"), r);
    }
}
