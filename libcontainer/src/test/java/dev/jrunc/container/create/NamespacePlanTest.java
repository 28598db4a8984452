package dev.jrunc.container.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Linux;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.sys.Namespaces;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamespacePlanTest {

    private static Linux linux(String members) {
        return SpecFixtures.config("", members).linux();
    }

    @Test
    void newNamespacesBecomeUnshareFlags() {
        NamespacePlan p = NamespacePlan.of(linux("""
                "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
                               {"type": "mount"}, {"type": "cgroup"}]"""));
        assertEquals(Namespaces.CLONE_NEWPID | Namespaces.CLONE_NEWNET | Namespaces.CLONE_NEWIPC | Namespaces.CLONE_NEWUTS
                | Namespaces.CLONE_NEWNS | Namespaces.CLONE_NEWCGROUP, p.unshareFlags());
        assertEquals(0x6e020000, p.unshareFlags());
        assertFalse(p.newUser());
        assertTrue(p.joins().isEmpty());
        assertEquals(EnumSet.of(NamespaceType.PID, NamespaceType.NETWORK, NamespaceType.IPC, NamespaceType.UTS,
                NamespaceType.MOUNT, NamespaceType.CGROUP), p.types());
        assertNull(p.timeOffsets());
        assertTrue(p.isNew(NamespaceType.PID));
        assertTrue(p.isNew(NamespaceType.MOUNT));
        assertFalse(p.isNew(NamespaceType.USER));
        assertFalse(p.isNew(NamespaceType.TIME));
    }

    @Test
    void aNewUserNamespaceIsNotAnUnshareFlag() {
        NamespacePlan p = NamespacePlan.of(linux("""
                "namespaces": [{"type": "user"}, {"type": "mount"}],
                "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
                "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]"""));
        assertTrue(p.newUser());
        assertTrue(p.isNew(NamespaceType.USER));
        assertEquals(Namespaces.CLONE_NEWNS, p.unshareFlags());
        assertEquals(0, p.unshareFlags() & Namespaces.CLONE_NEWUSER);
        assertEquals(Set.of(NamespaceType.USER, NamespaceType.MOUNT), p.types());
    }

    @Test
    void joinsGoUserFirstAndMountLast() {
        NamespacePlan p = NamespacePlan.of(linux("""
                "namespaces": [{"type": "mount", "path": "/proc/self/ns/mnt"}, {"type": "network", "path": "/proc/self/ns/net"},
                               {"type": "pid"}, {"type": "user", "path": "/proc/self/ns/user"},
                               {"type": "ipc", "path": "/proc/self/ns/ipc"}]"""));
        assertEquals(List.of(
                new NamespacePlan.Join(NamespaceType.USER, Namespaces.CLONE_NEWUSER, "/proc/self/ns/user", "linux.namespaces[3].path"),
                new NamespacePlan.Join(NamespaceType.NETWORK, Namespaces.CLONE_NEWNET, "/proc/self/ns/net", "linux.namespaces[1].path"),
                new NamespacePlan.Join(NamespaceType.IPC, Namespaces.CLONE_NEWIPC, "/proc/self/ns/ipc", "linux.namespaces[4].path"),
                new NamespacePlan.Join(NamespaceType.MOUNT, Namespaces.CLONE_NEWNS, "/proc/self/ns/mnt", "linux.namespaces[0].path")), p.joins());
        assertEquals(Namespaces.CLONE_NEWPID, p.unshareFlags());
        assertFalse(p.newUser(), "a joined user namespace is not new");
        assertFalse(p.isNew(NamespaceType.NETWORK));
        assertEquals(EnumSet.of(NamespaceType.MOUNT, NamespaceType.NETWORK, NamespaceType.PID, NamespaceType.USER,
                NamespaceType.IPC), p.types());
    }

    @Test
    void aMissingNamespacePathNamesItsIndex() {
        ContainerException e = assertThrows(ContainerException.class, () -> NamespacePlan.of(linux("""
                "namespaces": [{"type": "pid"}, {"type": "network", "path": "/nonexistent-jrunc/ns/net"}]""")));
        assertEquals("linux.namespaces[1].path: /nonexistent-jrunc/ns/net: no such file or directory", e.getMessage());
    }

    @Test
    void timeOffsetsGoToANewTimeNamespace() {
        NamespacePlan p = NamespacePlan.of(linux("""
                "namespaces": [{"type": "time"}],
                "timeOffsets": {"monotonic": {"secs": 86400, "nanosecs": 5}, "boottime": {"secs": -3, "nanosecs": 0}}"""));
        assertEquals(Namespaces.CLONE_NEWTIME, p.unshareFlags());
        assertTrue(p.isNew(NamespaceType.TIME));
        assertEquals(Set.of("monotonic 86400 5", "boottime -3 0"), Set.of(p.timeOffsets().split("\n")));
        assertTrue(p.timeOffsets().endsWith("\n"));
    }

    @Test
    void timeOffsetsWithoutATimeNamespaceAreAnError() {
        ContainerException e = assertThrows(ContainerException.class, () -> NamespacePlan.of(linux("""
                "namespaces": [{"type": "pid"}], "timeOffsets": {"monotonic": {"secs": 1, "nanosecs": 0}}""")));
        assertEquals("linux.timeOffsets: requires a new time namespace", e.getMessage());
    }

    @Test
    void timeOffsetsCannotChangeAJoinedTimeNamespace() {
        ContainerException e = assertThrows(ContainerException.class, () -> NamespacePlan.of(linux("""
                "namespaces": [{"type": "time", "path": "/proc/self/ns/time"}],
                "timeOffsets": {"monotonic": {"secs": 1, "nanosecs": 0}}""")));
        assertEquals("linux.timeOffsets: requires a new time namespace", e.getMessage());
    }

    @Test
    void mappingsWithoutAUserNamespaceAreAnError() {
        ContainerException e = assertThrows(ContainerException.class, () -> NamespacePlan.of(linux("""
                "namespaces": [{"type": "mount"}],
                "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}],
                "gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]""")));
        assertEquals("linux.uidMappings: id mappings are set but there is no user namespace", e.getMessage());
        ContainerException gidOnly = assertThrows(ContainerException.class, () -> NamespacePlan.of(linux("""
                "namespaces": [{"type": "mount"}], "gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]""")));
        assertEquals("linux.uidMappings: id mappings are set but there is no user namespace", gidOnly.getMessage());
    }

    @Test
    void aNewUserNamespaceNeedsBothMappings() {
        ContainerException none = assertThrows(ContainerException.class,
                () -> NamespacePlan.of(linux("\"namespaces\": [{\"type\": \"user\"}]")));
        assertEquals("linux.uidMappings: a new user namespace needs uidMappings and gidMappings", none.getMessage());
        ContainerException uidOnly = assertThrows(ContainerException.class, () -> NamespacePlan.of(linux("""
                "namespaces": [{"type": "user"}], "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]""")));
        assertEquals("linux.uidMappings: a new user namespace needs uidMappings and gidMappings", uidOnly.getMessage());
    }

    @Test
    void noLinuxSectionMeansNoNamespaces() {
        NamespacePlan p = NamespacePlan.of(null);
        assertTrue(p.joins().isEmpty());
        assertFalse(p.newUser());
        assertEquals(0, p.unshareFlags());
        assertTrue(p.types().isEmpty());
        assertNull(p.timeOffsets());
        NamespacePlan empty = NamespacePlan.of(linux(""));
        assertEquals(0, empty.unshareFlags());
        assertTrue(empty.types().isEmpty());
    }

    @Test
    void anEmptyPathMeansANewNamespace() {
        NamespacePlan p = NamespacePlan.of(linux("\"namespaces\": [{\"type\": \"uts\", \"path\": \"\"}]"));
        assertTrue(p.joins().isEmpty());
        assertEquals(Namespaces.CLONE_NEWUTS, p.unshareFlags());
    }
}
