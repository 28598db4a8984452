package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Signals, pidfds, waiting and process-wide prctl settings. */
public final class Processes {
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int PR_SET_DUMPABLE = 4;
    private static final int WNOHANG = 1;

    private Processes() {
    }

    /** kill(2). */
    public static void kill(int pid, int signal) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) Kill.H.invokeExact(s.errno, pid, signal), "kill", "pid=" + pid + ", sig=" + signal);
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /** A pidfd for {@code pid}; the caller closes it with {@link Files#close}. */
    public static int pidfdOpen(int pid) {
        try (NativeScope s = new NativeScope()) {
            long fd = RawSyscall.call(s, SyscallNumbers.PIDFD_OPEN, pid, 0, 0, 0, 0);
            return (int) s.check(fd, "pidfd_open", "pid=" + pid);
        }
    }

    /** pidfd_send_signal(2): signals exactly the process the pidfd refers to, immune to pid reuse. */
    public static void pidfdSendSignal(int pidfd, int signal) {
        try (NativeScope s = new NativeScope()) {
            long r = RawSyscall.call(s, SyscallNumbers.PIDFD_SEND_SIGNAL, pidfd, signal, 0, 0, 0);
            s.check(r, "pidfd_send_signal", "pidfd=" + pidfd + ", sig=" + signal);
        }
    }

    /**
     * waitpid(2) for one child; returns the raw wait status, or -1 with {@code noHang} when the
     * child has not changed state yet. EINTR is retried.
     */
    public static int waitpid(int pid, boolean noHang) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment status = s.arena().allocate(JAVA_INT);
            while (true) {
                int r = (int) Waitpid.H.invokeExact(s.errno, pid, status, noHang ? WNOHANG : 0);
                if (r < 0 && s.lastErrno() == Errno.EINTR) {
                    continue;
                }
                s.check(r, "waitpid", "pid=" + pid);
                return r == 0 ? -1 : status.get(JAVA_INT, 0);
            }
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /** The exit code a shell would report for a raw wait status: the code, or 128 + signal. */
    public static int exitCode(int waitStatus) {
        int signal = waitStatus & 0x7f;
        return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal;
    }

    /** Makes this process adopt orphaned descendants, so `run` can wait for the container init. */
    public static void becomeChildSubreaper() {
        prctl(PR_SET_CHILD_SUBREAPER, 1, "PR_SET_CHILD_SUBREAPER");
    }

    /** Marks this process non-dumpable so nothing in a container can open its /proc entries. */
    public static void makeNonDumpable() {
        prctl(PR_SET_DUMPABLE, 0, "PR_SET_DUMPABLE");
    }

    public static int currentPid() {
        try {
            return (int) Getpid.H.invokeExact();
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /**
     * sched_setaffinity(2) on process {@code pid}; {@code mask} is a kernel cpumask (CPU n at bit
     * n%8 of byte n/8). The kernel keeps only CPUs that exist and the process's cpuset allows.
     */
    public static void schedSetaffinity(int pid, byte[] mask) {
        try (NativeScope s = new NativeScope()) {
            int r = (int) SchedSetaffinity.H.invokeExact(s.errno, pid, (long) mask.length, s.bytes(mask));
            s.check(r, "sched_setaffinity", "pid=" + pid + ", " + mask.length + "-byte mask");
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /** Created on first use: only an exec with an initial CPU affinity needs it. */
    private static final class SchedSetaffinity {
        static final MethodHandle H = Libc.errnoCall("sched_setaffinity",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    }

    private static void prctl(int option, long arg, String name) {
        try (NativeScope s = new NativeScope()) {
            int r = (int) Prctl.H.invokeExact(s.errno, option, arg, 0L, 0L, 0L);
            s.check(r, "prctl", name + ", " + arg);
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    // One holder class per function, initialised on its first call: a downcall handle costs
    // milliseconds to make in a cold JVM, and one command needs only a few of them.

    private static final class Kill {
        static final MethodHandle H = Libc.errnoCall("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Waitpid {
        static final MethodHandle H = Libc.errnoCall("waitpid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Prctl {
        static final MethodHandle H = Libc.variadicErrnoCall("prctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), 1);
    }

    private static final class Getpid {
        static final MethodHandle H = Libc.plainCall("getpid", FunctionDescriptor.of(JAVA_INT));
    }
}
