package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * posix_spawn(3): the only way the runtime starts a process, so no Java ever runs in a forked
 * child. The child gets a clean signal state (empty mask, default dispositions), because the
 * JVM's threads block and handle signals a workload must see.
 */
public final class Spawn {
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    // glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80; both are
    // allocated with room to spare.
    private static final long ATTR_SIZE = 512;
    private static final long ACTIONS_SIZE = 256;
    private static final long SIGSET_SIZE = 128;

    private static final MethodHandle SPAWN = Libc.plainCall("posix_spawn", FunctionDescriptor.of(JAVA_INT,
            ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle ACTIONS_INIT = Libc.plainCall("posix_spawn_file_actions_init",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ACTIONS_DESTROY = Libc.plainCall("posix_spawn_file_actions_destroy",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ADD_DUP2 = Libc.plainCall("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle ATTR_INIT = Libc.plainCall("posix_spawnattr_init",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ATTR_DESTROY = Libc.plainCall("posix_spawnattr_destroy",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ATTR_SETFLAGS = Libc.plainCall("posix_spawnattr_setflags",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    private static final MethodHandle ATTR_SETSIGMASK = Libc.plainCall("posix_spawnattr_setsigmask",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle ATTR_SETSIGDEFAULT = Libc.plainCall("posix_spawnattr_setsigdefault",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SIGEMPTYSET = Libc.plainCall("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SIGFILLSET = Libc.plainCall("sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS));

    private Spawn() {
    }

    /** A descriptor placed at {@code target} in the child (its close-on-exec flag cleared). */
    public record FdMapping(int source, int target) {
    }

    /**
     * Spawns {@code path} with {@code argv}/{@code envp}; the child's descriptors are its
     * parent's non-close-on-exec ones plus {@code mappings}. Returns the child's pid.
     */
    public static int spawn(String path, List<String> argv, List<String> envp, List<FdMapping> mappings) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment actions = s.arena().allocate(ACTIONS_SIZE, 16);
            MemorySegment attr = s.arena().allocate(ATTR_SIZE, 16);
            check((int) ACTIONS_INIT.invokeExact(actions), "posix_spawn_file_actions_init", path);
            check((int) ATTR_INIT.invokeExact(attr), "posix_spawnattr_init", path);
            try {
                for (FdMapping m : mappings) {
                    check((int) ADD_DUP2.invokeExact(actions, m.source(), m.target()), "posix_spawn_file_actions_adddup2",
                            m.source() + " -> " + m.target());
                }
                MemorySegment empty = s.arena().allocate(SIGSET_SIZE, 8);
                MemorySegment all = s.arena().allocate(SIGSET_SIZE, 8);
                check((int) SIGEMPTYSET.invokeExact(empty), "sigemptyset", path);
                check((int) SIGFILLSET.invokeExact(all), "sigfillset", path);
                check((int) ATTR_SETSIGMASK.invokeExact(attr, empty), "posix_spawnattr_setsigmask", path);
                check((int) ATTR_SETSIGDEFAULT.invokeExact(attr, all), "posix_spawnattr_setsigdefault", path);
                check((int) ATTR_SETFLAGS.invokeExact(attr, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)),
                        "posix_spawnattr_setflags", path);
                MemorySegment pid = s.arena().allocate(JAVA_INT);
                // posix_spawn returns the error number instead of setting errno.
                int err = (int) SPAWN.invokeExact(pid, s.cstr(path), actions, attr, s.cstrArray(argv), s.cstrArray(envp));
                if (err != 0) {
                    throw new SyscallException("posix_spawn", "path=\"" + path + "\", argv=" + argv, err);
                }
                return pid.get(JAVA_INT, 0);
            } finally {
                int ignored1 = (int) ACTIONS_DESTROY.invokeExact(actions);
                int ignored2 = (int) ATTR_DESTROY.invokeExact(attr);
            }
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    private static void check(int err, String call, String what) {
        if (err != 0) {
            throw new SyscallException(call, what, err);
        }
    }
}
