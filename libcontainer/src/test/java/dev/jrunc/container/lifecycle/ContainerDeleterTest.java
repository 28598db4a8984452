package dev.jrunc.container.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.sys.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerDeleterTest {
    @TempDir
    Path root;

    @Test
    void aMissingContainerFailsUnlessForced() {
        StateStore store = new StateStore(root);
        ContainerException e = assertThrows(ContainerException.class, () -> new ContainerDeleter(store).delete("nope", false));
        assertEquals("container \"nope\" does not exist", e.getMessage());
        new ContainerDeleter(store).delete("nope", true);
    }

    @Test
    void aStoppedContainerIsRemoved() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            c.init.destroyForcibly().waitFor();
            new ContainerDeleter(c.store).delete("c1", false);
            assertFalse(c.store.exists("c1"));
        }
    }

    @Test
    void aRunningContainerNeedsForce() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            ContainerException e = assertThrows(ContainerException.class, () -> new ContainerDeleter(c.store).delete("c1", false));
            assertEquals("cannot delete container c1 that is not stopped: running", e.getMessage());
            assertTrue(c.init.isAlive());
            assertTrue(c.store.exists("c1"));

            new ContainerDeleter(c.store).delete("c1", true);
            assertTrue(c.init.waitFor(5, TimeUnit.SECONDS));
            assertEquals(128 + 9, c.init.exitValue());
            assertFalse(c.store.exists("c1"));
        }
    }

    @Test
    void aCreatedContainerIsKilledAndRemoved() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            Files.mkfifoat(Files.AT_FDCWD, c.store.execFifo("c1").toString(), 0600);
            new ContainerDeleter(c.store).delete("c1", false);
            assertTrue(c.init.waitFor(5, TimeUnit.SECONDS));
            assertFalse(c.store.exists("c1"));
        }
    }

    @Test
    void aReusedPidIsStoppedAndNotKilled() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            c.withReusedPid();
            new ContainerDeleter(c.store).delete("c1", true);
            assertFalse(c.store.exists("c1"));
            assertTrue(c.init.isAlive());
        }
    }

    @Test
    void whatACrashedCreateLeftIsCleanedUp() throws Exception {
        StateStore store = new StateStore(root);
        store.reserve("half");
        Files.mkfifoat(Files.AT_FDCWD, store.execFifo("half").toString(), 0600);
        java.nio.file.Files.writeString(store.configCopy("half"),
                "{\"ociVersion\":\"1.3.0\",\"linux\":{\"cgroupsPath\":\"/jrunc-no-such-cgroup/half\"}}");
        assertEquals("container \"half\" does not exist", assertThrows(ContainerException.class,
                () -> new ContainerDeleter(store).delete("half", false)).getMessage());
        assertFalse(store.exists("half"));

        store.reserve("half2");
        new ContainerDeleter(store).delete("half2", true);
        assertFalse(store.exists("half2"));
    }

    @Test
    void anUnreadableStateIsRemovedWithForce() throws Exception {
        StateStore store = new StateStore(root);
        store.reserve("bad");
        java.nio.file.Files.writeString(store.dir("bad").resolve("state.json"), "{");
        assertThrows(ContainerException.class, () -> new ContainerDeleter(store).delete("bad", false));
        assertTrue(store.exists("bad"));
        new ContainerDeleter(store).delete("bad", true);
        assertFalse(store.exists("bad"));
    }

    @Test
    void deleteIsIdempotentWithForce() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            new ContainerDeleter(c.store).delete("c1", true);
            new ContainerDeleter(c.store).delete("c1", true);
            assertFalse(c.store.exists("c1"));
        }
    }
}
