package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * poll(2) on a single descriptor. The runtime uses it to wait for a pidfd to become readable,
 * which the kernel signals when the process has exited, whoever its parent is.
 */
public final class Poll {
    public static final short POLLIN = 0x1;

    // struct pollfd { int fd; short events; short revents; }
    private static final long POLLFD_SIZE = 8;
    private static final long EVENTS_OFFSET = 4;
    private static final long REVENTS_OFFSET = 6;

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
            while (true) {
                long leftMillis = Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000L);
                int timeout = (int) Math.min(Integer.MAX_VALUE, leftMillis);
                pollfd.set(JAVA_SHORT, REVENTS_OFFSET, (short) 0);
                int r = (int) PollFn.H.invokeExact(s.errno, pollfd, 1L, timeout);
                if (r < 0 && s.lastErrno() == Errno.EINTR) {
                    continue;
                }
                s.check(r, "poll", "fd=" + fd + ", events=0x" + Integer.toHexString(events) + ", timeout=" + timeout);
                return r > 0 && pollfd.get(JAVA_SHORT, REVENTS_OFFSET) != 0;
            }
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    // One holder class per function, initialised on its first call: a downcall handle costs
    // milliseconds to make in a cold JVM, and one command needs only a few of them.

    private static final class PollFn {
        static final MethodHandle H = Libc.errnoCall("poll",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }
}
