package dev.jrunc.container.rootfs;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.json.Quoting;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Mounts;
import dev.jrunc.sys.SyscallException;
import java.util.List;

/**
 * Populates a fresh /dev: device nodes, the standard symlinks and /dev/ptmx. In a user namespace
 * device nodes made with mknod would be unusable (the kernel ignores devices on file systems
 * owned by a user namespace), so there the host's node is bind-mounted instead, as runc does.
 */
final class DeviceSetup {
    private static final String[][] SYMLINKS = {
            {"/proc/self/fd", "/dev/fd"},
            {"/proc/self/fd/0", "/dev/stdin"},
            {"/proc/self/fd/1", "/dev/stdout"},
            {"/proc/self/fd/2", "/dev/stderr"},
    };

    private final int rootFd;
    private final IdMap ids;
    private final boolean bindFromHost;

    DeviceSetup(int rootFd, IdMap ids, boolean bindFromHost) {
        this.rootFd = rootFd;
        this.ids = ids;
        this.bindFromHost = bindFromHost;
    }

    /** Creates {@code devices}; {@code field} names their list in config.json for errors. */
    void create(List<DeviceNode> devices, String field) {
        for (DeviceNode d : devices) {
            try {
                if (bindFromHost) {
                    bind(d);
                } else {
                    mknod(d);
                }
            } catch (SyscallException e) {
                throw new ContainerException(field + ": creating " + d.type() + " " + d.major() + ":" + d.minor()
                        + " at " + Quoting.quoteShort(d.path()) + " failed: " + e.getMessage(), e);
            }
        }
    }

    void createSymlinks(boolean hasKcore) {
        for (String[] link : SYMLINKS) {
            symlink(link[0], link[1]);
        }
        if (hasKcore) {
            symlink("/proc/kcore", "/dev/core");
        }
        // /dev/ptmx must be the one of the container's own devpts instance.
        int dev = SafePath.open(rootFd, "/dev", Files.O_PATH | Files.O_DIRECTORY);
        try {
            try {
                Files.unlinkat(dev, "ptmx", 0);
            } catch (SyscallException e) {
                if (!e.is(Errno.ENOENT)) {
                    throw e;
                }
            }
            Files.symlinkat("pts/ptmx", dev, "ptmx");
        } finally {
            Files.closeQuietly(dev);
        }
    }

    private void mknod(DeviceNode d) {
        int parent = SafePath.mkdirAll(rootFd, SafePath.parentOf(d.path()), ids.hostUid(0), ids.hostGid(0));
        String name = SafePath.nameOf(d.path());
        try {
            try {
                Files.unlinkat(parent, name, 0);
            } catch (SyscallException e) {
                if (!e.is(Errno.ENOENT)) {
                    throw e;
                }
            }
            Files.mknodat(parent, name, d.fileType() | (d.mode() & 07777), d.major(), d.minor());
            // mknod applies the umask; the spec's mode is meant exactly.
            Files.fchmodat(parent, name, d.mode() & 07777);
            Files.fchownat(parent, name, ids.hostUid(d.uid()), ids.hostGid(d.gid()), Files.AT_SYMLINK_NOFOLLOW);
        } finally {
            Files.closeQuietly(parent);
        }
    }

    private void bind(DeviceNode d) {
        int target = SafePath.mountTarget(rootFd, d.path(), false, ids.hostUid(0), ids.hostGid(0));
        int source = -1;
        try {
            source = Mounts.openTree(Files.AT_FDCWD, d.path(), Mounts.OPEN_TREE_CLONE);
            // The host's path must hold the very device asked for: anything else there (a
            // symlink such as /dev/fd/N or /dev/stdin to one of this process's files, a
            // regular file) would hand a host file to the container.
            Files.Stat st = Files.fstatat(source, "", Files.AT_EMPTY_PATH);
            if (st.type() != d.fileType() || (d.type() != 'p' && (st.major() != d.major() || st.minor() != d.minor()))) {
                throw new ContainerException("linux.devices: the host's " + Quoting.quoteShort(d.path())
                        + " is not the device " + d.type() + " " + d.major() + ":" + d.minor()
                        + "; in a user namespace devices are bound from the host's node of the same path");
            }
            Mounts.moveMount(source, target, "bind " + d.path() + " from the host");
        } finally {
            Files.closeQuietly(source);
            Files.closeQuietly(target);
        }
    }

    private void symlink(String target, String path) {
        int parent = SafePath.mkdirAll(rootFd, SafePath.parentOf(path), ids.hostUid(0), ids.hostGid(0));
        try {
            Files.symlinkat(target, parent, SafePath.nameOf(path));
        } catch (SyscallException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e;
            }
        } finally {
            Files.closeQuietly(parent);
        }
    }
}
