package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.Cgroups;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.Leftovers;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * linux.resources and `update` on this host's cgroup v2 hierarchy, checked from the host as
 * engines read it. What a host's hierarchy lacks is skipped with the reason; memory, pids and cpu
 * limits are checked for real by tests/vm/run in a pure cgroup v2 VM.
 */
class ResourcesTest extends ContainerTestSupport {
    private static final long TWO_MB = 2L << 20;

    @Test
    void aHugetlbLimitIsInTheCgroupWhenCreateReturns() {
        assumeHugetlb();
        String id = runtime.newContainerId();
        long pid = runtime.createSuccessfully(id, withHugetlb(sleeping(id), 4 * TWO_MB), workspace.path("init.pid"));

        Path cgroup = Cgroups.ofThisHost().directoryOf(pid, "");
        assertEquals(Long.toString(4 * TWO_MB), Cgroups.readValue(cgroup.resolve("hugetlb.2MB.max")));
        assertEquals(Long.toString(4 * TWO_MB), Cgroups.readValue(cgroup.resolve("hugetlb.2MB.rsvd.max")));
    }

    @Test
    void aLimitOfAControllerTheHierarchyLacksFailsCreateNamingItAndLeavesNothing() {
        List<String> available = availableControllers();
        String missing = available.contains("memory") ? available.contains("pids") ? null : "pids" : "memory";
        assumeTrue(missing != null, "the cgroup v2 hierarchy at " + v2Root() + " has both memory and pids; "
                + "the refusal of a missing controller needs a host that lacks one");
        String id = runtime.newContainerId();
        TestBundle bundle = sleeping(id);
        ObjectNode resources = ((ObjectNode) bundle.config().get("linux")).putObject("resources");
        if (missing.equals("memory")) {
            resources.putObject("memory").put("limit", 16L << 20);
        } else {
            resources.putObject("pids").put("limit", 16);
        }

        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));

        assertEquals(1, create.exitCode(), create::describe);
        assertTrue(create.mentions("linux.resources." + missing + ": the " + missing
                + " controller is not available in the cgroup v2 hierarchy at " + v2Root()), create::describe);
        assertEquals(List.of(), Leftovers.cgroupsNamed(id));
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)), "state directory left behind");
        assertEquals(List.of(), Leftovers.processesMentioning(id));
    }

    @Test
    void updateChangesTheHugetlbLimitAndKeepsWhatItWasNotGiven() {
        assumeHugetlb();
        String id = runtime.newContainerId();
        long pid = runtime.createSuccessfully(id, withHugetlb(sleeping(id), 4 * TWO_MB), workspace.path("init.pid"));
        Path max = Cgroups.ofThisHost().directoryOf(pid, "").resolve("hugetlb.2MB.max");

        RuntimeResult structured = update(id, "{\"hugepageLimits\": [{\"pageSize\": \"2MB\", \"limit\": "
                + 8 * TWO_MB + "}]}");
        assertEquals(0, structured.exitCode(), structured::describe);
        assertEquals(Long.toString(8 * TWO_MB), Cgroups.readValue(max));

        RuntimeResult unified = update(id, "{\"unified\": {\"hugetlb.2MB.max\": \"" + TWO_MB + "\"}}");
        assertEquals(0, unified.exitCode(), unified::describe);
        assertEquals(Long.toString(TWO_MB), Cgroups.readValue(max));
        assertEquals("created", runtime.stateOf(id).status());
    }

    @Test
    void anUpdateTheHierarchyCannotApplyFailsAndChangesNothing() {
        assumeHugetlb();
        assumeTrue(!availableControllers().contains("memory"), "the cgroup v2 hierarchy at " + v2Root()
                + " has the memory controller; this checks the refusal on a host without it");
        String id = runtime.newContainerId();
        long pid = runtime.createSuccessfully(id, withHugetlb(sleeping(id), 4 * TWO_MB), workspace.path("init.pid"));
        Path max = Cgroups.ofThisHost().directoryOf(pid, "").resolve("hugetlb.2MB.max");

        RuntimeResult update = runtime.invoke("update", "--memory", "16m", id);

        assertEquals(1, update.exitCode(), update::describe);
        assertTrue(update.mentions("linux.resources.memory: the memory controller is not available"), update::describe);
        assertEquals(Long.toString(4 * TWO_MB), Cgroups.readValue(max));
    }

    @Test
    void updateOfAMissingContainerFails() {
        String id = runtime.newContainerId();

        RuntimeResult update = runtime.invoke("update", "--pids-limit", "10", id);

        assertEquals(1, update.exitCode(), update::describe);
        assertTrue(update.mentions("container \"" + id + "\" does not exist"), update::describe);
    }

    @Test
    void updateOfAStoppedContainerIsNotRunning() {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, inOwnCgroup(newBundle(), id).args("true"), workspace.path("init.pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        runtime.awaitStatus(id, "stopped", Duration.ofSeconds(20));

        RuntimeResult update = runtime.invoke("update", "--pids-limit", "10", id);

        assertEquals(1, update.exitCode(), update::describe);
        assertTrue(update.mentions("container not running"), update::describe);
    }

    private RuntimeResult update(String id, String json) {
        Path file = workspace.path("resources-" + System.nanoTime() + ".json");
        try {
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runtime.invoke("update", "--resources", file.toString(), id);
    }

    private TestBundle sleeping(String id) {
        return inOwnCgroup(newBundle(), id).args("sleep", "600");
    }

    private static TestBundle inOwnCgroup(TestBundle bundle, String id) {
        ((ObjectNode) bundle.config().get("linux")).put("cgroupsPath", "/" + id);
        return bundle;
    }

    private static TestBundle withHugetlb(TestBundle bundle, long limit) {
        ((ObjectNode) bundle.config().get("linux")).putObject("resources").putArray("hugepageLimits").addObject()
                .put("pageSize", "2MB").put("limit", limit);
        return bundle;
    }

    private static void assumeHugetlb() {
        assumeTrue(availableControllers().contains("hugetlb"), "the cgroup v2 hierarchy at " + v2Root()
                + " has no hugetlb controller (available: " + availableControllers() + ")");
        assumeTrue(Files.isDirectory(Path.of("/sys/kernel/mm/hugepages/hugepages-2048kB")),
                "this kernel has no 2MB huge pages");
    }

    private static Path v2Root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] parts = line.split(" - ", 2);
                if (parts.length == 2 && parts[1].startsWith("cgroup2 ")) {
                    return Path.of(parts[0].split(" ")[4]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no cgroup2 mount");
    }

    private static List<String> availableControllers() {
        String text = Cgroups.readValue(v2Root().resolve("cgroup.controllers"));
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
    }
}
