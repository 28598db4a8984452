package dev.jrunc.container.lifecycle;

import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A hand-made container for lifecycle tests: a state directory whose "init" is an ordinary
 * child process of the test, with no namespaces and no cgroup.
 */
final class FakeContainer implements AutoCloseable {
    final StateStore store;
    final String id;
    final Process init;
    final SavedState state;

    private FakeContainer(StateStore store, String id, Process init, long startTime) {
        this.store = store;
        this.id = id;
        this.init = init;
        this.state = new SavedState(id, "/bundle/" + id, "/bundle/" + id + "/rootfs", (int) init.pid(), startTime,
                Instant.parse("2024-05-01T10:20:30Z"), "", null, Map.of());
    }

    /** A container whose init runs {@code command}, saved in {@code root}. */
    static FakeContainer start(Path root, String id, String... command) throws IOException {
        Process p = new ProcessBuilder(command).start();
        FakeContainer c = new FakeContainer(new StateStore(root), id, p, StatusProbe.procStartTime((int) p.pid()));
        c.store.reserve(id);
        c.store.save(c.state);
        return c;
    }

    static FakeContainer sleeping(Path root, String id) throws IOException {
        return start(root, id, "sleep", "60");
    }

    /** The same container, but saved with a start time its pid does not have: the pid was reused. */
    SavedState withReusedPid() {
        SavedState reused = new SavedState(id, state.bundle(), state.rootfs(), state.initPid(), state.initStartTime() + 1,
                state.created(), "", null, Map.of());
        store.save(reused);
        return reused;
    }

    @Override
    public void close() throws InterruptedException {
        init.destroyForcibly().waitFor();
    }
}
