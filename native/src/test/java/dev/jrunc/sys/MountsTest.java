package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountsTest {

    /** Whether the mount table {@code who} sees has a tmpfs mounted at {@code dir}. */
    private static boolean hasTmpfsAt(String who, Path dir) {
        for (String line : NativeTestSupport.readString("/proc/" + who + "/mountinfo").split("\n")) {
            String[] f = line.split(" ");
            // mountinfo: id parent major:minor root mount-point options ... - fstype source super-options
            if (f.length > 4 && f[4].equals(dir.toString()) && line.contains(" - tmpfs ")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aTmpfsMountedInAPrivateNamespaceIsSeenThereAndGoneAfterUmount(@TempDir Path dir) {
        assumeTrue(NativeTestSupport.isRoot(), NativeTestSupport.NEEDS_ROOT);
        boolean[] seen = NativeTestSupport.onOwnThread(() -> {
            Namespaces.unshare(Namespaces.CLONE_NEWNS);
            // Never mount on the host: stop unless this thread really has a mount namespace of its own.
            assertNotEquals(NativeTestSupport.namespace("self", "mnt"), NativeTestSupport.namespace("thread-self", "mnt"));
            Mounts.mount(null, "/", null, Mounts.MS_REC | Mounts.MS_PRIVATE, null);
            Mounts.mount("tmpfs", dir.toString(), "tmpfs", Mounts.MS_NOSUID | Mounts.MS_NODEV, "size=1m,mode=0700");
            boolean mounted = hasTmpfsAt("thread-self", dir);
            boolean hostSawIt = hasTmpfsAt("self", dir);
            Mounts.umount2(dir.toString(), Mounts.MNT_DETACH);
            return new boolean[] {mounted, hostSawIt, hasTmpfsAt("thread-self", dir)};
        });
        assertTrue(seen[0], "the tmpfs is not in the thread's mount table");
        assertFalse(seen[1], "the tmpfs reached the host's mount table");
        assertFalse(seen[2], "the tmpfs is still mounted after umount2");
    }

    @Test
    void mountOnAMissingTargetNamesEverything(@TempDir Path dir) {
        String target = dir.resolve("missing").toString();
        SyscallException e = assertThrows(SyscallException.class,
                () -> Mounts.mount("tmpfs", target, "tmpfs", Mounts.MS_NOSUID, "size=1m"));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("mount(source=\"tmpfs\", target=\"" + target + "\", type=\"tmpfs\", flags=0x2, data=\"size=1m\"): "
                + "No such file or directory (ENOENT)", e.getMessage());
    }

    @Test
    void umountOfADirectoryThatIsNoMountPointFails(@TempDir Path dir) {
        SyscallException e = assertThrows(SyscallException.class, () -> Mounts.umount2(dir.toString(), 0));
        assertEquals("umount2", e.syscall());
        assertEquals(NativeTestSupport.isRoot() ? Errno.EINVAL : Errno.EPERM, e.errno());
        assertTrue(e.getMessage().startsWith("umount2(target=\"" + dir + "\", flags=0): "), e.getMessage());
    }
}
