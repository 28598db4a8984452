package dev.jrunc.sys;

/**
 * setns(2), unshare(2) and the UTS names. In a JVM these act on the calling thread only, which
 * is why the runtime does host-side container work on a dedicated platform thread (see
 * docs/architecture.md); user namespaces cannot be entered from a JVM at all.
 */
public final class Namespaces {
    public static final int CLONE_NEWTIME = 0x80;
    public static final int CLONE_FS = 0x200;
    public static final int CLONE_NEWNS = 0x20000;
    public static final int CLONE_NEWCGROUP = 0x02000000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWUSER = 0x10000000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_NEWNET = 0x40000000;

    private Namespaces() {
    }

    public static void setns(int fd, int nstype) {
        try (NativeScope s = new NativeScope()) {
            s.check(RawSyscall.call(s, SyscallNumbers.SETNS, fd, nstype), "setns",
                    "fd=" + fd + ", nstype=0x" + Integer.toHexString(nstype));
        }
    }

    public static void unshare(int flags) {
        try (NativeScope s = new NativeScope()) {
            s.check(RawSyscall.call(s, SyscallNumbers.UNSHARE, flags), "unshare", "flags=0x" + Integer.toHexString(flags));
        }
    }

    public static void sethostname(String name) {
        try (NativeScope s = new NativeScope()) {
            byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s.check(RawSyscall.call(s, SyscallNumbers.SETHOSTNAME, RawSyscall.addr(s.bytes(b)), b.length), "sethostname",
                    "name=\"" + name + "\"");
        }
    }

    public static void setdomainname(String name) {
        try (NativeScope s = new NativeScope()) {
            byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s.check(RawSyscall.call(s, SyscallNumbers.SETDOMAINNAME, RawSyscall.addr(s.bytes(b)), b.length), "setdomainname",
                    "name=\"" + name + "\"");
        }
    }
}
