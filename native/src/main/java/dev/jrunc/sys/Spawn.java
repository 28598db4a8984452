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
            check((int) ActionsInit.H.invokeExact(actions), "posix_spawn_file_actions_init", path);
            check((int) AttrInit.H.invokeExact(attr), "posix_spawnattr_init", path);
            try {
                for (FdMapping m : mappings) {
                    check((int) AddDup2.H.invokeExact(actions, m.source(), m.target()),
                            "posix_spawn_file_actions_adddup2",
                            m.source() + " -> " + m.target());
                }
                MemorySegment empty = s.arena().allocate(SIGSET_SIZE, 8);
                MemorySegment all = s.arena().allocate(SIGSET_SIZE, 8);
                check((int) Sigemptyset.H.invokeExact(empty), "sigemptyset", path);
                check((int) Sigfillset.H.invokeExact(all), "sigfillset", path);
                check((int) AttrSetsigmask.H.invokeExact(attr, empty), "posix_spawnattr_setsigmask", path);
                check((int) AttrSetsigdefault.H.invokeExact(attr, all), "posix_spawnattr_setsigdefault", path);
                check((int) AttrSetflags.H.invokeExact(attr, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)),
                        "posix_spawnattr_setflags", path);
                MemorySegment pid = s.arena().allocate(JAVA_INT);
                // posix_spawn returns the error number instead of setting errno.
                int err = (int) PosixSpawn.H.invokeExact(pid, s.cstr(path), actions, attr, s.cstrArray(argv),
                        s.cstrArray(envp));
                if (err != 0) {
                    throw new SyscallException("posix_spawn", "path=\"" + path + "\", argv=" + argv, err);
                }
                return pid.get(JAVA_INT, 0);
            } finally {
                int ignored1 = (int) ActionsDestroy.H.invokeExact(actions);
                int ignored2 = (int) AttrDestroy.H.invokeExact(attr);
            }
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /**
     * posix_spawn(3) with neither file actions nor attributes, for jrunc's helper, which puts
     * its descriptors and its signal state in order itself: the child inherits every descriptor
     * that is not close-on-exec, at its own number, and the calling thread's signal mask and the
     * process's ignored signals. It spares a cold JVM the file-action and attribute calls, four
     * native descriptor shapes of their own to link. A descriptor a caller makes inheritable for
     * this goes to anything the process spawns meanwhile: for a caller that spawns nothing else
     * at the same time.
     */
    public static int spawnBare(String path, List<String> argv, List<String> envp) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment pid = s.arena().allocate(JAVA_INT);
            // posix_spawn returns the error number instead of setting errno.
            int err = (int) PosixSpawn.H.invokeExact(pid, s.cstr(path), MemorySegment.NULL, MemorySegment.NULL,
                    s.cstrArray(argv), s.cstrArray(envp));
            if (err != 0) {
                throw new SyscallException("posix_spawn", "path=\"" + path + "\", argv=" + argv, err);
            }
            return pid.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    private static void check(int err, String call, String what) {
        if (err != 0) {
            throw new SyscallException(call, what, err);
        }
    }

    // One holder class per function, initialised on its first call: a downcall handle costs
    // milliseconds to make in a cold JVM, and one command needs only a few of them.

    private static final class PosixSpawn {
        static final MethodHandle H = Libc.plainCall("posix_spawn",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    }

    private static final class ActionsInit {
        static final MethodHandle H = Libc.plainCall("posix_spawn_file_actions_init",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class ActionsDestroy {
        static final MethodHandle H = Libc.plainCall("posix_spawn_file_actions_destroy",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class AddDup2 {
        static final MethodHandle H = Libc.plainCall("posix_spawn_file_actions_adddup2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class AttrInit {
        static final MethodHandle H = Libc.plainCall("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class AttrDestroy {
        static final MethodHandle H = Libc.plainCall("posix_spawnattr_destroy",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class AttrSetflags {
        static final MethodHandle H = Libc.plainCall("posix_spawnattr_setflags",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    }

    private static final class AttrSetsigmask {
        static final MethodHandle H = Libc.plainCall("posix_spawnattr_setsigmask",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class AttrSetsigdefault {
        static final MethodHandle H = Libc.plainCall("posix_spawnattr_setsigdefault",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class Sigemptyset {
        static final MethodHandle H = Libc.plainCall("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class Sigfillset {
        static final MethodHandle H = Libc.plainCall("sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
}
