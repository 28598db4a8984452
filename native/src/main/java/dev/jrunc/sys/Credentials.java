package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * Per-thread file system ids. Linux credentials belong to threads and glibc's setfsuid/setfsgid
 * (unlike setuid) do not broadcast to the process, so these change only the calling thread.
 */
public final class Credentials {
    private Credentials() {
    }

    /** Sets this thread's fsuid and fsgid; setfs*id report failure only by not changing the id. */
    public static void setFsIds(int uid, int gid) {
        try {
            int ignoredGid = (int) Setfsgid.H.invokeExact(gid);
            int ignoredUid = (int) Setfsuid.H.invokeExact(uid);
            // Calling again with an invalid id (-1) returns the current value without changing it.
            int nowGid = (int) Setfsgid.H.invokeExact(-1);
            int nowUid = (int) Setfsuid.H.invokeExact(-1);
            if (nowUid != uid || nowGid != gid) {
                throw new SyscallException("setfsuid/setfsgid", "uid=" + uid + ", gid=" + gid, Errno.EPERM);
            }
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    // One holder class per function, initialised on its first call: a downcall handle costs
    // milliseconds to make in a cold JVM, and one command needs only a few of them.

    private static final class Setfsuid {
        static final MethodHandle H = Libc.plainCall("setfsuid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class Setfsgid {
        static final MethodHandle H = Libc.plainCall("setfsgid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
}
