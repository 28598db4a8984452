package dev.jrunc.container.hooks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.jrunc.sys.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The three calls a hook needs that the native module does not bind: pipe2 for the state on
 * stdin, memfd_create and pread for the captured output. Every descriptor is close-on-exec, so
 * only what {@code posix_spawn} maps reaches the hook.
 */
final class HookSyscalls {
    private static final int O_CLOEXEC = 02000000;
    private static final int MFD_CLOEXEC = 1;
    private static final int EINTR = 4;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle PIPE2 = call("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MEMFD_CREATE = call("memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle PREAD = call("pread", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));

    private HookSyscalls() {
    }

    private static MethodHandle call(String name, FunctionDescriptor d) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, d, Linker.Option.captureCallState("errno"));
    }

    /** pipe2(O_CLOEXEC): {read end, write end}. */
    static int[] pipe() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errno = a.allocate(CAPTURE);
            MemorySegment fds = a.allocate(JAVA_INT, 2);
            int r = (int) PIPE2.invokeExact(errno, fds, O_CLOEXEC);
            check(r, errno, "pipe2", "O_CLOEXEC");
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** An anonymous close-on-exec memory file. */
    static int memfd(String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errno = a.allocate(CAPTURE);
            int r = (int) MEMFD_CREATE.invokeExact(errno, a.allocateFrom(name), MFD_CLOEXEC);
            check(r, errno, "memfd_create", "name=\"" + name + "\"");
            return r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Up to {@code max} bytes from the start of {@code fd}. */
    static byte[] readStart(int fd, int max) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errno = a.allocate(CAPTURE);
            MemorySegment buf = a.allocate(max);
            while (true) {
                long n = (long) PREAD.invokeExact(errno, fd, buf, (long) max, 0L);
                if (n < 0 && (int) ERRNO.get(errno, 0L) == EINTR) {
                    continue;
                }
                check(n, errno, "pread", "fd=" + fd);
                return buf.asSlice(0, n).toArray(JAVA_BYTE);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void check(long r, MemorySegment errno, String call, String args) {
        if (r < 0) {
            throw new SyscallException(call, args, (int) ERRNO.get(errno, 0L));
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
