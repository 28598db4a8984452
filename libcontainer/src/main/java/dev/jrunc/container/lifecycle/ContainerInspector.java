package dev.jrunc.container.lifecycle;

import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
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
        var saved = store.require(id);
        return new ContainerView(saved, probe.status(saved));
    }

    /** Every container with a readable state, ordered by id. */
    public List<ContainerView> list() {
        return store.list().stream().map(saved -> new ContainerView(saved, probe.status(saved))).toList();
    }
}
