package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * Per-thread file system ids. Linux credentials belong to threads and glibc's setfsuid/setfsgid
 * (unlike setuid) do not broadcast to the process, so these change only the calling thread.
 */
public final class Credentials {
    private static final MethodHandle SETFSUID = Libc.plainCall("setfsuid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETFSGID = Libc.plainCall("setfsgid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Credentials() {
    }

    /** Sets this thread's fsuid and fsgid; setfs*id report failure only by not changing the id. */
    public static void setFsIds(int uid, int gid) {
        try {
            int ignoredGid = (int) SETFSGID.invokeExact(gid);
            int ignoredUid = (int) SETFSUID.invokeExact(uid);
            // Calling again with an invalid id (-1) returns the current value without changing it.
            int nowGid = (int) SETFSGID.invokeExact(-1);
            int nowUid = (int) SETFSUID.invokeExact(-1);
            if (nowUid != uid || nowGid != gid) {
                throw new SyscallException("setfsuid/setfsgid", "uid=" + uid + ", gid=" + gid, Errno.EPERM);
            }
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }
}
