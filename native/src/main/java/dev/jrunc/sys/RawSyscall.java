package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The one downcall through which the bindings make system calls: {@code syscall(2)} with six
 * 64-bit arguments, errno captured into the scope.
 *
 * <p>Why one handle for every system call: the FFM linker makes a native stub and a set of
 * hidden classes for each distinct function descriptor, about 4 ms each in a cold JVM (the AOT
 * cache cannot keep them), while further handles of an already linked descriptor cost almost
 * nothing. With one libc symbol per call, {@code create} linked 25 descriptors, about 90 ms of
 * its run; through this gate every command links one. The same argument also decides the
 * calling convention: every variadic argument is passed as a 64-bit value (pointers as their
 * address, ints sign-extended) because the kernel entry reads full registers and a C int in a
 * variadic slot would leave the upper half undefined; unused trailing arguments are ignored by
 * the kernel.
 */
final class RawSyscall {
    private RawSyscall() {
    }

    static long call(NativeScope scope, SyscallNumbers nr) {
        return call(scope, nr, 0, 0, 0, 0, 0, 0);
    }

    static long call(NativeScope scope, SyscallNumbers nr, long a) {
        return call(scope, nr, a, 0, 0, 0, 0, 0);
    }

    static long call(NativeScope scope, SyscallNumbers nr, long a, long b) {
        return call(scope, nr, a, b, 0, 0, 0, 0);
    }

    static long call(NativeScope scope, SyscallNumbers nr, long a, long b, long c) {
        return call(scope, nr, a, b, c, 0, 0, 0);
    }

    static long call(NativeScope scope, SyscallNumbers nr, long a, long b, long c, long d) {
        return call(scope, nr, a, b, c, d, 0, 0);
    }

    static long call(NativeScope scope, SyscallNumbers nr, long a, long b, long c, long d, long e) {
        return call(scope, nr, a, b, c, d, e, 0);
    }

    static long call(NativeScope scope, SyscallNumbers nr, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) Syscall6.H.invokeExact(scope.errno, nr.number(), a, b, c, d, e, f);
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    static long addr(MemorySegment segment) {
        return segment.address();
    }

    private static final class Syscall6 {
        static final MethodHandle H = Libc.variadicErrnoCall("syscall", FunctionDescriptor.of(JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), 1);
    }
}
