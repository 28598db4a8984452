package dev.jrunc.container.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.spec.HugepageLimit;
import dev.jrunc.spec.InvalidSpecException;
import dev.jrunc.spec.Memory;
import dev.jrunc.spec.Pids;
import dev.jrunc.spec.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resources `update` merges onto: kept beside the config copy, read back as written. */
class AppliedResourcesTest {
    @TempDir
    Path tmp;

    @Test
    void whatIsSavedIsLoadedBack() throws IOException {
        StateStore store = new StateStore(tmp);
        store.reserve("c1");
        Resources r = new Resources(null, new Memory(1L << 24, null, -1L, null, null, null, null, null, null), null,
                new Pids(16L), null, List.of(new HugepageLimit("2MB", 1L << 21)), null, null, Map.of("pids.max", "9"));
        AppliedResources.save(store, "c1", r);
        assertEquals(r, AppliedResources.load(store, "c1"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resourcesFile("c1"))));
        try (var files = Files.list(store.dir("c1"))) {
            assertEquals(List.of(store.resourcesFile("c1")), files.toList(), "no temporary file left");
        }
    }

    @Test
    void noResourcesAreSavedAsAnEmptyDocument() {
        StateStore store = new StateStore(tmp);
        store.reserve("c1");
        AppliedResources.save(store, "c1", null);
        Resources loaded = AppliedResources.load(store, "c1");
        assertNull(loaded.memory());
        assertTrue(loaded.unified().isEmpty());
    }

    @Test
    void withoutTheFileTheConfigCopyIsTheSource() throws IOException {
        StateStore store = new StateStore(tmp);
        store.reserve("c1");
        Files.writeString(store.configCopy("c1"), "{\"ociVersion\": \"1.3.0\", \"linux\": {\"resources\": "
                + "{\"pids\": {\"limit\": 7}}}}");
        assertEquals(7L, AppliedResources.load(store, "c1").pids().limit());
        Files.writeString(store.configCopy("c1"), "{\"ociVersion\": \"1.3.0\"}");
        assertNull(AppliedResources.load(store, "c1").pids());
    }

    @Test
    void aDamagedFileIsAnErrorNamingIt() throws IOException {
        StateStore store = new StateStore(tmp);
        store.reserve("c1");
        Files.writeString(store.resourcesFile("c1"), "{\"pids\": {\"limit\": \"x\"}}");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> AppliedResources.load(store, "c1"));
        assertTrue(e.getMessage().startsWith(store.resourcesFile("c1") + ": pids.limit"), e.getMessage());
    }
}
