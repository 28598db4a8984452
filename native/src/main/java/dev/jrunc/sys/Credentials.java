package dev.jrunc.sys;

/**
 * Per-thread file system ids. Linux credentials belong to threads and the setfsuid/setfsgid
 * system calls (unlike glibc's setuid) are not broadcast to the process, so these change only
 * the calling thread.
 */
public final class Credentials {
    private Credentials() {
    }

    /** Sets this thread's fsuid and fsgid; setfs*id report failure only by not changing the id. */
    public static void setFsIds(int uid, int gid) {
        try (NativeScope s = new NativeScope()) {
            RawSyscall.call(s, SyscallNumbers.SETFSGID, gid);
            RawSyscall.call(s, SyscallNumbers.SETFSUID, uid);
            // Calling again with an invalid id (-1) returns the current value without changing it.
            int nowGid = (int) RawSyscall.call(s, SyscallNumbers.SETFSGID, -1);
            int nowUid = (int) RawSyscall.call(s, SyscallNumbers.SETFSUID, -1);
            if (nowUid != uid || nowGid != gid) {
                throw new SyscallException("setfsuid/setfsgid", "uid=" + uid + ", gid=" + gid, Errno.EPERM);
            }
        }
    }
}
