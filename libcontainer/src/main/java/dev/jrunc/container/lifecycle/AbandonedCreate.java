package dev.jrunc.container.lifecycle;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupV2Manager;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonValue;
import dev.jrunc.sys.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A state directory without state.json: a create that crashed (or is still running). Its cgroup
 * is not recorded anywhere, so it is found again from the config copy create made, resolved the
 * way create resolves it, and only when no saved container claims the same cgroup.
 */
final class AbandonedCreate {
    private final StateStore store;
    private final String id;

    AbandonedCreate(StateStore store, String id) {
        this.store = store;
        this.id = id;
    }

    /** Kills what is left in the container's cgroup, removes the cgroup and the state directory. */
    void cleanUp() {
        cgroup().ifPresent(cgroup -> {
            cgroup.killAll(Processes.SIGKILL);
            cgroup.destroy();
        });
        store.remove(id);
    }

    private Optional<CgroupV2Manager> cgroup() {
        Path config = store.configCopy(id);
        if (!Files.isRegularFile(config)) {
            // create crashed before copying the config: it had not made a cgroup yet either
            return Optional.empty();
        }
        CgroupV2Manager cgroup;
        try {
            cgroup = CgroupV2Manager.forContainer(cgroupsPath(config), id);
        } catch (ContainerException | IllegalArgumentException | IOException unusable) {
            return Optional.empty();
        }
        if (!cgroup.exists()) {
            return Optional.empty();
        }
        String dir = cgroup.path().toString();
        for (SavedState other : store.list()) {
            if (dir.equals(other.cgroupPath())) {
                return Optional.empty();
            }
        }
        return Optional.of(cgroup);
    }

    private static String cgroupsPath(Path config) throws IOException {
        JsonValue.Obj spec = Json.parseObject(Files.readAllBytes(config));
        if (spec.get("linux") instanceof JsonValue.Obj linux && linux.get("cgroupsPath") instanceof JsonValue.Str(String path)) {
            return path;
        }
        return null;
    }
}
