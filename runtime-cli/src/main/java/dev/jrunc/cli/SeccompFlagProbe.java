package dev.jrunc.cli;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.jrunc.sys.LibSeccomp;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Whether the running kernel accepts a seccomp filter flag, probed the way libseccomp does
 * ({@code sys_chk_seccomp_flag}): {@code seccomp(SECCOMP_SET_MODE_FILTER, flag, NULL)} fails with
 * EFAULT when the flag is known (the NULL program is read after the flags are checked) and with
 * EINVAL when it is not. Nothing is ever installed.
 */
final class SeccompFlagProbe {
    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int EFAULT = 14;

    private SeccompFlagProbe() {
    }

    /** True when the kernel knows {@code flag}; false when it does not or the probe cannot run. */
    static boolean kernelAccepts(int flag) {
        int nr = LibSeccomp.syscallResolveName("seccomp");
        if (nr < 0) {
            return false;
        }
        Linker linker = Linker.nativeLinker();
        StructLayout state = Linker.Option.captureStateLayout();
        VarHandle errno = state.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        MethodHandle syscall = linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment captured = arena.allocate(state);
            long rc = (long) syscall.invokeExact(captured, (long) nr, SECCOMP_SET_MODE_FILTER, flag, MemorySegment.NULL);
            return rc == -1 && (int) errno.get(captured, 0L) == EFAULT;
        } catch (Throwable t) {
            return false;
        }
    }
}
