package dev.jrunc.sys;

/** memfd_create(2) with seals: an anonymous, unmodifiable executable copy of a binary. */
public final class MemFd {
    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int MFD_EXEC = 0x10;
    private static final int F_ADD_SEALS = 1033;
    private static final int SEAL_ALL = 0x1 | 0x2 | 0x4 | 0x8; // SEAL, SHRINK, GROW, WRITE

    private MemFd() {
    }

    /** An empty, close-on-exec memory file (to capture a child's output). */
    public static int create(String name) {
        try (NativeScope s = new NativeScope()) {
            return (int) s.check(RawSyscall.call(s, SyscallNumbers.MEMFD_CREATE, RawSyscall.addr(s.cstr(name)), MFD_CLOEXEC),
                    "memfd_create", "name=\"" + name + "\"");
        }
    }

    /**
     * A close-on-exec memfd holding {@code content}, sealed against any change, so a process
     * that runs from it cannot be used to overwrite the original (the runc CVE-2019-5736 class).
     */
    public static int sealedCopy(String name, byte[] content) {
        int fd;
        try (NativeScope s = new NativeScope()) {
            long cname = RawSyscall.addr(s.cstr(name));
            long r = RawSyscall.call(s, SyscallNumbers.MEMFD_CREATE, cname, MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
            if (r < 0 && s.lastErrno() == Errno.EINVAL) {
                // Kernels before 6.3 do not know MFD_EXEC; their memfds are executable anyway.
                r = RawSyscall.call(s, SyscallNumbers.MEMFD_CREATE, cname, MFD_CLOEXEC | MFD_ALLOW_SEALING);
            }
            fd = (int) s.check(r, "memfd_create", "name=\"" + name + "\"");
        }
        try {
            Files.writeFully(fd, content);
            Files.fchmod(fd, 0500);
            try (NativeScope s = new NativeScope()) {
                s.check(RawSyscall.call(s, SyscallNumbers.FCNTL, fd, F_ADD_SEALS, SEAL_ALL), "fcntl",
                        "fd=" + fd + ", F_ADD_SEALS");
            }
            return fd;
        } catch (RuntimeException | Error e) {
            Files.closeQuietly(fd);
            throw e;
        }
    }
}
