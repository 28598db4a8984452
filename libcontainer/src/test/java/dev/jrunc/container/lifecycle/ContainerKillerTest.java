package dev.jrunc.container.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Processes;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerKillerTest {
    @TempDir
    Path root;

    @Test
    void signalsTheInit() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            new ContainerKiller(c.store).kill("c1", Processes.SIGTERM, false);
            assertTrue(c.init.waitFor(5, TimeUnit.SECONDS));
            assertEquals(128 + Processes.SIGTERM, c.init.exitValue());
        }
    }

    @Test
    void aStoppedContainerIsNotRunning() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            c.init.destroyForcibly().waitFor();
            ContainerException e = assertThrows(ContainerException.class,
                    () -> new ContainerKiller(c.store).kill("c1", Processes.SIGKILL, false));
            assertEquals("container not running", e.getMessage());
            assertEquals(1, e.exitCode());
        }
    }

    @Test
    void killAllOfAStoppedContainerSucceeds() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            c.init.destroyForcibly().waitFor();
            new ContainerKiller(c.store).kill("c1", Processes.SIGKILL, true);
        }
    }

    @Test
    void killAllSignalsTheInitEvenWithoutACgroup() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            new ContainerKiller(c.store).kill("c1", Processes.SIGKILL, true);
            assertTrue(c.init.waitFor(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aReusedPidIsNeverSignalled() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            c.withReusedPid();
            assertEquals("container not running", assertThrows(ContainerException.class,
                    () -> new ContainerKiller(c.store).kill("c1", Processes.SIGKILL, false)).getMessage());
            new ContainerKiller(c.store).kill("c1", Processes.SIGKILL, true);
            assertFalse(c.init.waitFor(200, TimeUnit.MILLISECONDS));
            assertTrue(c.init.isAlive());
        }
    }

    @Test
    void aMissingContainerDoesNotExist() {
        assertEquals("container \"nope\" does not exist", assertThrows(ContainerException.class,
                () -> new ContainerKiller(new dev.jrunc.container.state.StateStore(root)).kill("nope", 9, false)).getMessage());
    }
}
