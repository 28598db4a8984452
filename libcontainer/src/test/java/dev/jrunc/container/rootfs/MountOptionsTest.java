package dev.jrunc.container.rootfs;

import static dev.jrunc.sys.Mounts.MOUNT_ATTR_NOATIME;
import static dev.jrunc.sys.Mounts.MOUNT_ATTR_NODEV;
import static dev.jrunc.sys.Mounts.MOUNT_ATTR_NODIRATIME;
import static dev.jrunc.sys.Mounts.MOUNT_ATTR_NOEXEC;
import static dev.jrunc.sys.Mounts.MOUNT_ATTR_NOSUID;
import static dev.jrunc.sys.Mounts.MOUNT_ATTR_NOSYMFOLLOW;
import static dev.jrunc.sys.Mounts.MOUNT_ATTR_RDONLY;
import static dev.jrunc.sys.Mounts.MOUNT_ATTR_RELATIME;
import static dev.jrunc.sys.Mounts.MOUNT_ATTR_STRICTATIME;
import static dev.jrunc.sys.Mounts.MOUNT_ATTR__ATIME;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Mounts;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class MountOptionsTest {

    private static MountOptions parse(String... options) {
        return MountOptions.parse("tmpfs", List.of(options), "mounts[0].options");
    }

    private static void assertAttrs(MountOptions o, long set, long clear, long rset, long rclear) {
        assertEquals(Long.toHexString(set), Long.toHexString(o.attrSet()), "attrSet");
        assertEquals(Long.toHexString(clear), Long.toHexString(o.attrClear()), "attrClear");
        assertEquals(Long.toHexString(rset), Long.toHexString(o.recursiveSet()), "recursiveSet");
        assertEquals(Long.toHexString(rclear), Long.toHexString(o.recursiveClear()), "recursiveClear");
    }

    @Test
    void noOptionsIsAPlainMount() {
        MountOptions o = parse();
        assertFalse(o.bind());
        assertFalse(o.recursiveBind());
        assertAttrs(o, 0, 0, 0, 0);
        assertEquals(0, o.propagation());
        assertFalse(o.recursivePropagation());
        assertTrue(o.data().isEmpty());
        assertEquals(0, o.fsmountAttrs());
    }

    @Test
    void roAndRw() {
        assertAttrs(parse("ro"), MOUNT_ATTR_RDONLY, 0, 0, 0);
        assertAttrs(parse("rw"), 0, MOUNT_ATTR_RDONLY, 0, 0);
        // The last one wins, and does not leave the other half behind.
        assertAttrs(parse("ro", "rw"), 0, MOUNT_ATTR_RDONLY, 0, 0);
        assertAttrs(parse("rw", "ro"), MOUNT_ATTR_RDONLY, 0, 0, 0);
        assertEquals(MOUNT_ATTR_RDONLY, parse("ro").fsmountAttrs());
    }

    @Test
    void eachFlagAndItsOpposite() {
        Object[][] cases = {
                {"nosuid", "suid", MOUNT_ATTR_NOSUID},
                {"nodev", "dev", MOUNT_ATTR_NODEV},
                {"noexec", "exec", MOUNT_ATTR_NOEXEC},
                {"nodiratime", "diratime", MOUNT_ATTR_NODIRATIME},
                {"nosymfollow", "symfollow", MOUNT_ATTR_NOSYMFOLLOW}};
        for (Object[] c : cases) {
            long attr = (Long) c[2];
            assertAttrs(parse((String) c[0]), attr, 0, 0, 0);
            assertAttrs(parse((String) c[1]), 0, attr, 0, 0);
            assertAttrs(parse((String) c[0], (String) c[1]), 0, attr, 0, 0);
        }
    }

    @Test
    void flagsCombine() {
        MountOptions o = parse("nosuid", "nodev", "noexec", "ro");
        assertAttrs(o, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_RDONLY, 0, 0, 0);
        assertEquals(o.attrSet(), o.fsmountAttrs());
        assertTrue(o.data().isEmpty());
    }

    @Test
    void atimeVariantsReplaceEachOtherAndClearTheAtimeField() {
        assertAttrs(parse("noatime"), MOUNT_ATTR_NOATIME, MOUNT_ATTR__ATIME, 0, 0);
        assertAttrs(parse("strictatime"), MOUNT_ATTR_STRICTATIME, MOUNT_ATTR__ATIME, 0, 0);
        assertAttrs(parse("relatime"), MOUNT_ATTR_RELATIME, MOUNT_ATTR__ATIME, 0, 0);
        assertAttrs(parse("noatime", "strictatime"), MOUNT_ATTR_STRICTATIME, MOUNT_ATTR__ATIME, 0, 0);
        assertAttrs(parse("strictatime", "relatime", "ro"), MOUNT_ATTR_RDONLY, MOUNT_ATTR__ATIME, 0, 0);
        // nodiratime is a separate bit, not part of the atime field.
        assertAttrs(parse("noatime", "nodiratime"), MOUNT_ATTR_NOATIME | MOUNT_ATTR_NODIRATIME, MOUNT_ATTR__ATIME, 0, 0);
    }

    @Test
    void recursiveAttributes() {
        assertAttrs(parse("rro"), 0, 0, MOUNT_ATTR_RDONLY, 0);
        assertAttrs(parse("rrw"), 0, 0, 0, MOUNT_ATTR_RDONLY);
        assertAttrs(parse("rnosuid", "rsuid"), 0, 0, MOUNT_ATTR_NOSUID, MOUNT_ATTR_NOSUID);
        assertAttrs(parse("rnodev"), 0, 0, MOUNT_ATTR_NODEV, 0);
        assertAttrs(parse("rdev"), 0, 0, 0, MOUNT_ATTR_NODEV);
        assertAttrs(parse("rnoexec"), 0, 0, MOUNT_ATTR_NOEXEC, 0);
        assertAttrs(parse("rexec"), 0, 0, 0, MOUNT_ATTR_NOEXEC);
        assertAttrs(parse("rnodiratime"), 0, 0, MOUNT_ATTR_NODIRATIME, 0);
        assertAttrs(parse("rdiratime"), 0, 0, 0, MOUNT_ATTR_NODIRATIME);
        assertAttrs(parse("rnosymfollow"), 0, 0, MOUNT_ATTR_NOSYMFOLLOW, 0);
        assertAttrs(parse("rsymfollow"), 0, 0, 0, MOUNT_ATTR_NOSYMFOLLOW);
        assertAttrs(parse("rnoatime"), 0, 0, MOUNT_ATTR_NOATIME, MOUNT_ATTR__ATIME);
        assertAttrs(parse("rstrictatime"), 0, 0, MOUNT_ATTR_STRICTATIME, MOUNT_ATTR__ATIME);
        assertAttrs(parse("rnoatime", "rrelatime"), 0, 0, MOUNT_ATTR_RELATIME, MOUNT_ATTR__ATIME);
        assertAttrs(parse("ro", "rnosuid", "rnodev"), MOUNT_ATTR_RDONLY, 0, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, 0);
        // Recursive attributes are not for fsmount: a new mount has no submounts.
        assertEquals(0, parse("rro").fsmountAttrs());
        assertTrue(parse("rro", "rnosymfollow").data().isEmpty());
    }

    @Test
    void runcsRecursiveAtimeClearOptionsAreNotFileSystemData() {
        for (String option : List.of("ratime", "rnorelatime", "rnostrictatime")) {
            MountOptions o = MountOptions.parse("bind", List.of("rbind", option), "mounts[0].options");
            assertTrue(o.data().isEmpty(), option + " became data " + o.data().stream().map(kv -> kv[0]).toList());
            assertTrue((o.recursiveClear() & MOUNT_ATTR__ATIME) != 0, option + " did not touch the atime field");
        }
    }

    @Test
    void propagation() {
        Object[][] cases = {
                {"shared", Mounts.MS_SHARED, false}, {"slave", Mounts.MS_SLAVE, false},
                {"private", Mounts.MS_PRIVATE, false}, {"unbindable", Mounts.MS_UNBINDABLE, false},
                {"rshared", Mounts.MS_SHARED, true}, {"rslave", Mounts.MS_SLAVE, true},
                {"rprivate", Mounts.MS_PRIVATE, true}, {"runbindable", Mounts.MS_UNBINDABLE, true}};
        for (Object[] c : cases) {
            MountOptions o = parse((String) c[0]);
            assertEquals((long) (Long) c[1], o.propagation(), (String) c[0]);
            assertEquals(c[2], o.recursivePropagation(), (String) c[0]);
            assertAttrs(o, 0, 0, 0, 0);
            assertTrue(o.data().isEmpty(), (String) c[0]);
        }
        // The last propagation wins, with its own recursiveness.
        MountOptions o = parse("rshared", "private");
        assertEquals(Mounts.MS_PRIVATE, o.propagation());
        assertFalse(o.recursivePropagation());
        o = parse("private", "rslave");
        assertEquals(Mounts.MS_SLAVE, o.propagation());
        assertTrue(o.recursivePropagation());
    }

    @Test
    void bindAndRbind() {
        MountOptions bind = MountOptions.parse("none", List.of("bind"), "mounts[0].options");
        assertTrue(bind.bind());
        assertFalse(bind.recursiveBind());
        MountOptions rbind = MountOptions.parse("none", List.of("rbind", "ro"), "mounts[0].options");
        assertTrue(rbind.bind());
        assertTrue(rbind.recursiveBind());
        assertEquals(MOUNT_ATTR_RDONLY, rbind.attrSet());
        MountOptions byType = MountOptions.parse("bind", List.of(), "mounts[0].options");
        assertTrue(byType.bind());
        assertFalse(byType.recursiveBind());
        MountOptions both = MountOptions.parse("bind", List.of("rbind", "bind"), "mounts[0].options");
        assertTrue(both.recursiveBind(), "rbind then bind is still recursive");
        assertTrue(both.data().isEmpty());
        assertFalse(parse("nosuid").bind());
    }

    @Test
    void asBindKeepsAttributesAndPropagationButNotFileSystemData() {
        // podman's /sys/fs/cgroup entry, when the kernel refuses a cgroup2 mount
        MountOptions cgroup = parse("rprivate", "nosuid", "noexec", "nodev", "relatime", "ro", "nsdelegate");

        MountOptions bind = cgroup.asBind();

        assertTrue(bind.bind());
        assertFalse(bind.recursiveBind(), "runc's fallback is a plain bind");
        assertAttrs(bind, cgroup.attrSet(), cgroup.attrClear(), cgroup.recursiveSet(), cgroup.recursiveClear());
        assertEquals(Mounts.MS_PRIVATE, bind.propagation());
        assertTrue(bind.recursivePropagation());
        assertEquals(1, cgroup.data().size());
        assertTrue(bind.data().isEmpty());
    }

    @Test
    void dataKeyValuesAndFlags() {
        MountOptions o = parse("mode=755", "size=65536k", "newinstance", "ptmxmode=0666", " gid=5 ", "opt=a=b");
        List<String[]> data = o.data();
        assertEquals(6, data.size());
        assertArrayEquals(new String[] {"mode", "755"}, data.get(0));
        assertArrayEquals(new String[] {"size", "65536k"}, data.get(1));
        assertArrayEquals(new String[] {"newinstance", ""}, data.get(2));
        assertArrayEquals(new String[] {"ptmxmode", "0666"}, data.get(3));
        assertArrayEquals(new String[] {"gid", "5"}, data.get(4));
        assertArrayEquals(new String[] {"opt", "a=b"}, data.get(5));
        assertAttrs(o, 0, 0, 0, 0);
    }

    @Test
    void dataIsMixedWithAttributesInOrder() {
        MountOptions o = parse("nosuid", "strictatime", "mode=755", "size=65536k", "noexec");
        assertAttrs(o, MOUNT_ATTR_NOSUID | MOUNT_ATTR_STRICTATIME | MOUNT_ATTR_NOEXEC, MOUNT_ATTR__ATIME, 0, 0);
        assertEquals(List.of("mode", "size"), o.data().stream().map(kv -> kv[0]).toList());
        assertThrows(UnsupportedOperationException.class, () -> o.data().add(new String[] {"x", ""}));
    }

    @Test
    void ignoredOptionsLeaveNoTrace() {
        MountOptions o = parse("defaults", "async", "norelatime", "nostrictatime", "atime", "auto", "noauto", "nouser",
                "user", "_netdev", "tmpcopyup", "loud", "", "  ");
        assertAttrs(o, 0, 0, 0, 0);
        assertEquals(0, o.propagation());
        assertFalse(o.bind());
        assertTrue(o.data().isEmpty(), o.data().stream().map(kv -> kv[0]).toList().toString());
    }

    @Test
    void idmapIsRejectedNamingTheField() {
        ContainerException e = assertThrows(ContainerException.class,
                () -> MountOptions.parse("bind", List.of("rbind", "idmap"), "mounts[3].options"));
        assertEquals("mounts[3].options: mount option \"idmap\" is not supported yet", e.getMessage());
        ContainerException r = assertThrows(ContainerException.class,
                () -> MountOptions.parse("bind", List.of("ridmap"), "mounts[7].options"));
        assertEquals("mounts[7].options: mount option \"ridmap\" is not supported yet", r.getMessage());
    }
}
