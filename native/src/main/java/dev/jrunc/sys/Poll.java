package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;

/**
 * poll(2) on a single descriptor. The runtime uses it to wait for a pidfd to become readable,
 * which the kernel signals when the process has exited, whoever its parent is. Made as ppoll(2)
 * with no signal mask, which is what libc's poll does too: arm64 has no poll system call.
 */
public final class Poll {
    public static final short POLLIN = 0x1;

    // struct pollfd { int fd; short events; short revents; }
    private static final long POLLFD_SIZE = 8;
    private static final long EVENTS_OFFSET = 4;
    private static final long REVENTS_OFFSET = 6;
    // struct timespec { long tv_sec; long tv_nsec; }
    private static final long TIMESPEC_SIZE = 16;

    private Poll() {
    }

    /**
     * Waits up to {@code timeoutMillis} for any of {@code events} on {@code fd}; returns whether
     * the descriptor became ready. EINTR is retried with the time that is left.
     */
    public static boolean await(int fd, short events, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (NativeScope s = new NativeScope()) {
            MemorySegment pollfd = s.arena().allocate(POLLFD_SIZE, 4);
            pollfd.set(JAVA_INT, 0, fd);
            pollfd.set(JAVA_SHORT, EVENTS_OFFSET, events);
            MemorySegment timespec = s.arena().allocate(TIMESPEC_SIZE, 8);
            while (true) {
                long leftMillis = Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000L);
                int timeout = (int) Math.min(Integer.MAX_VALUE, leftMillis);
                pollfd.set(JAVA_SHORT, REVENTS_OFFSET, (short) 0);
                // Set on every round: the kernel writes the time that was left back into it.
                timespec.set(JAVA_LONG, 0, timeout / 1000);
                timespec.set(JAVA_LONG, 8, (timeout % 1000) * 1_000_000L);
                long r = RawSyscall.call(s, SyscallNumbers.PPOLL, RawSyscall.addr(pollfd), 1,
                        RawSyscall.addr(timespec), 0, 0);
                if (r < 0 && s.lastErrno() == Errno.EINTR) {
                    continue;
                }
                s.check(r, "poll", "fd=" + fd + ", events=0x" + Integer.toHexString(events) + ", timeout=" + timeout);
                return r > 0 && pollfd.get(JAVA_SHORT, REVENTS_OFFSET) != 0;
            }
        }
    }
}
