package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jrunc.it.harness.Cgroups;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code events} as containerd's go-runc calls it ({@code events --stats ID}, and the stream
 * without it), on real containers. What a stats object holds depends on the controllers enabled
 * for the container's cgroup, so each part is checked against the cgroup's own files.
 */
class EventsTest extends ContainerTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STATS_MEMBERS = List.of("cpu", "cpuset", "memory", "pids", "blkio", "hugetlb",
            "intel_rdt", "network_interfaces");

    private String runningContainer() {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, newBundle().shell("sleep 600 & exec sleep 600"), workspace.path("init.pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        return id;
    }

    private Path cgroupOf(String id) {
        return Cgroups.ofThisHost().directoryOf(runtime.stateOf(id).pid(), "hugetlb");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return fail("not JSON: " + line, e);
        }
    }

    private static JsonNode statsData(String line, String id) {
        JsonNode event = parse(line);
        assertEquals("stats", event.path("type").asText(), line);
        assertEquals(id, event.path("id").asText(), line);
        JsonNode data = event.path("data");
        List<String> members = new ArrayList<>();
        data.fieldNames().forEachRemaining(members::add);
        assertEquals(STATS_MEMBERS, members, line);
        return data;
    }

    @Test
    void statsOfARunningContainerHoldWhatItsCgroupHas() throws IOException {
        String id = runningContainer();
        Path cgroup = cgroupOf(id);

        RuntimeResult events = runtime.invoke("events", "--stats", id);

        assertEquals(0, events.exitCode(), events::describe);
        List<String> lines = events.stdout().lines().toList();
        assertEquals(1, lines.size(), events::describe);
        JsonNode data = statsData(lines.getFirst(), id);

        // cpu.stat exists without the cpu controller; the shell that started the sleeps used some.
        assertTrue(data.path("cpu").path("usage").path("total").asLong() > 0, lines::getFirst);
        // The init and its background sleep: pids.current with the pids controller, else cgroup.procs.
        assertEquals(2, data.path("pids").path("current").asLong(), lines::getFirst);
        if (Files.exists(cgroup.resolve("pids.max"))) {
            String max = Cgroups.readValue(cgroup.resolve("pids.max"));
            assertEquals(max.equals("max") ? 0 : Long.parseLong(max), data.path("pids").path("limit").asLong());
        }
        if (Files.exists(cgroup.resolve("memory.current"))) {
            assertTrue(data.path("memory").path("usage").path("usage").asLong() > 0, lines::getFirst);
            assertTrue(data.path("memory").path("raw").has("anon"), lines::getFirst);
        } else {
            assertTrue(data.path("memory").path("usage").isMissingNode(), lines::getFirst);
        }
        // One member per huge page size of the host exactly when the hugetlb controller is enabled.
        List<String> expectedSizes = new ArrayList<>();
        try (Stream<Path> files = Files.list(cgroup)) {
            files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith("hugetlb.") && name.endsWith(".events") && !name.contains(".events.local"))
                    .map(name -> name.substring("hugetlb.".length(), name.length() - ".events".length()))
                    .sorted()
                    .forEach(expectedSizes::add);
        }
        List<String> sizes = new ArrayList<>();
        data.path("hugetlb").fieldNames().forEachRemaining(sizes::add);
        assertEquals(expectedSizes, sizes, lines::getFirst);
        data.path("hugetlb").forEach(size -> assertTrue(size.has("failcnt"), lines::getFirst));
        assertTrue(data.path("network_interfaces").isNull(), lines::getFirst);
    }

    @Test
    void aMissingContainerFailsAsInRunc() {
        for (String[] args : List.of(new String[] {"events", "--stats", "jrunc-it-no-such-container"},
                new String[] {"events", "jrunc-it-no-such-container"})) {
            RuntimeResult events = runtime.invoke(args);
            assertEquals(1, events.exitCode(), events::describe);
            assertEquals("", events.stdout(), events::describe);
            assertTrue(events.mentions("does not exist"), events::describe);
        }
    }

    @Test
    void aStoppedContainerIsNotRunning() {
        String id = runtime.newContainerId();
        RuntimeResult run = runtime.run(id, newBundle().args("true"), "--detach");
        assertEquals(0, run.exitCode(), run::describe);
        runtime.awaitStatus(id, "stopped", Duration.ofSeconds(30));

        RuntimeResult events = runtime.invoke("events", "--stats", id);

        assertEquals(1, events.exitCode(), events::describe);
        assertTrue(events.mentions("container with id " + id + " is not running"), events::describe);
    }

    @Test
    void theStreamReportsEveryIntervalAndEndsWhenTheContainerIsKilled() throws Exception {
        String id = runningContainer();
        Path out = workspace.path("events.out");
        Process events = new ProcessBuilder(runtime.commandLine("events", "--interval", "200ms", id))
                .redirectOutput(out.toFile())
                .redirectError(workspace.path("events.err").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines(out).size() < 2) {
                assertTrue(events.isAlive(), () -> "events ended before the container: " + read(out) + read(workspace.path("events.err")));
                assertTrue(System.nanoTime() < deadline, () -> "fewer than two stats lines in 30s: " + read(out));
                Thread.sleep(50);
            }

            RuntimeResult kill = runtime.kill(id, "KILL");
            assertEquals(0, kill.exitCode(), kill::describe);

            assertTrue(events.waitFor(30, TimeUnit.SECONDS), "events still running 30s after the container was killed");
            assertEquals(0, events.exitValue(), () -> read(workspace.path("events.err")));
            List<String> lines = lines(out);
            for (String line : lines) {
                statsData(line, id);
            }
        } finally {
            events.destroyForcibly();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        // Only whole lines: the runtime may be half way through writing the next.
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end + 1).lines().toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
