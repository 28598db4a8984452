package dev.jrunc.container.lifecycle;

import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** {@code state} and {@code list}: containers with their current status. */
public final class ContainerInspector {
    private final StateStore store;
    private final StatusProbe probe;

    public ContainerInspector(StateStore store) {
        this.store = store;
        this.probe = new StatusProbe(store);
    }

    public ContainerView inspect(String id) {
        return view(store.require(id));
    }

    /** Every container with a readable state, ordered by id. */
    public List<ContainerView> list() {
        return store.list().stream().map(this::view).toList();
    }

    private ContainerView view(SavedState saved) {
        return new ContainerView(saved, probe.status(saved), configVersion(saved.id()));
    }

    /** runc reports the config's ociVersion; only that member of the config copy is read. */
    private String configVersion(String id) {
        try {
            return Json.parseObject(Files.readAllBytes(store.configCopy(id))).get("ociVersion") instanceof JsonValue.Str(String v)
                    ? v : null;
        } catch (IOException | IllegalArgumentException unreadable) {
            return null;
        }
    }
}
