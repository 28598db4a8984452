package dev.jrunc.container.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrunc.container.ContainerException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupsPathTest {
    private static final String OWN = "/user.slice/session-1.scope";

    @Test
    void absolutePathsAreTakenAsIs() {
        assertEquals("/hx/c1", CgroupsPath.resolve("/hx/c1", "c1", OWN));
        assertEquals("/hx-podman/libpod-abc", CgroupsPath.resolve("/hx-podman//./libpod-abc/", "abc", OWN));
    }

    @Test
    void relativePathsGoBelowTheParentOfTheRuntimesCgroup() {
        assertEquals("/user.slice/foo/c1", CgroupsPath.resolve("foo/c1", "c1", OWN));
        assertEquals("/foo", CgroupsPath.resolve("foo", "c1", "/"));
    }

    @Test
    void unsetMeansTheContainerIdAsARelativePath() {
        assertEquals("/user.slice/c1", CgroupsPath.resolve(null, "c1", OWN));
        assertEquals("/user.slice/c1", CgroupsPath.resolve("", "c1", OWN));
    }

    @Test
    void dotDotNeverClimbsAboveTheRoot() {
        assertEquals("/x", CgroupsPath.resolve("/../../x", "c1", OWN));
        assertEquals("/user.slice/x", CgroupsPath.resolve("../../x", "c1", OWN));
        assertEquals("x", CgroupsPath.clean("../x"));
        assertEquals("/x", CgroupsPath.clean("/a/../../x"));
    }

    @Test
    void theHierarchyRootIsRefused() {
        ContainerException e = assertThrows(ContainerException.class, () -> CgroupsPath.resolve("/", "c1", OWN));
        assertEquals("invalid cgroupsPath \"/\": it names the root of the cgroup hierarchy", e.getMessage());
        assertThrows(ContainerException.class, () -> CgroupsPath.resolve(".", "c1", "/"));
    }

    @Test
    void ownCgroupComesFromTheUnifiedLine() {
        assertEquals("/a/b", CgroupsPath.parseOwnCgroup(List.of("9:name=systemd:/", "4:memory:/x", "0::/a/b")));
        assertThrows(ContainerException.class, () -> CgroupsPath.parseOwnCgroup(List.of("4:memory:/x")));
    }
}
