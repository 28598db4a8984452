package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code syscall(2)} with up to five arguments. Every variadic argument is passed as a 64-bit
 * value (pointers as their address) because the kernel entry reads full registers and a C int
 * in a variadic slot leaves the upper half undefined.
 */
final class RawSyscall {
    private RawSyscall() {
    }

    static long call(NativeScope scope, SyscallNumbers nr, long a, long b, long c, long d, long e) {
        try {
            return (long) Syscall5.H.invokeExact(scope.errno, nr.number(), a, b, c, d, e);
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    static long addr(MemorySegment segment) {
        return segment.address();
    }

    // One holder class per function, initialised on its first call: a downcall handle costs
    // milliseconds to make in a cold JVM, and one command needs only a few of them.

    private static final class Syscall5 {
        static final MethodHandle H = Libc.variadicErrnoCall("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), 1);
    }
}
