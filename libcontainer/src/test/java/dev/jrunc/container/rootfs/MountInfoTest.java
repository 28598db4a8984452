package dev.jrunc.container.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoTest {
    private static final List<String> LINES = List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw",
            "36 35 98:0 /mnt1 /mnt/with\\040space rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue",
            "40 22 0:30 / /tmp rw,nosuid,nodev - tmpfs tmpfs rw,size=1024k",
            "41 22 0:31 / /tmp/a rw - tmpfs tmpfs rw",
            "42 41 0:32 / /tmp/a/b rw master:7 - tmpfs tmpfs rw",
            "43 22 0:33 / /tmp/ab rw - tmpfs tmpfs rw",
            "44 22 0:34 / /odd\\011tab\\012nl\\134bs rw - tmpfs tmpfs rw");

    @Test
    void parsesMountPointOptionalFieldsAndType() {
        List<MountInfo> m = MountInfo.parse(LINES);
        assertEquals(LINES.size(), m.size());
        assertEquals(new MountInfo("/", "shared:1", "ext4"), m.get(0));
        assertEquals(new MountInfo("/proc", "shared:12", "proc"), m.get(1));
        assertEquals(new MountInfo("/mnt/with space", "master:1 shared:2", "ext3"), m.get(2));
        assertEquals(new MountInfo("/tmp", "", "tmpfs"), m.get(3));
        assertEquals(new MountInfo("/tmp/a/b", "master:7", "tmpfs"), m.get(5));
    }

    @Test
    void unescapesOctalEscapes() {
        assertEquals("/odd\ttab\nnl\\bs", MountInfo.parse(LINES).get(7).mountPoint());
        assertEquals("/x ", MountInfo.parse(List.of("1 1 0:1 / /x\\040 rw - tmpfs t rw")).get(0).mountPoint());
    }

    @Test
    void sharedMeansASharedPeerGroup() {
        List<MountInfo> m = MountInfo.parse(LINES);
        assertTrue(m.get(0).isShared());
        assertTrue(m.get(2).isShared());
        assertFalse(m.get(3).isShared());
        assertFalse(m.get(5).isShared(), "master: alone is a slave, not shared");
    }

    @Test
    void malformedLinesAreSkipped() {
        List<MountInfo> m = MountInfo.parse(List.of("", "garbage", "1 2 3 4 5 6 7", "1 1 0:1 / /ok rw - tmpfs t rw"));
        assertEquals(List.of(new MountInfo("/ok", "", "tmpfs")), m);
    }

    @Test
    void containingPicksTheLongestMountPointPrefix() {
        List<MountInfo> m = MountInfo.parse(LINES);
        assertEquals("/tmp/a/b", MountInfo.containing(m, "/tmp/a/b/c/d").mountPoint());
        assertEquals("/tmp/a/b", MountInfo.containing(m, "/tmp/a/b").mountPoint());
        assertEquals("/tmp/a", MountInfo.containing(m, "/tmp/a/bc").mountPoint());
        assertEquals("/tmp/ab", MountInfo.containing(m, "/tmp/ab/x").mountPoint());
        assertEquals("/tmp", MountInfo.containing(m, "/tmp/abc").mountPoint());
        assertEquals("/", MountInfo.containing(m, "/tmpx").mountPoint());
        assertEquals("/", MountInfo.containing(m, "/").mountPoint());
        assertEquals("/mnt/with space", MountInfo.containing(m, "/mnt/with space/f").mountPoint());
    }

    @Test
    void containingPrefersTheLastOfStackedMounts() {
        List<MountInfo> m = MountInfo.parse(List.of(
                "1 0 0:1 / / rw - ext4 a rw",
                "2 1 0:2 / /data rw shared:3 - ext4 lower rw",
                "3 2 0:3 / /data rw - tmpfs upper rw"));
        MountInfo top = MountInfo.containing(m, "/data/x");
        assertSame(m.get(2), top);
        assertEquals("tmpfs", top.fstype());
    }

    @Test
    void containingWithoutARootMountMayFindNothing() {
        List<MountInfo> m = MountInfo.parse(List.of("1 0 0:1 / /only rw - tmpfs t rw"));
        assertNull(MountInfo.containing(m, "/elsewhere"));
    }

    @Test
    void currentSeesTheRootAndProc() {
        List<MountInfo> m = MountInfo.current();
        assertTrue(m.stream().anyMatch(i -> i.mountPoint().equals("/")), m.toString());
        MountInfo proc = MountInfo.containing(m, "/proc/self");
        assertEquals("/proc", proc.mountPoint());
        assertEquals("proc", proc.fstype());
    }
}
