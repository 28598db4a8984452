package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;

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
            s.check(RawSyscall.call(s, SyscallNumbers.KILL, pid, signal), "kill", "pid=" + pid + ", sig=" + signal);
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
     * child has not changed state yet. EINTR is retried. Made as wait4 with no rusage, which is
     * all libc's waitpid does (arm64 has no waitpid system call).
     */
    public static int waitpid(int pid, boolean noHang) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment status = s.arena().allocate(JAVA_INT);
            while (true) {
                long r = RawSyscall.call(s, SyscallNumbers.WAIT4, pid, RawSyscall.addr(status), noHang ? WNOHANG : 0, 0);
                if (r < 0 && s.lastErrno() == Errno.EINTR) {
                    continue;
                }
                s.check(r, "waitpid", "pid=" + pid);
                return r == 0 ? -1 : status.get(JAVA_INT, 0);
            }
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

    /** getpid(2), which cannot fail. */
    public static int currentPid() {
        try (NativeScope s = new NativeScope()) {
            return (int) RawSyscall.call(s, SyscallNumbers.GETPID);
        }
    }

    /**
     * sched_setaffinity(2) on process {@code pid}; {@code mask} is a kernel cpumask (CPU n at bit
     * n%8 of byte n/8). The kernel keeps only CPUs that exist and the process's cpuset allows.
     */
    public static void schedSetaffinity(int pid, byte[] mask) {
        try (NativeScope s = new NativeScope()) {
            long r = RawSyscall.call(s, SyscallNumbers.SCHED_SETAFFINITY, pid, mask.length, RawSyscall.addr(s.bytes(mask)));
            s.check(r, "sched_setaffinity", "pid=" + pid + ", " + mask.length + "-byte mask");
        }
    }

    private static void prctl(int option, long arg, String name) {
        try (NativeScope s = new NativeScope()) {
            s.check(RawSyscall.call(s, SyscallNumbers.PRCTL, option, arg, 0, 0, 0), "prctl", name + ", " + arg);
        }
    }
}
