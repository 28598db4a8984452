package dev.jrunc.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * errno values the runtime reacts to (identical on x86_64 and arm64, both use the generic
 * numbering) and their libc descriptions.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;
    public static final int ENOSPC = 28;
    public static final int EPIPE = 32;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int EMSGSIZE = 90;
    public static final int EOPNOTSUPP = 95;

    private Errno() {
    }

    /** The libc text for {@code errno}, e.g. "No such file or directory". */
    public static String describe(int errno) {
        return cString(Desc.H, errno, "Unknown error " + errno);
    }

    /** The symbolic name for {@code errno}, e.g. "ENOENT". */
    public static String name(int errno) {
        return cString(Name.H, errno, "E" + errno);
    }

    private static String cString(MethodHandle handle, int errno, String fallback) {
        try {
            MemorySegment p = (MemorySegment) handle.invokeExact(errno);
            if (p.equals(MemorySegment.NULL)) {
                return fallback;
            }
            return p.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException("strerror lookup failed", t);
        }
    }

    // One holder class per function, initialised on its first call: a downcall handle costs
    // milliseconds to make in a cold JVM, and one command needs only a few of them.

    // strerrordesc_np/strerrorname_np (glibc 2.32+) return static strings, so unlike strerror
    // they are safe to call from any thread.
    private static final class Desc {
        static final MethodHandle H = Libc.plainCall("strerrordesc_np",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private static final class Name {
        static final MethodHandle H = Libc.plainCall("strerrorname_np",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }
}
