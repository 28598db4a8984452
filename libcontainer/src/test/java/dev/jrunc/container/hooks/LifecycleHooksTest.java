package dev.jrunc.container.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.spec.Hooks;
import dev.jrunc.spec.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleHooksTest {
    @TempDir
    Path root;

    private StateStore storeWithConfig(String json) throws Exception {
        StateStore store = new StateStore(root);
        store.reserve("c1");
        if (json != null) {
            Files.writeString(store.configCopy("c1"), json);
        }
        return store;
    }

    @Test
    void aMissingConfigCopyOrOneWithoutHooksHasNone() throws Exception {
        assertEquals(Optional.empty(), LifecycleHooks.loadIfAny(storeWithConfig(null), "c1"));
        Files.writeString(new StateStore(root).configCopy("c1"), "{\"ociVersion\":\"1.3.0\"}");
        assertEquals(Optional.empty(), LifecycleHooks.loadIfAny(new StateStore(root), "c1"));
    }

    @Test
    void readsTheHooksOfTheConfigCopy() throws Exception {
        StateStore store = storeWithConfig("{\"ociVersion\":\"1.2.0\",\"hooks\":{\"poststop\":[{\"path\":\"/bin/true\"}]}}");
        LifecycleHooks h = LifecycleHooks.loadIfAny(store, "c1").orElseThrow();
        assertEquals("1.2.0", h.ociVersion());
        assertTrue(h.has(Hooks::poststop));
        assertFalse(h.has(Hooks::poststart));
    }

    @Test
    void anEscapedKeyIsStillParsed() throws Exception {
        StateStore store = storeWithConfig("{\"ociVersion\":\"1.3.0\",\"\\u0068ooks\":{\"poststart\":[{\"path\":\"/bin/true\"}]}}");
        assertTrue(LifecycleHooks.loadIfAny(store, "c1").orElseThrow().has(Hooks::poststart));
    }

    @Test
    void aStoppedContainersStateHasNoPid() {
        LifecycleHooks h = LifecycleHooks.of(new dev.jrunc.spec.Spec("1.3.0", null, null, null, null, null, null, null,
                null));
        SavedState saved = new SavedState("c1", "/b", "/b/rootfs", 42, 1L, Instant.EPOCH, "", "", Map.of("a", "b"));
        assertEquals(new State("1.3.0", "c1", ContainerStatus.STOPPED, 0, "/b", Map.of("a", "b")),
                h.state(saved, ContainerStatus.STOPPED));
        assertEquals(42, h.state(saved, ContainerStatus.RUNNING).pid());
    }
}
