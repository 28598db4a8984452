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

class ContainerStarterTest {
    @TempDir
    Path root;

    private static void mkfifo(Path path) {
        Files.mkfifoat(Files.AT_FDCWD, path.toString(), 0600);
    }

    @Test
    void releasesTheWaitingInitAndRemovesTheFifo() throws Exception {
        Path fifo = root.resolve("c1/exec.fifo");
        // Like the real init: hold the fifo read-write and block reading one byte.
        try (FakeContainer c = FakeContainer.start(root, "c1", "sh", "-c",
                "while [ ! -p \"$0\" ]; do sleep 0.01; done; exec 3<>\"$0\"; head -c1 <&3 >/dev/null", fifo.toString())) {
            mkfifo(fifo);
            Path fd3 = Path.of("/proc/" + c.init.pid() + "/fd/3");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!java.nio.file.Files.exists(fd3)) {
                assertTrue(System.nanoTime() < deadline, "the fake init never opened the fifo");
                Thread.sleep(10);
            }
            new ContainerStarter(c.store).start("c1");
            assertTrue(c.init.waitFor(5, TimeUnit.SECONDS));
            assertEquals(0, c.init.exitValue());
            assertFalse(java.nio.file.Files.exists(fifo));
        }
    }

    @Test
    void aFifoWithoutReaderMeansTheInitIsGone() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            mkfifo(c.store.execFifo("c1"));
            assertEquals("cannot start a container that has stopped", assertThrows(ContainerException.class,
                    () -> new ContainerStarter(c.store).start("c1")).getMessage());
        }
    }

    @Test
    void refusesRunningAndStoppedContainers() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            assertEquals("cannot start an already running container", assertThrows(ContainerException.class,
                    () -> new ContainerStarter(c.store).start("c1")).getMessage());
            mkfifo(c.store.execFifo("c1"));
            c.init.destroyForcibly().waitFor();
            assertEquals("cannot start a container that has stopped", assertThrows(ContainerException.class,
                    () -> new ContainerStarter(c.store).start("c1")).getMessage());
        }
    }

    @Test
    void aMissingContainerDoesNotExist() {
        assertEquals("container \"nope\" does not exist", assertThrows(ContainerException.class,
                () -> new ContainerStarter(new StateStore(root)).start("nope")).getMessage());
    }
}
