package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NsexecHelperTest {

    @Test
    void sealedExecutableIsAnElfFile() throws IOException {
        int fd = NsexecHelper.sealedExecutable();
        try {
            byte[] content = java.nio.file.Files.readAllBytes(Path.of("/proc/self/fd/" + fd));
            assertTrue(content.length > 1000, "only " + content.length + " bytes");
            assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, Arrays.copyOf(content, 4));
            assertEquals(0500, Files.fstatat(fd, "", Files.AT_EMPTY_PATH).mode() & 07777);
            SyscallException e = assertThrows(SyscallException.class, () -> Files.writeFully(fd, new byte[] {0}));
            assertEquals(Errno.EPERM, e.errno());
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void theHelperRefusesToRunWithoutItsSocketArgument() {
        int exe = NsexecHelper.sealedExecutable();
        int[] pair = Sockets.socketpair(Sockets.SOCK_STREAM);
        try {
            int pid = Spawn.spawn("/proc/self/fd/" + exe, List.of("jrunc-nsexec"), List.of(),
                    List.of(new Spawn.FdMapping(pair[1], 2)));
            assertEquals(2, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)));
            Files.close(pair[1]);
            pair[1] = -1;
            assertEquals("jrunc-nsexec is started by jrunc, not by hand\n", NativeTestSupport.readAll(pair[0]));
        } finally {
            Files.close(exe);
            Files.closeQuietly(pair[0]);
            Files.closeQuietly(pair[1]);
        }
    }
}
