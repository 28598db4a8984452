package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * File-descriptor level file system calls. Paths inside a container's rootfs are resolved with
 * {@link #openat2} and {@link #RESOLVE_IN_ROOT}, so a symlink in the rootfs can never lead out.
 * Every descriptor opened here is O_CLOEXEC.
 */
public final class Files {
    public static final int AT_FDCWD = -100;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;
    public static final long RESOLVE_NO_XDEV = 0x01;
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    public static final long RESOLVE_BENEATH = 0x08;
    public static final long RESOLVE_IN_ROOT = 0x10;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFLNK = 0120000;

    // struct stat on x86_64 and arm64 (generic) differ; only st_mode and st_rdev are read, at
    // offsets taken per architecture.
    private static final boolean X86_64 = System.getProperty("os.arch").equals("amd64");
    private static final long ST_MODE_OFFSET = X86_64 ? 24 : 16;
    private static final long ST_RDEV_OFFSET = X86_64 ? 40 : 32;
    private static final long ST_UID_OFFSET = X86_64 ? 28 : 24;
    private static final long STAT_SIZE = 256;

    private Files() {
    }

    /** The type and device number of a file, as far as the runtime needs them. */
    public record Stat(int mode, long rdev, int uid) {
        public int type() {
            return mode & S_IFMT;
        }

        public boolean isDirectory() {
            return type() == S_IFDIR;
        }

        public int major() {
            return (int) (((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfffL));
        }

        public int minor() {
            return (int) (((rdev >>> 12) & 0xffffff00L) | (rdev & 0xffL));
        }
    }

    /** openat(2); {@code O_CLOEXEC} is always added. */
    public static int openat(int dirfd, String path, int flags, int mode) {
        try (NativeScope s = new NativeScope()) {
            int fd = (int) RawSyscall.call(s, SyscallNumbers.OPENAT, dirfd, RawSyscall.addr(s.cstr(path)), flags | O_CLOEXEC, mode);
            return s.check(fd, "openat", "dirfd=" + dirfd + ", path=\"" + path + "\", flags=0" + Integer.toOctalString(flags));
        }
    }

    public static int open(String path, int flags) {
        return openat(AT_FDCWD, path, flags, 0);
    }

    /**
     * openat2(2) with {@code resolve} flags; {@code O_CLOEXEC} is always added. With
     * {@link #RESOLVE_IN_ROOT}, {@code dirfd} acts as "/" for absolute paths, ".." and symlinks.
     */
    public static int openat2(int dirfd, String path, int flags, int mode, long resolve) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment how = s.arena().allocate(24, 8);
            how.set(JAVA_LONG, 0, (long) (flags | O_CLOEXEC));
            how.set(JAVA_LONG, 8, (long) mode);
            how.set(JAVA_LONG, 16, resolve);
            long fd = RawSyscall.call(s, SyscallNumbers.OPENAT2, dirfd, RawSyscall.addr(s.cstr(path)),
                    RawSyscall.addr(how), 24, 0);
            return (int) s.check(fd, "openat2", "dirfd=" + dirfd + ", path=\"" + path + "\", flags=0"
                    + Integer.toOctalString(flags) + ", resolve=0x" + Long.toHexString(resolve));
        }
    }

    public static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try (NativeScope s = new NativeScope()) {
            // close never needs a retry on Linux: the descriptor is gone even on EINTR.
            int r = (int) RawSyscall.call(s, SyscallNumbers.CLOSE, fd);
            if (r < 0 && s.lastErrno() != Errno.EINTR) {
                s.check(r, "close", "fd=" + fd);
            }
        }
    }

    /** Closes quietly; for cleanup paths that must not mask the original failure. */
    public static void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (SyscallException ignored) {
            // the descriptor is released either way
        }
    }

    /** read(2) of up to {@code max} bytes; returns an empty array at end of file. EINTR is retried. */
    public static byte[] read(int fd, int max) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment buf = s.arena().allocate(Math.max(1, max));
            while (true) {
                long n = RawSyscall.call(s, SyscallNumbers.READ, fd, RawSyscall.addr(buf), max);
                if (n < 0 && s.lastErrno() == Errno.EINTR) {
                    continue;
                }
                s.check(n, "read", "fd=" + fd);
                return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
            }
        }
    }

    /** pipe2(O_CLOEXEC): {read end, write end}. */
    public static int[] pipe() {
        try (NativeScope s = new NativeScope()) {
            MemorySegment fds = s.arena().allocate(JAVA_INT, 2);
            s.check((int) RawSyscall.call(s, SyscallNumbers.PIPE2, RawSyscall.addr(fds), O_CLOEXEC), "pipe2", "O_CLOEXEC");
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        }
    }

    /** pread(2) of up to {@code max} bytes from the start of {@code fd}, whatever its offset. EINTR is retried. */
    public static byte[] readStart(int fd, int max) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment buf = s.arena().allocate(Math.max(1, max));
            while (true) {
                long n = RawSyscall.call(s, SyscallNumbers.PREAD64, fd, RawSyscall.addr(buf), max, 0);
                if (n < 0 && s.lastErrno() == Errno.EINTR) {
                    continue;
                }
                s.check(n, "pread", "fd=" + fd);
                return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
            }
        }
    }

    /** Writes all of {@code data}, retrying short writes and EINTR. */
    public static void writeFully(int fd, byte[] data) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment buf = s.bytes(data);
            long off = 0;
            while (off < data.length) {
                long n = RawSyscall.call(s, SyscallNumbers.WRITE, fd, RawSyscall.addr(buf) + off, data.length - off);
                if (n < 0 && s.lastErrno() == Errno.EINTR) {
                    continue;
                }
                s.check(n, "write", "fd=" + fd + ", bytes=" + (data.length - off));
                off += n;
            }
        }
    }

    public static void mkdirat(int dirfd, String name, int mode) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) RawSyscall.call(s, SyscallNumbers.MKDIRAT, dirfd, RawSyscall.addr(s.cstr(name)), mode), "mkdirat",
                    "dirfd=" + dirfd + ", path=\"" + name + "\", mode=0" + Integer.toOctalString(mode));
        }
    }

    public static void mknodat(int dirfd, String name, int mode, int major, int minor) {
        long dev = makedev(major, minor);
        try (NativeScope s = new NativeScope()) {
            s.check((int) RawSyscall.call(s, SyscallNumbers.MKNODAT, dirfd, RawSyscall.addr(s.cstr(name)), mode, kernelDev(dev)), "mknodat",
                    "dirfd=" + dirfd + ", path=\"" + name + "\", mode=0" + Integer.toOctalString(mode)
                            + ", dev=" + major + ":" + minor);
        }
    }

    public static void mkfifoat(int dirfd, String name, int mode) {
        try (NativeScope s = new NativeScope()) {
            // mkfifoat(3) is mknodat(2) of a FIFO.
            s.check((int) RawSyscall.call(s, SyscallNumbers.MKNODAT, dirfd, RawSyscall.addr(s.cstr(name)), S_IFIFO | mode, 0), "mkfifoat",
                    "dirfd=" + dirfd + ", path=\"" + name + "\"");
        }
    }

    /** fchownat(2); pass an empty name and {@link #AT_EMPTY_PATH} to change the fd itself. */
    public static void fchownat(int dirfd, String name, int uid, int gid, int flags) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) RawSyscall.call(s, SyscallNumbers.FCHOWNAT, dirfd, RawSyscall.addr(s.cstr(name)), uid, gid, flags), "fchownat",
                    "dirfd=" + dirfd + ", path=\"" + name + "\", uid=" + uid + ", gid=" + gid);
        }
    }

    public static void fchmod(int fd, int mode) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) RawSyscall.call(s, SyscallNumbers.FCHMOD, fd, mode), "fchmod",
                    "fd=" + fd + ", mode=0" + Integer.toOctalString(mode));
        }
    }

    public static void fchmodat(int dirfd, String name, int mode) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) RawSyscall.call(s, SyscallNumbers.FCHMODAT, dirfd, RawSyscall.addr(s.cstr(name)), mode), "fchmodat",
                    "dirfd=" + dirfd + ", path=\"" + name + "\", mode=0" + Integer.toOctalString(mode));
        }
    }

    public static void symlinkat(String target, int dirfd, String name) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) RawSyscall.call(s, SyscallNumbers.SYMLINKAT, RawSyscall.addr(s.cstr(target)), dirfd, RawSyscall.addr(s.cstr(name))), "symlinkat",
                    "target=\"" + target + "\", dirfd=" + dirfd + ", path=\"" + name + "\"");
        }
    }

    /** readlinkat(2): the target of the symlink {@code name} in {@code dirfd}. */
    public static String readlinkat(int dirfd, String name) {
        final int max = 4096;
        try (NativeScope s = new NativeScope()) {
            MemorySegment buf = s.arena().allocate(max);
            long n = RawSyscall.call(s, SyscallNumbers.READLINKAT, dirfd, RawSyscall.addr(s.cstr(name)), RawSyscall.addr(buf), max);
            s.check(n, "readlinkat", "dirfd=" + dirfd + ", path=\"" + name + "\"");
            return new String(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public static void unlinkat(int dirfd, String name, int flags) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) RawSyscall.call(s, SyscallNumbers.UNLINKAT, dirfd, RawSyscall.addr(s.cstr(name)), flags), "unlinkat",
                    "dirfd=" + dirfd + ", path=\"" + name + "\"");
        }
    }

    /** fchdir(2): affects only the calling thread once it has unshared CLONE_FS. */
    public static void fchdir(int fd) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) RawSyscall.call(s, SyscallNumbers.FCHDIR, fd), "fchdir", "fd=" + fd);
        }
    }

    public static void chdir(String path) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) RawSyscall.call(s, SyscallNumbers.CHDIR, RawSyscall.addr(s.cstr(path))), "chdir", "path=\"" + path + "\"");
        }
    }

    public static void chroot(String path) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) RawSyscall.call(s, SyscallNumbers.CHROOT, RawSyscall.addr(s.cstr(path))), "chroot", "path=\"" + path + "\"");
        }
    }

    /** fstatat(2); with an empty name and {@link #AT_EMPTY_PATH} it describes the fd itself. */
    public static Stat fstatat(int dirfd, String name, int flags) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment st = s.arena().allocate(STAT_SIZE, 16);
            s.check((int) RawSyscall.call(s, SyscallNumbers.NEWFSTATAT, dirfd, RawSyscall.addr(s.cstr(name)), RawSyscall.addr(st), flags), "fstatat",
                    "dirfd=" + dirfd + ", path=\"" + name + "\"");
            return new Stat(st.get(JAVA_INT, ST_MODE_OFFSET), st.get(JAVA_LONG, ST_RDEV_OFFSET),
                    st.get(JAVA_INT, ST_UID_OFFSET));
        }
    }

    /** A close-on-exec duplicate of {@code fd} numbered {@code min} or higher (fcntl F_DUPFD_CLOEXEC). */
    public static int dupAbove(int fd, int min) {
        final int fDupfdCloexec = 1030;
        try (NativeScope s = new NativeScope()) {
            return s.check((int) RawSyscall.call(s, SyscallNumbers.FCNTL, fd, fDupfdCloexec, min), "fcntl",
                    "fd=" + fd + ", F_DUPFD_CLOEXEC, min=" + min);
        }
    }

    /** Sets or clears FD_CLOEXEC on an open descriptor. */
    public static void setCloseOnExec(int fd, boolean closeOnExec) {
        final int fGetfd = 1;
        final int fSetfd = 2;
        final int fdCloexec = 1;
        changeFlag(fd, fGetfd, "F_GETFD", fSetfd, "F_SETFD", fdCloexec, closeOnExec);
    }

    /** Clears or sets O_NONBLOCK on an open descriptor. */
    public static void setBlocking(int fd, boolean blocking) {
        final int fGetfl = 3;
        final int fSetfl = 4;
        changeFlag(fd, fGetfl, "F_GETFL", fSetfl, "F_SETFL", O_NONBLOCK, !blocking);
    }

    /** fcntl's read-modify-write of one bit: {@code get} the flags, set or clear {@code flag}, {@code set} them. */
    private static void changeFlag(int fd, int get, String getName, int set, String setName, int flag, boolean on) {
        try (NativeScope s = new NativeScope()) {
            int flags = s.check((int) RawSyscall.call(s, SyscallNumbers.FCNTL, fd, get), "fcntl", "fd=" + fd + ", " + getName);
            int wanted = on ? flags | flag : flags & ~flag;
            s.check((int) RawSyscall.call(s, SyscallNumbers.FCNTL, fd, set, wanted), "fcntl", "fd=" + fd + ", " + setName);
        }
    }

    /**
     * The device number as mknodat(2) takes it: the kernel's parameter is a 32-bit unsigned int,
     * so a number that does not fit is refused with EINVAL, as glibc's wrapper does.
     */
    private static long kernelDev(long dev) {
        if ((dev & 0xffffffffL) != dev) {
            throw new SyscallException("mknodat", "dev=0x" + Long.toHexString(dev), Errno.EINVAL);
        }
        return dev;
    }

    static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }
}
