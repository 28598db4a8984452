package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.Leftovers;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A create killed half way (the runtime crashed) leaves nothing that delete --force cannot clean. */
class CrashRecoveryTest extends ContainerTestSupport {
    private static final int ATTEMPTS = 8;

    @Test
    void deleteForceCleansUpAfterACreateKilledHalfWay() throws Exception {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String id = runtime.newContainerId();
            TestBundle bundle = newBundle().args("sleep", "600");
            ((ObjectNode) bundle.config().get("linux")).put("cgroupsPath", "/" + id);
            Path dir = bundle.write();
            Process create = new ProcessBuilder(runtime.commandLine("create", "--bundle", dir.toString(), id))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // The cgroup appears once create has validated everything and starts the helper:
            // from then on, state, a cgroup and processes exist.
            while (create.isAlive() && Leftovers.cgroupsNamed(id).isEmpty()) {
                Thread.onSpinWait();
            }
            create.destroyForcibly();
            create.waitFor(30, TimeUnit.SECONDS);
            if (create.exitValue() == 0) {
                continue; // create finished before the kill; try again
            }
            assertTrue(Files.exists(runtime.stateRoot().resolve(id)), "a state directory should be left by the crash");

            RuntimeResult delete = runtime.deleteForce(id);

            assertEquals(0, delete.exitCode(), delete::describe);
            assertFalse(Files.exists(runtime.stateRoot().resolve(id)), "state directory left behind");
            // The helper and the init exit when the killed JVM's end of their socket closes;
            // the cgroup can only be removed once they are gone.
            assertEquals(List.of(), Leftovers.cgroupsNamed(id), "cgroup left behind");
            return;
        }
        throw new AssertionError("create finished before it could be killed in " + ATTEMPTS + " attempts");
    }
}
