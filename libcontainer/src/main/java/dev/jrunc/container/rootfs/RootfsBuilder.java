package dev.jrunc.container.rootfs;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.init.InitChannel;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.spec.json.Quoting;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Mounts;
import dev.jrunc.sys.SyscallException;
import java.util.Map;

/**
 * Builds a container's root file system from the host side: runs on a {@link ContainerThread}
 * inside the init's mount namespace, attaches every mount (bind mounts cloned with open_tree,
 * others made by the init in its own namespaces and passed back as fds), populates /dev, and
 * switches the namespace's root with pivot_root, which moves the init's root along with it.
 */
public final class RootfsBuilder {
    /** File systems runc refuses to mount anywhere but on a real directory. */
    private static final java.util.Set<String> KERNEL_VIEWS = java.util.Set.of("proc", "sysfs");

    private final RootfsConfig config;
    private final Map<Integer, Integer> mountFds;
    private final int maskFd;
    /** Whether {@link #maskFd} has been attached (moved onto the first masked directory). */
    private boolean maskAttached;
    private final InitChannel init;

    /**
     * @param mountFds detached mounts made by the init, by mount index
     * @param maskFd   a detached read-only tmpfs used to mask directories, or -1
     * @param init     the init, for the chdir/chroot that --no-pivot needs
     */
    public RootfsBuilder(RootfsConfig config, Map<Integer, Integer> mountFds, int maskFd, InitChannel init) {
        this.config = config;
        this.mountFds = mountFds;
        this.maskFd = maskFd;
        this.init = init;
    }

    /** Does all the work; must run on a {@link ContainerThread} in the init's mount namespace. */
    public void build() {
        build(() -> { });
    }

    /**
     * Like {@link #build()}, running {@code beforeRoot} once every mount is in place and before
     * pivot_root (or its equivalent): where OCI create hooks run.
     */
    public void build(Runnable beforeRoot) {
        String rootfs = config.rootfs();
        if (!config.chroot()) {
            // An unbindable "/" could not be bind-mounted below; it is applied after pivot_root.
            long initial = (config.propagation() & Mounts.MS_UNBINDABLE) != 0
                    ? Mounts.MS_SLAVE | Mounts.MS_REC : config.propagation();
            Mounts.mount(null, "/", null, initial, null);
            makeParentPrivate(rootfs);
            Mounts.mount(rootfs, rootfs, null, Mounts.MS_BIND | Mounts.MS_REC, null);
        }
        int rootFd = Files.open(rootfs, Files.O_PATH | Files.O_DIRECTORY);
        try {
            for (PlannedMount m : config.mounts()) {
                attach(rootFd, m);
            }
            if (config.setupDev()) {
                DeviceSetup dev = new DeviceSetup(rootFd, config.ids(), config.hostDevices());
                dev.create(DeviceNode.DEFAULTS, "the default devices");
                dev.createSymlinks(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/kcore")));
            }
            new DeviceSetup(rootFd, config.ids(), config.hostDevices()).create(config.devices(), "linux.devices");
            makeCwd(rootFd);
        } finally {
            Files.closeQuietly(rootFd);
        }
        beforeRoot.run();
        if (config.chroot()) {
            chrootInto(rootfs);
        } else if (config.noPivot()) {
            moveRoot(rootfs);
        } else {
            pivot(rootfs);
        }
        int newRoot = Files.open("/", Files.O_PATH | Files.O_DIRECTORY);
        try {
            for (String path : config.maskedPaths()) {
                mask(newRoot, path);
            }
            for (String path : config.readonlyPaths()) {
                makeReadonly(newRoot, path);
            }
            if (config.readonly() && !config.chroot()) {
                Mounts.setAttr(newRoot, false, new Mounts.Attr(Mounts.MOUNT_ATTR_RDONLY, 0, 0, 0), "/ (root.readonly)");
            }
            if (config.explicitPropagation() && !config.chroot()) {
                Mounts.mount(null, "/", null, config.propagation(), null);
            }
        } finally {
            Files.closeQuietly(newRoot);
        }
    }

    private void makeCwd(int rootFd) {
        try {
            Files.close(SafePath.mkdirAll(rootFd, config.cwd(), config.ids().hostUid(0), config.ids().hostGid(0)));
        } catch (SyscallException e) {
            throw new ContainerException("process.cwd: creating " + Quoting.quoteShort(config.cwd()) + " in the rootfs failed: "
                    + e.getMessage(), e);
        }
    }

    private void attach(int rootFd, PlannedMount m) {
        int source = -1;
        // A kernel mount's fd belongs to whoever passed it in (create closes it once done): closing
        // it here too would close whatever descriptor got its number in the meantime.
        boolean ownSource = true;
        int target = -1;
        try {
            if (!m.isBind() && KERNEL_VIEWS.contains(m.fstype())) {
                requireOrdinaryDirectory(rootFd, m);
            }
            boolean directory;
            if (m.isBind()) {
                source = Mounts.openTree(Files.AT_FDCWD, m.source(),
                        Mounts.OPEN_TREE_CLONE | (m.options().recursiveBind() ? Mounts.AT_RECURSIVE : 0));
                directory = Files.fstatat(source, "", Files.AT_EMPTY_PATH).isDirectory();
                MountOptions o = m.options();
                if (o.attrSet() != 0 || o.attrClear() != 0) {
                    Mounts.setAttr(source, false, new Mounts.Attr(o.attrSet(), o.attrClear(), 0, 0), m.field());
                }
                if (o.recursiveSet() != 0 || o.recursiveClear() != 0) {
                    Mounts.setAttr(source, true, new Mounts.Attr(o.recursiveSet(), o.recursiveClear(), 0, 0), m.field());
                }
            } else {
                source = mountFds.remove(m.index());
                ownSource = false;
                directory = true;
            }
            target = SafePath.mountTarget(rootFd, m.destination(), directory, config.ids().hostUid(0),
                    config.ids().hostGid(0));
            Mounts.moveMount(source, target, m.field() + " on " + m.destination());
            if (m.options().propagation() != 0) {
                Mounts.setAttr(source, m.options().recursivePropagation(),
                        new Mounts.Attr(0, 0, m.options().propagation(), 0), m.field());
            }
        } catch (SyscallException e) {
            throw new ContainerException(m.field() + ": mounting " + describe(m) + " on " + m.destination()
                    + " failed: " + e.getMessage(), e);
        } finally {
            if (ownSource) {
                Files.closeQuietly(source);
            }
            Files.closeQuietly(target);
        }
    }

    /**
     * runc's rule against mounting proc or sysfs through a symlink or over a file (the
     * CVE-2019-16884 and CVE-2019-19921 pattern, where an image points /proc somewhere a later
     * mount or a security policy does not expect): the destination must be missing or a real
     * directory. Earlier components may still be symlinks, which resolve inside the rootfs.
     */
    private static void requireOrdinaryDirectory(int rootFd, PlannedMount m) {
        Files.Stat st = SafePath.lstatIfExists(rootFd, m.destination());
        if (st != null && !st.isDirectory()) {
            throw new ContainerException(m.field() + ": " + m.fstype() + " must be mounted on an ordinary directory, but "
                    + Quoting.quoteShort(m.destination()) + " in the rootfs is "
                    + (st.type() == Files.S_IFLNK ? "a symlink" : "not a directory"));
        }
    }

    private static String describe(PlannedMount m) {
        return m.isBind() ? m.source() : m.fstype();
    }

    /** pivot_root(2) needs the new root's parent mount to be not shared. */
    private static void makeParentPrivate(String rootfs) {
        MountInfo parent = MountInfo.containing(MountInfo.current(), rootfs);
        if (parent != null && parent.isShared()) {
            Mounts.mount(null, parent.mountPoint(), null, Mounts.MS_PRIVATE, null);
        }
    }

    private static void pivot(String rootfs) {
        int oldRoot = Files.open("/", Files.O_RDONLY | Files.O_DIRECTORY);
        int newRoot = Files.open(rootfs, Files.O_RDONLY | Files.O_DIRECTORY);
        try {
            Files.fchdir(newRoot);
            // pivot_root(".", ".") stacks the old root under the new one; it is then detached.
            Mounts.pivotRoot(".", ".");
            Files.fchdir(oldRoot);
            // No unmount event may propagate from here to the host.
            Mounts.mount(null, ".", null, Mounts.MS_SLAVE | Mounts.MS_REC, null);
            Mounts.umount2(".", Mounts.MNT_DETACH);
            Files.chdir("/");
        } finally {
            Files.closeQuietly(oldRoot);
            Files.closeQuietly(newRoot);
        }
    }

    /** --no-pivot: move the rootfs over "/" and chroot both this thread and the init into it. */
    private void moveRoot(String rootfs) {
        init.run(new InitProgram().chdir(rootfs));
        Files.chdir(rootfs);
        Mounts.mount(rootfs, "/", null, Mounts.MS_MOVE, null);
        Files.chroot(".");
        Files.chdir("/");
        init.run(new InitProgram().chroot(".").chdir("/"));
    }

    /** No mount namespace of its own: chroot this thread and the init, as runc does. */
    private void chrootInto(String rootfs) {
        Files.chroot(rootfs);
        Files.chdir("/");
        init.run(new InitProgram().chroot(rootfs).chdir("/"));
    }

    private void mask(int rootFd, String path) {
        int target = SafePath.openIfExists(rootFd, path, Files.O_PATH);
        if (target < 0) {
            return;
        }
        int source = -1;
        try {
            if (Files.fstatat(target, "", Files.AT_EMPTY_PATH).isDirectory()) {
                if (maskFd < 0) {
                    throw new ContainerException("linux.maskedPaths: no tmpfs to mask " + path);
                }
                if (maskAttached) {
                    source = Mounts.openTree(maskFd, "", Mounts.OPEN_TREE_CLONE | Files.AT_EMPTY_PATH);
                } else {
                    // Kernels before 6.15 refuse to clone a detached mount (EINVAL), so the
                    // tmpfs itself masks the first directory and later ones get clones of it.
                    Mounts.moveMount(maskFd, target, "mask " + path);
                    maskAttached = true;
                    return;
                }
            } else {
                source = Mounts.openTree(Files.AT_FDCWD, "/dev/null", Mounts.OPEN_TREE_CLONE);
            }
            Mounts.moveMount(source, target, "mask " + path);
        } catch (SyscallException e) {
            throw new ContainerException("linux.maskedPaths: masking " + path + " failed: " + e.getMessage(), e);
        } finally {
            Files.closeQuietly(source);
            Files.closeQuietly(target);
        }
    }

    private static void makeReadonly(int rootFd, String path) {
        int target = SafePath.openIfExists(rootFd, path, Files.O_PATH);
        if (target < 0) {
            return;
        }
        int source = -1;
        try {
            source = Mounts.openTree(target, "", Mounts.OPEN_TREE_CLONE | Mounts.AT_RECURSIVE | Files.AT_EMPTY_PATH);
            Mounts.setAttr(source, true, new Mounts.Attr(Mounts.MOUNT_ATTR_RDONLY, 0, 0, 0), "readonly " + path);
            Mounts.moveMount(source, target, "readonly " + path);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return;
            }
            throw new ContainerException("linux.readonlyPaths: making " + path + " read-only failed: " + e.getMessage(), e);
        } finally {
            Files.closeQuietly(source);
            Files.closeQuietly(target);
        }
    }
}
