package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InotifyTest {

    @Test
    void aWriteToAWatchedFileIsAModifyEventOfItsWatch(@TempDir Path dir) throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("memory.events"), "oom_kill 0\n");
        int fd = Inotify.init();
        try {
            assertEquals(Files.O_CLOEXEC, NativeTestSupport.openFlags(fd) & Files.O_CLOEXEC);
            int wd = Inotify.addWatch(fd, file.toString(), Inotify.IN_MODIFY);
            assertFalse(Poll.await(fd, Poll.POLLIN, 20), "an event before any change");

            java.nio.file.Files.writeString(file, "oom_kill 1\n");

            assertTrue(Poll.await(fd, Poll.POLLIN, 1000), "no event after a write");
            List<Inotify.Event> events = Inotify.read(fd);
            assertFalse(events.isEmpty());
            for (Inotify.Event e : events) {
                assertEquals(wd, e.wd());
                assertTrue(e.is(Inotify.IN_MODIFY), () -> "mask 0x" + Integer.toHexString(e.mask()));
                assertEquals("", e.name());
            }
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void watchingAMissingFileNamesTheCallAndPath(@TempDir Path dir) {
        int fd = Inotify.init();
        try {
            String missing = dir.resolve("missing").toString();
            SyscallException e = assertThrows(SyscallException.class,
                    () -> Inotify.addWatch(fd, missing, Inotify.IN_MODIFY));
            assertTrue(e.is(Errno.ENOENT), e.getMessage());
            assertTrue(e.getMessage().startsWith("inotify_add_watch("), e.getMessage());
            assertTrue(e.getMessage().contains(missing), e.getMessage());
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void parseReadsSeveralEventsWithPaddedNames() {
        ByteBuffer b = ByteBuffer.allocate(2 * Inotify.EVENT_HEADER + 16).order(ByteOrder.nativeOrder());
        b.putInt(3).putInt(Inotify.IN_MODIFY).putInt(0).putInt(16).put("cgroup.events\0\0\0".getBytes());
        b.putInt(4).putInt(Inotify.IN_IGNORED).putInt(0).putInt(0);

        List<Inotify.Event> events = Inotify.parse(b.array());

        assertEquals(List.of(new Inotify.Event(3, Inotify.IN_MODIFY, "cgroup.events"),
                new Inotify.Event(4, Inotify.IN_IGNORED, "")), events);
    }

    @Test
    void parseRefusesANameLongerThanTheRead() {
        ByteBuffer b = ByteBuffer.allocate(Inotify.EVENT_HEADER + 4).order(ByteOrder.nativeOrder());
        b.putInt(1).putInt(Inotify.IN_MODIFY).putInt(0).putInt(32).put("abc\0".getBytes());
        assertThrows(IllegalStateException.class, () -> Inotify.parse(b.array()));
    }
}
