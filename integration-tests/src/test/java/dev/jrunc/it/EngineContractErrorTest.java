package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.it.harness.ChildReaper;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.ProcFs;
import dev.jrunc.it.harness.RuntimeResult;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The exit codes and error phrases of the engine contract (section 4 of engine-contract.md):
 * containerd and podman decide what happened from them.
 */
class EngineContractErrorTest extends ContainerTestSupport {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void createWithADuplicateIdFails() {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("first.pid"));

        RuntimeResult again = runtime.create(id, newBundle().args("sleep", "600"), workspace.path("second.pid"));

        assertEquals(1, again.exitCode(), again::describe);
        assertFalse(Files.exists(workspace.path("second.pid")), "the failed create wrote a pid file");
        assertEquals("created", runtime.stateOf(id).status(), "the first container must be untouched");
    }

    @Test
    void startOfARunningContainerFails() {
        String id = runningContainer();

        RuntimeResult start = runtime.start(id);

        assertEquals(1, start.exitCode(), start::describe);
        assertEquals("running", runtime.stateOf(id).status());
    }

    @Test
    void deleteOfARunningContainerWithoutForceFails() {
        String id = runningContainer();

        RuntimeResult delete = runtime.delete(id);

        assertEquals(1, delete.exitCode(), delete::describe);
        assertEquals("running", runtime.stateOf(id).status(), "the container must survive");
    }

    @Test
    void deleteForceOfARunningContainerKillsAndRemovesIt() {
        String id = runtime.newContainerId();
        long pid = runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));
        assertEquals(0, runtime.start(id).exitCode());

        RuntimeResult delete = runtime.deleteForce(id);

        assertEquals(0, delete.exitCode(), delete::describe);
        assertEquals(1, runtime.state(id).exitCode(), "state after delete --force");
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)), "state directory left");
        ChildReaper.instance().awaitExit(pid, EXIT_TIMEOUT);
        assertFalse(ProcFs.isLive(pid), "the init " + pid + " survived delete --force");
    }

    @Test
    void deleteForceOfAMissingContainerSucceeds() {
        RuntimeResult delete = runtime.deleteForce(runtime.newContainerId());

        assertEquals(0, delete.exitCode(), delete::describe);
    }

    @Test
    void deleteOfAMissingContainerSaysItDoesNotExist() {
        RuntimeResult delete = runtime.delete(runtime.newContainerId());

        assertEquals(1, delete.exitCode(), delete::describe);
        assertTrue(delete.mentions("does not exist"), delete::describe);
    }

    @Test
    void killOfAStoppedContainerSaysItIsNotRunning() {
        String id = stoppedContainer();

        RuntimeResult kill = runtime.kill(id, "9");

        assertEquals(1, kill.exitCode(), kill::describe);
        assertTrue(kill.mentions("container not running"), kill::describe);
    }

    @Test
    void killAllOfAStoppedContainerSucceeds() {
        String id = stoppedContainer();

        RuntimeResult kill = runtime.killAll(id, "9");

        assertEquals(0, kill.exitCode(), kill::describe);
    }

    @Test
    void killOfAMissingContainerSaysItDoesNotExist() {
        RuntimeResult kill = runtime.kill(runtime.newContainerId(), "9");

        assertEquals(1, kill.exitCode(), kill::describe);
        assertTrue(kill.mentions("does not exist"), kill::describe);
    }

    @Test
    void stateOfAMissingContainerFails() {
        RuntimeResult state = runtime.state(runtime.newContainerId());

        assertEquals(1, state.exitCode(), state::describe);
        assertTrue(state.mentions("does not exist"), state::describe);
    }

    @Test
    void errorsAreLoggedAsJsonErrorLines() {
        RuntimeResult delete = runtime.delete(runtime.newContainerId());

        assertEquals(1, delete.exitCode(), delete::describe);
        assertEquals(1, delete.logErrorMessages().size(), delete::describe);
    }

    private String runningContainer() {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path(id + ".pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        return id;
    }

    private String stoppedContainer() {
        String id = runtime.newContainerId();
        long pid = runtime.createSuccessfully(id, newBundle().args("true"), workspace.path(id + ".pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        ChildReaper.instance().awaitExit(pid, EXIT_TIMEOUT);
        runtime.awaitStatus(id, "stopped", EXIT_TIMEOUT);
        return id;
    }
}
