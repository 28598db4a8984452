package dev.jrunc.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * inotify(7). The runtime watches cgroup control files with it: cgroupfs signals a change of
 * {@code cgroup.events} or {@code memory.events} as IN_MODIFY on the file, which is how runc learns
 * of OOM kills and of a cgroup emptying without polling.
 */
public final class Inotify {
    public static final int IN_MODIFY = 0x00000002;
    /** The watch is gone (its file was removed, or inotify_rm_watch). */
    public static final int IN_IGNORED = 0x00008000;

    private static final int IN_CLOEXEC = 02000000;
    /** sizeof(struct inotify_event) before its name: wd, mask, cookie, len. */
    static final int EVENT_HEADER = 16;
    /** Room for many events; one event is at most EVENT_HEADER + NAME_MAX + 1 bytes. */
    private static final int READ_SIZE = 4096;

    private Inotify() {
    }

    /**
     * One event.
     *
     * @param wd   the watch descriptor it belongs to
     * @param mask what happened (IN_* bits)
     * @param name the entry's name for a watched directory, else ""
     */
    public record Event(int wd, int mask, String name) {
        public boolean is(int bit) {
            return (mask & bit) != 0;
        }
    }

    /** inotify_init1(IN_CLOEXEC): a new inotify descriptor, to be closed with {@link Files#close}. */
    public static int init() {
        try (NativeScope s = new NativeScope()) {
            return (int) s.check(RawSyscall.call(s, SyscallNumbers.INOTIFY_INIT1, IN_CLOEXEC), "inotify_init1",
                    "IN_CLOEXEC");
        }
    }

    /** inotify_add_watch(2): the watch descriptor for {@code path}. */
    public static int addWatch(int fd, String path, int mask) {
        try (NativeScope s = new NativeScope()) {
            long wd = RawSyscall.call(s, SyscallNumbers.INOTIFY_ADD_WATCH, fd, RawSyscall.addr(s.cstr(path)), mask);
            return (int) s.check(wd, "inotify_add_watch",
                    "fd=" + fd + ", path=\"" + path + "\", mask=0x" + Integer.toHexString(mask));
        }
    }

    /** Reads the pending events; blocks until there is at least one (use {@link Poll} first to wait with a timeout). */
    public static List<Event> read(int fd) {
        return parse(Files.read(fd, READ_SIZE));
    }

    /** The events in one read(2) of an inotify descriptor (native byte order, names NUL-padded). */
    static List<Event> parse(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        List<Event> events = new ArrayList<>();
        while (b.remaining() >= EVENT_HEADER) {
            int wd = b.getInt();
            int mask = b.getInt();
            b.getInt(); // cookie: only rename pairs use it
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw new IllegalStateException("truncated inotify event: name length " + len
                        + " with " + b.remaining() + " bytes left");
            }
            int start = b.position();
            int end = start;
            while (end < start + len && data[end] != 0) {
                end++;
            }
            events.add(new Event(wd, mask, new String(data, start, end - start, StandardCharsets.UTF_8)));
            b.position(start + len);
        }
        return events;
    }
}
