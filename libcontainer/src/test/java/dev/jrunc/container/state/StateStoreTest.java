package dev.jrunc.container.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path tmp;

    static SavedState state(String id) {
        return new SavedState(id, "/b/" + id, "/b/" + id + "/rootfs", 4242, 987654321L,
                Instant.parse("2024-05-01T10:20:30.123456789Z"), "", "/sys/fs/cgroup/x/" + id,
                Map.of("org.example/key", "v\"<1>", "b", ""));
    }

    @Test
    void reserveCreatesAMissingRootPrivately() throws IOException {
        Path root = tmp.resolve("a/b/root");
        StateStore store = new StateStore(root);
        Path dir = store.reserve("c1");
        assertEquals(root.resolve("c1"), dir);
        assertTrue(Files.isDirectory(dir));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
    }

    @Test
    void reserveFailsForAnIdInUse() {
        StateStore store = new StateStore(tmp);
        store.reserve("c1");
        ContainerException e = assertThrows(ContainerException.class, () -> store.reserve("c1"));
        assertEquals("container with id \"c1\" already exists", e.getMessage());
        assertEquals(1, e.exitCode());
    }

    @Test
    void reserveValidatesTheId() {
        StateStore store = new StateStore(tmp);
        assertThrows(ContainerException.class, () -> store.reserve("../escape"));
        assertFalse(Files.exists(tmp.resolveSibling("escape")));
    }

    @Test
    void savedStateLoadsBackEqual() {
        StateStore store = new StateStore(tmp);
        store.reserve("c1");
        store.save(state("c1"));
        assertEquals(Optional.of(state("c1")), store.load("c1"));
        assertEquals(state("c1"), store.require("c1"));
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        StateStore store = new StateStore(tmp);
        store.reserve("c1");
        store.save(state("c1"));
        SavedState second = new SavedState("c1", "/other", "/other/rootfs", 7, 8, Instant.EPOCH, "", null, Map.of());
        store.save(second);
        assertEquals(second, store.require("c1"));
        try (var files = Files.list(store.dir("c1"))) {
            assertEquals(List.of("state.json"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.dir("c1").resolve("state.json"))));
    }

    @Test
    void loadIsEmptyWithoutStateAndRequireSaysDoesNotExist() {
        StateStore store = new StateStore(tmp);
        assertEquals(Optional.empty(), store.load("nope"));
        store.reserve("half");
        assertEquals(Optional.empty(), store.load("half"));
        ContainerException e = assertThrows(ContainerException.class, () -> store.require("nope"));
        assertEquals("container \"nope\" does not exist", e.getMessage());
    }

    @Test
    void loadRejectsACorruptStateNamingTheFile() throws IOException {
        StateStore store = new StateStore(tmp);
        store.reserve("c1");
        Files.writeString(store.dir("c1").resolve("state.json"), "{\"id\":");
        ContainerException e = assertThrows(ContainerException.class, () -> store.load("c1"));
        assertTrue(e.getMessage().startsWith("invalid state file " + store.dir("c1").resolve("state.json") + ": "),
                e.getMessage());
    }

    @Test
    void listSkipsDirectoriesWithoutReadableStateAndSortsById() throws IOException {
        StateStore store = new StateStore(tmp);
        for (String id : List.of("zeta", "alpha", "creating", "broken")) {
            store.reserve(id);
        }
        store.save(state("zeta"));
        store.save(state("alpha"));
        Files.writeString(store.dir("broken").resolve("state.json"), "not json");
        Files.createDirectory(tmp.resolve("bad id"));
        Files.writeString(tmp.resolve("stray-file"), "");
        assertEquals(List.of("alpha", "zeta"), store.list().stream().map(SavedState::id).toList());
        assertEquals(List.of("alpha", "broken", "creating", "zeta"), store.ids());
    }

    @Test
    void listOfAMissingRootIsEmpty() {
        assertEquals(List.of(), new StateStore(tmp.resolve("missing")).list());
    }

    @Test
    void removeDeletesEverythingAndToleratesMissingDirectories() throws IOException {
        StateStore store = new StateStore(tmp);
        store.reserve("c1");
        store.save(state("c1"));
        Files.writeString(store.configCopy("c1"), "{}");
        dev.jrunc.sys.Files.mkfifoat(dev.jrunc.sys.Files.AT_FDCWD, store.execFifo("c1").toString(), 0600);
        store.remove("c1");
        assertFalse(Files.exists(store.dir("c1")));
        assertFalse(store.exists("c1"));
        store.remove("c1");
        store.remove("never-was");
    }

    @Test
    void filesLiveInTheContainerDirectory() {
        StateStore store = new StateStore(tmp);
        assertEquals(tmp.resolve("c1/exec.fifo"), store.execFifo("c1"));
        assertEquals(tmp.resolve("c1/config.json"), store.configCopy("c1"));
        assertThrows(ContainerException.class, () -> store.dir("a/b"));
    }
}
