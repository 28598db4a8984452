package dev.jrunc.container.state;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Resources;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecReader;
import dev.jrunc.spec.SpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The cgroup resources a container runs with, as create applied them and each `update` changed
 * them: `update` merges its flags onto these, as runc merges onto the config in its state.json.
 * Kept as a resources document ({@code update --resources} format) beside the config copy.
 */
public final class AppliedResources {
    private static final Resources NONE = new Resources(null, null, null, null, null, null, null, null, null);

    private AppliedResources() {
    }

    public static void save(StateStore store, String id, Resources resources) {
        store.saveResources(id, SpecWriter.writeResources(resources == null ? NONE : resources));
    }

    /**
     * The container's current resources; for a container without the file (made before it was
     * kept), the {@code linux.resources} of its config copy.
     */
    public static Resources load(StateStore store, String id) {
        Path file = store.resourcesFile(id);
        try {
            return SpecReader.parseResources(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            Spec config = SpecReader.readConfig(store.configCopy(id));
            Resources resources = config.linux() == null ? null : config.linux().resources();
            return resources == null ? NONE : resources;
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read", file, e), e);
        }
    }
}
