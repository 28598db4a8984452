package dev.jrunc.container.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Cgroup2MountTest {
    @Test
    void findsTheUnifiedMountOnAHybridHost() {
        List<String> mountinfo = List.of(
                "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
                "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
                "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")), Cgroup2Mount.parse(mountinfo));
    }

    @Test
    void findsThePureV2Mount() {
        List<String> mountinfo = List.of(
                "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
                "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate");
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup")), Cgroup2Mount.parse(mountinfo));
    }

    @Test
    void prefersTheMountOfTheHierarchyRoot() {
        List<String> mountinfo = List.of(
                "50 24 0:30 /some/container /mnt/cg rw - cgroup2 cgroup2 rw",
                "51 24 0:30 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw");
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup")), Cgroup2Mount.parse(mountinfo));
        assertEquals(Optional.of(Path.of("/mnt/cg")), Cgroup2Mount.parse(mountinfo.subList(0, 1)));
    }

    @Test
    void unescapesOctalSequences() {
        assertEquals(Optional.of(Path.of("/mnt/my cg\\x")),
                Cgroup2Mount.parse(List.of("60 24 0:30 / /mnt/my\\040cg\\134x rw - cgroup2 none rw")));
    }

    @Test
    void isEmptyWithoutCgroup2() {
        assertEquals(Optional.empty(), Cgroup2Mount.parse(List.of(
                "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu", "garbage")));
    }
}
