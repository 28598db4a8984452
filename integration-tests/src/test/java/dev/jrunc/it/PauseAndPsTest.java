package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.RuntimeUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pause, resume and ps, as containerd calls them. */
class PauseAndPsTest extends ContainerTestSupport {

    private static final long QUIET_MILLIS = 600;

    @Test
    void pauseFreezesTheContainerAndResumeThawsIt() throws Exception {
        String id = runtime.newContainerId();
        RuntimeResult create = runtime.create(id, newBundle().shell("while :; do echo tick; sleep 0.1; done"),
                workspace.path("init.pid"));
        assertEquals(0, create.exitCode(), create::describe);
        Path output = create.command().stdoutFile();
        assertEquals(0, runtime.start(id).exitCode());

        RuntimeResult pause = runtime.invoke("pause", id);
        assertEquals(0, pause.exitCode(), pause::describe);
        assertEquals("paused", runtime.stateOf(id).status());
        long frozenSize = Files.size(output);
        Thread.sleep(QUIET_MILLIS);
        assertEquals(frozenSize, Files.size(output), "a paused container kept printing");

        RuntimeResult resume = runtime.invoke("resume", id);
        assertEquals(0, resume.exitCode(), resume::describe);
        assertEquals("running", runtime.stateOf(id).status());
        Thread.sleep(QUIET_MILLIS);
        assertTrue(Files.size(output) > frozenSize, "a resumed container printed nothing");
    }

    @Test
    void psListsTheHostPidsInTheContainer() {
        String id = runtime.newContainerId();
        long init = runtime.createSuccessfully(id, newBundle().shell("sleep 600 & exec sleep 600"),
                workspace.path("init.pid"));
        assertEquals(0, runtime.start(id).exitCode());

        RuntimeResult ps = runtime.invoke("ps", "--format", "json", id);

        assertEquals(0, ps.exitCode(), ps::describe);
        JsonNode array = RuntimeUnderTest.parseJson(ps);
        assertTrue(array.isArray(), ps::describe);
        List<Long> pids = new ArrayList<>();
        array.forEach(pid -> pids.add(pid.asLong()));
        assertTrue(pids.contains(init), () -> "no init " + init + " in " + pids);
        assertEquals(2, pids.size(), () -> "expected the init and its background sleep: " + pids);
    }
}
