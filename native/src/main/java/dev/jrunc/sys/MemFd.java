package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

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
            return s.check((int) MemfdCreate.H.invokeExact(s.errno, s.cstr(name), MFD_CLOEXEC), "memfd_create",
                    "name=\"" + name + "\"");
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /**
     * A close-on-exec memfd holding {@code content}, sealed against any change, so a process
     * that runs from it cannot be used to overwrite the original (the runc CVE-2019-5736 class).
     */
    public static int sealedCopy(String name, byte[] content) {
        int fd;
        try (NativeScope s = new NativeScope()) {
            fd = (int) MemfdCreate.H.invokeExact(s.errno, s.cstr(name), MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
            if (fd < 0 && s.lastErrno() == Errno.EINVAL) {
                // Kernels before 6.3 do not know MFD_EXEC; their memfds are executable anyway.
                fd = (int) MemfdCreate.H.invokeExact(s.errno, s.cstr(name), MFD_CLOEXEC | MFD_ALLOW_SEALING);
            }
            s.check(fd, "memfd_create", "name=\"" + name + "\"");
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
        try {
            Files.writeFully(fd, content);
            Files.fchmod(fd, 0500);
            try (NativeScope s = new NativeScope()) {
                s.check((int) Fcntl.H.invokeExact(s.errno, fd, F_ADD_SEALS, (long) SEAL_ALL), "fcntl",
                        "fd=" + fd + ", F_ADD_SEALS");
            }
            return fd;
        } catch (Throwable t) {
            Files.closeQuietly(fd);
            throw NativeScope.rethrow(t);
        }
    }

    // One holder class per function, initialised on its first call: a downcall handle costs
    // milliseconds to make in a cold JVM, and one command needs only a few of them.

    private static final class MemfdCreate {
        static final MethodHandle H = Libc.errnoCall("memfd_create",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Fcntl {
        static final MethodHandle H = Libc.variadicErrnoCall("fcntl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), 2);
    }
}
