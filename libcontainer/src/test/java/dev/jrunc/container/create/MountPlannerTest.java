package dev.jrunc.container.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.rootfs.PlannedMount;
import dev.jrunc.spec.Mount;
import dev.jrunc.sys.Mounts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPlannerTest {
    @TempDir
    Path bundle;

    @BeforeEach
    void setUp() throws IOException {
        java.nio.file.Files.createDirectories(bundle.resolve("data/sub"));
        java.nio.file.Files.writeString(bundle.resolve("hosts"), "127.0.0.1 localhost\n");
    }

    private List<PlannedMount> plan(String mountsJson) {
        List<Mount> mounts = SpecFixtures.config("\"mounts\": " + mountsJson, "").mounts();
        return MountPlanner.plan(mounts, bundle);
    }

    @Test
    void aRelativeBindSourceIsResolvedAgainstTheBundle() {
        List<PlannedMount> m = plan("""
                [{"destination": "/mnt", "type": "bind", "source": "data", "options": ["rbind", "ro"]},
                 {"destination": "/etc/hosts", "source": "./data/../hosts", "options": ["bind"]}]""");
        assertEquals(2, m.size());
        PlannedMount first = m.get(0);
        assertEquals(0, first.index());
        assertEquals("/mnt", first.destination());
        assertNull(first.fstype());
        assertEquals(bundle.resolve("data").toString(), first.source());
        assertTrue(first.isBind());
        assertTrue(first.options().recursiveBind());
        assertEquals(Mounts.MOUNT_ATTR_RDONLY, first.options().attrSet());
        assertEquals("mounts[0]", first.field());
        PlannedMount second = m.get(1);
        assertEquals(bundle.resolve("hosts").toString(), second.source(), "normalised");
        assertEquals(1, second.index());
        assertEquals("mounts[1]", second.field());
    }

    @Test
    void anAbsoluteBindSourceIsKept() {
        PlannedMount m = plan("[{\"destination\": \"/x\", \"type\": \"bind\", \"source\": \"" + bundle.resolve("data/sub")
                + "\"}]").get(0);
        assertEquals(bundle.resolve("data/sub").toString(), m.source());
    }

    @Test
    void aMissingBindSourceNamesTheMount() {
        ContainerException e = assertThrows(ContainerException.class, () -> plan("""
                [{"destination": "/proc", "type": "proc", "source": "proc"},
                 {"destination": "/mnt", "type": "bind", "source": "missing", "options": ["rbind"]}]"""));
        assertEquals("mounts[1].source: " + bundle.resolve("missing") + ": no such file or directory", e.getMessage());
    }

    @Test
    void aBindWithoutASourceIsAnError() {
        ContainerException e = assertThrows(ContainerException.class,
                () -> plan("[{\"destination\": \"/mnt\", \"type\": \"none\", \"options\": [\"bind\"]}]"));
        assertEquals("mounts[0].source: a bind mount needs a source", e.getMessage());
    }

    @Test
    void cgroupIsPlannedAsCgroup2() {
        PlannedMount m = plan("""
                [{"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
                  "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]}]""").get(0);
        assertEquals("cgroup2", m.fstype());
        assertFalse(m.isBind());
        assertEquals("cgroup", m.source());
        assertEquals(Mounts.MOUNT_ATTR_NOSUID | Mounts.MOUNT_ATTR_NOEXEC | Mounts.MOUNT_ATTR_NODEV
                | Mounts.MOUNT_ATTR_RELATIME | Mounts.MOUNT_ATTR_RDONLY, m.options().attrSet());
    }

    @Test
    void kernelFileSystemsKeepTheirTypeSourceAndData() {
        List<PlannedMount> m = plan("""
                [{"destination": "/proc", "type": "proc", "source": "proc"},
                 {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
                 {"destination": "/dev/pts", "type": "devpts", "source": "devpts",
                  "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]}]""");
        assertEquals(List.of("proc", "tmpfs", "devpts"), m.stream().map(PlannedMount::fstype).toList());
        assertEquals(List.of("/proc", "/dev", "/dev/pts"), m.stream().map(PlannedMount::destination).toList());
        assertEquals(List.of("mode", "size"), m.get(1).options().data().stream().map(kv -> kv[0]).toList());
        assertEquals(List.of("newinstance", "ptmxmode", "mode", "gid"),
                m.get(2).options().data().stream().map(kv -> kv[0]).toList());
    }

    @Test
    void aRelativeDestinationIsMadeAbsolute() {
        assertEquals("/data", plan("[{\"destination\": \"data\", \"type\": \"tmpfs\", \"source\": \"tmpfs\"}]")
                .get(0).destination());
    }

    @Test
    void aMountWithoutTypeOrBindIsAnError() {
        ContainerException e = assertThrows(ContainerException.class,
                () -> plan("[{\"destination\": \"/x\", \"source\": \"tmpfs\"}]"));
        assertEquals("mounts[0].type: required for a mount that is not a bind mount", e.getMessage());
    }

    @Test
    void idMappedMountsAreRefusedNamingTheMount() {
        ContainerException e = assertThrows(ContainerException.class, () -> plan("""
                [{"destination": "/proc", "type": "proc", "source": "proc"},
                 {"destination": "/x", "type": "bind", "source": "data",
                  "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}],
                  "gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]}]"""));
        assertEquals("mounts[1].uidMappings: id-mapped mounts are not supported yet", e.getMessage());
        ContainerException opt = assertThrows(ContainerException.class,
                () -> plan("[{\"destination\": \"/x\", \"type\": \"bind\", \"source\": \"data\", \"options\": [\"idmap\"]}]"));
        assertEquals("mounts[0].options: mount option \"idmap\" is not supported yet", opt.getMessage());
    }

    @Test
    void noMountsPlanNothing() {
        assertTrue(MountPlanner.plan(List.of(), bundle).isEmpty());
    }
}
