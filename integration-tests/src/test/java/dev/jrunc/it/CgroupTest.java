package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.Cgroups;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.Leftovers;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * linux.cgroupsPath, checked from the host the way engines read it: the shim and conmon open the
 * container's cgroup files themselves. Resource limits and `update` are exercised with the cgroup
 * v2 work, for real inside a pure cgroup v2 VM.
 */
class CgroupTest extends ContainerTestSupport {

    @Test
    void theInitIsInCgroupsPathOfTheUnifiedHierarchyWhenCreateReturns() {
        String id = runtime.newContainerId();
        long pid = runtime.createSuccessfully(id, inCgroup(newBundle(), id).args("sleep", "600"),
                workspace.path("init.pid"));

        // jrunc manages cgroup v2 only (on hybrid hosts: the unified hierarchy); engines find
        // the cgroup from the init's /proc/PID/cgroup "0::" line.
        Map<String, String> membership = Cgroups.membership(pid);

        assertEquals("/" + id, membership.get(""), () -> "cgroup v2 membership in " + membership);
    }

    @Test
    void deleteRemovesTheCgroups() {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, inCgroup(newBundle(), id).args("sleep", "600"), workspace.path("init.pid"));
        assertFalse(Leftovers.cgroupsNamed(id).isEmpty(), "no cgroup named " + id + " was created");

        RuntimeResult delete = runtime.deleteForce(id);

        assertEquals(0, delete.exitCode(), delete::describe);
        assertEquals(List.of(), Leftovers.cgroupsNamed(id));
    }

    @Test
    void theCgroupHoldsOnlyTheContainersProcessesBornThere() throws Exception {
        String id = runtime.newContainerId();
        long pid = runtime.createSuccessfully(id, inCgroup(newBundle(), id).args("sleep", "600"),
                workspace.path("init.pid"));
        Path dir = Cgroups.ofThisHost().v2DirectoryOf(pid);

        // Once create returns only the init is there: no runtime process stayed behind.
        assertEquals(List.of(Long.toString(pid)), Files.readAllLines(dir.resolve("cgroup.procs")));

        // The cgroup namespace (the template's) is rooted at the container's cgroup: the init and
        // an exec'd process both see themselves at its root.
        RuntimeResult exec = runtime.invoke("exec", id, "cat", "/proc/1/cgroup", "/proc/self/cgroup");
        assertEquals(0, exec.exitCode(), exec::describe);
        assertEquals(List.of("0::/", "0::/"), exec.stdout().lines().filter(l -> l.startsWith("0::")).toList(),
                exec::describe);
        assertEquals(List.of(Long.toString(pid)), Files.readAllLines(dir.resolve("cgroup.procs")),
                "the exec'd process has gone, and no helper stayed behind");
    }

    private static TestBundle inCgroup(TestBundle bundle, String id) {
        ((ObjectNode) bundle.config().get("linux")).put("cgroupsPath", "/" + id);
        return bundle;
    }
}
