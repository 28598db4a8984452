package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/** mount(2), umount2(2), pivot_root(2) and the fd-based mount API (open_tree, move_mount, mount_setattr). */
public final class Mounts {
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_MOVE = 8192;
    public static final long MS_REC = 16384;
    public static final long MS_UNBINDABLE = 1 << 17;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final long MS_SHARED = 1 << 20;
    public static final int MNT_DETACH = 2;

    public static final int OPEN_TREE_CLONE = 1;
    public static final int AT_RECURSIVE = 0x8000;
    public static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    public static final int MOVE_MOUNT_T_EMPTY_PATH = 0x40;
    public static final long MOUNT_ATTR_RDONLY = 0x1;
    public static final long MOUNT_ATTR_NOSUID = 0x2;
    public static final long MOUNT_ATTR_NODEV = 0x4;
    public static final long MOUNT_ATTR_NOEXEC = 0x8;
    public static final long MOUNT_ATTR__ATIME = 0x70;
    public static final long MOUNT_ATTR_RELATIME = 0x0;
    public static final long MOUNT_ATTR_NOATIME = 0x10;
    public static final long MOUNT_ATTR_STRICTATIME = 0x20;
    public static final long MOUNT_ATTR_NODIRATIME = 0x80;
    public static final long MOUNT_ATTR_IDMAP = 0x100000;
    public static final long MOUNT_ATTR_NOSYMFOLLOW = 0x200000;

    private Mounts() {
    }

    /** The attribute changes of one mount_setattr(2) call. */
    public record Attr(long set, long clear, long propagation, int userNsFd) {
        public static Attr none() {
            return new Attr(0, 0, 0, 0);
        }
    }

    public static void mount(String source, String target, String fstype, long flags, String data) {
        try (NativeScope s = new NativeScope()) {
            long r = RawSyscall.call(s, SyscallNumbers.MOUNT, RawSyscall.addr(s.cstr(source)),
                    RawSyscall.addr(s.cstr(target)), RawSyscall.addr(s.cstr(fstype)), flags, RawSyscall.addr(s.cstr(data)));
            s.check(r, "mount", "source=\"" + source + "\", target=\"" + target + "\", type=\"" + fstype
                    + "\", flags=0x" + Long.toHexString(flags) + (data == null ? "" : ", data=\"" + data + "\""));
        }
    }

    public static void umount2(String target, int flags) {
        try (NativeScope s = new NativeScope()) {
            s.check(RawSyscall.call(s, SyscallNumbers.UMOUNT2, RawSyscall.addr(s.cstr(target)), flags), "umount2",
                    "target=\"" + target + "\", flags=" + flags);
        }
    }

    public static void pivotRoot(String newRoot, String putOld) {
        try (NativeScope s = new NativeScope()) {
            long r = RawSyscall.call(s, SyscallNumbers.PIVOT_ROOT, RawSyscall.addr(s.cstr(newRoot)),
                    RawSyscall.addr(s.cstr(putOld)), 0, 0, 0);
            s.check(r, "pivot_root", "new_root=\"" + newRoot + "\", put_old=\"" + putOld + "\"");
        }
    }

    /** open_tree(2): with {@link #OPEN_TREE_CLONE} a detached copy of the mount at {@code path}. */
    public static int openTree(int dirfd, String path, int flags) {
        try (NativeScope s = new NativeScope()) {
            long fd = RawSyscall.call(s, SyscallNumbers.OPEN_TREE, dirfd, RawSyscall.addr(s.cstr(path)),
                    flags | Files.O_CLOEXEC, 0, 0);
            return (int) s.check(fd, "open_tree", "dirfd=" + dirfd + ", path=\"" + path + "\", flags=0x" + Integer.toHexString(flags));
        }
    }

    /** Attaches the detached mount {@code fromFd} onto the directory or file open as {@code toFd}. */
    public static void moveMount(int fromFd, int toFd, String description) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment empty = s.cstr("");
            long r = RawSyscall.call(s, SyscallNumbers.MOVE_MOUNT, fromFd, RawSyscall.addr(empty), toFd,
                    RawSyscall.addr(empty), MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH);
            s.check(r, "move_mount", "from_fd=" + fromFd + ", to_fd=" + toFd + " (" + description + ")");
        }
    }

    /** mount_setattr(2) on the mount open as {@code fd}; {@code recursive} adds AT_RECURSIVE. */
    public static void setAttr(int fd, boolean recursive, Attr attr, String description) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment a = s.arena().allocate(32, 8);
            a.set(JAVA_LONG, 0, attr.set());
            a.set(JAVA_LONG, 8, attr.clear());
            a.set(JAVA_LONG, 16, attr.propagation());
            a.set(JAVA_LONG, 24, attr.userNsFd());
            long r = RawSyscall.call(s, SyscallNumbers.MOUNT_SETATTR, fd, RawSyscall.addr(s.cstr("")),
                    Files.AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0), RawSyscall.addr(a), 32);
            s.check(r, "mount_setattr", "fd=" + fd + " (" + description + "), set=0x" + Long.toHexString(attr.set())
                    + ", clear=0x" + Long.toHexString(attr.clear()) + ", propagation=0x" + Long.toHexString(attr.propagation()));
        }
    }
}
