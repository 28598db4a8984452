package dev.jrunc.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The memory of one native call: a confined arena for its arguments and the errno slot. Bindings
 * open one per call and close it before returning, so no segment outlives the call.
 */
final class NativeScope implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    /** The errno capture segment, passed as the first argument of every errno handle. */
    final MemorySegment errno = arena.allocate(Libc.CAPTURE_LAYOUT);

    Arena arena() {
        return arena;
    }

    MemorySegment cstr(String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }

    MemorySegment bytes(byte[] data) {
        MemorySegment seg = arena.allocate(Math.max(1, data.length));
        MemorySegment.copy(data, 0, seg, ValueLayout.JAVA_BYTE, 0, data.length);
        return seg;
    }

    /** A NULL-terminated char* array, as argv/envp. */
    MemorySegment cstrArray(List<String> strings) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    int lastErrno() {
        return Libc.errno(errno);
    }

    /** Returns {@code result}, or throws naming {@code syscall} and its arguments when it is negative. */
    int check(int result, String syscall, String arguments) {
        if (result < 0) {
            throw new SyscallException(syscall, arguments, lastErrno());
        }
        return result;
    }

    long check(long result, String syscall, String arguments) {
        if (result < 0) {
            throw new SyscallException(syscall, arguments, lastErrno());
        }
        return result;
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Rethrows what a downcall handle threw; handles declare Throwable but only fail on bugs. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
