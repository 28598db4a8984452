package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemFdTest {
    private static final byte[] CONTENT = "sealed content\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void contentIsReadableThroughProcSelfFd() throws IOException {
        int fd = MemFd.sealedCopy("jrunc-test", CONTENT);
        try {
            assertArrayEquals(CONTENT, java.nio.file.Files.readAllBytes(Path.of("/proc/self/fd/" + fd)));
            assertTrue(NativeTestSupport.fdTarget(fd).startsWith("/memfd:jrunc-test"), NativeTestSupport.fdTarget(fd));
            assertEquals(Files.O_CLOEXEC, NativeTestSupport.openFlags(fd) & Files.O_CLOEXEC);
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void theCopyIsReadAndExecuteOnly() {
        int fd = MemFd.sealedCopy("jrunc-test", CONTENT);
        try {
            Files.Stat st = Files.fstatat(fd, "", Files.AT_EMPTY_PATH);
            assertEquals(Files.S_IFREG, st.type());
            assertEquals(0500, st.mode() & 07777);
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void writesThroughTheOriginalDescriptorAreRefusedWithEperm() {
        int fd = MemFd.sealedCopy("jrunc-test", CONTENT);
        try {
            SyscallException e = assertThrows(SyscallException.class, () -> Files.writeFully(fd, new byte[] {'x'}));
            assertEquals(Errno.EPERM, e.errno());
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void writesThroughAReopenedDescriptorAreRefusedWithEperm() throws IOException {
        // Root passes the 0500 permission check, so only the seals stand between it and the content.
        assumeTrue(NativeTestSupport.isRoot(), NativeTestSupport.NEEDS_ROOT);
        int fd = MemFd.sealedCopy("jrunc-test", CONTENT);
        try {
            int writable = Files.open("/proc/self/fd/" + fd, Files.O_WRONLY);
            try {
                SyscallException e = assertThrows(SyscallException.class,
                        () -> Files.writeFully(writable, "overwrite".getBytes(StandardCharsets.UTF_8)));
                assertEquals(Errno.EPERM, e.errno());
            } finally {
                Files.close(writable);
            }
            try (FileChannel ch = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.WRITE)) {
                IOException e = assertThrows(IOException.class, () -> ch.truncate(1));
                assertTrue(e.getMessage().contains("Operation not permitted"), e.getMessage());
            }
            assertArrayEquals(CONTENT, java.nio.file.Files.readAllBytes(Path.of("/proc/self/fd/" + fd)));
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void aSealedCopyOfABinaryCanBeSpawned() throws IOException {
        byte[] falseBinary = java.nio.file.Files.readAllBytes(Path.of("/bin/false").toRealPath());
        int fd = MemFd.sealedCopy("false", falseBinary);
        try {
            int pid = Spawn.spawn("/proc/self/fd/" + fd, List.of("false"), List.of(), List.of());
            assertEquals(1, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)));
        } finally {
            Files.close(fd);
        }
    }
}
