package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketsTest {
    @TempDir
    Path tmp;

    private int[] pair;

    @AfterEach
    void tearDown() {
        if (pair != null) {
            Files.closeQuietly(pair[0]);
            Files.closeQuietly(pair[1]);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Sockets.Packet p) {
        return new String(p.data(), StandardCharsets.UTF_8);
    }

    @Test
    void socketpairEndsAreCloexec() {
        pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        assertNotEquals(pair[0], pair[1]);
        // /proc/self/fdinfo adds O_CLOEXEC to "flags" when the descriptor's FD_CLOEXEC is set.
        for (int fd : pair) {
            assertTrue(NativeTestSupport.fdTarget(fd).startsWith("socket:["), NativeTestSupport.fdTarget(fd));
            assertEquals(Files.O_CLOEXEC, NativeTestSupport.openFlags(fd) & Files.O_CLOEXEC);
        }
    }

    @Test
    void seqpacketKeepsMessageBoundaries() {
        pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        Sockets.send(pair[0], bytes("a"), -1);
        Sockets.send(pair[0], bytes("bb"), -1);
        Sockets.send(pair[0], bytes("ccc"), -1);
        Sockets.Packet first = Sockets.receive(pair[1], 100);
        assertEquals("a", text(first));
        assertEquals(-1, first.fd());
        assertEquals("bb", text(Sockets.receive(pair[1], 100)));
        assertEquals("ccc", text(Sockets.receive(pair[1], 100)));
    }

    @Test
    void seqpacketDropsWhatDoesNotFitInsteadOfMergingMessages() {
        pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        Sockets.send(pair[0], bytes("12345"), -1);
        Sockets.send(pair[0], bytes("next"), -1);
        assertEquals("12", text(Sockets.receive(pair[1], 2)));
        assertEquals("next", text(Sockets.receive(pair[1], 100)));
    }

    @Test
    void bothDirectionsWork() {
        pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        Sockets.send(pair[1], bytes("back"), -1);
        assertEquals("back", text(Sockets.receive(pair[0], 100)));
    }

    @Test
    void aClosedPeerGivesAnEmptyPacket() {
        pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        Files.close(pair[0]);
        Sockets.Packet p = Sockets.receive(pair[1], 100);
        pair[0] = -1;
        assertEquals(0, p.data().length);
        assertEquals(-1, p.fd());
    }

    @Test
    void scmRightsPassesADescriptorOfATempFile() throws IOException {
        Path file = java.nio.file.Files.writeString(tmp.resolve("passed.txt"), "through the socket");
        pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        int fd = Files.open(file.toString(), Files.O_RDONLY);
        Sockets.send(pair[0], bytes("x"), fd);
        Files.close(fd);

        Sockets.Packet p = Sockets.receive(pair[1], 100);
        assertEquals("x", text(p));
        assertTrue(p.fd() >= 0, "no descriptor received");
        try {
            assertEquals(file.toString(), NativeTestSupport.fdTarget(p.fd()));
            assertEquals("through the socket", NativeTestSupport.readAll(p.fd()));
            // Received with MSG_CMSG_CLOEXEC.
            assertEquals(Files.O_CLOEXEC, NativeTestSupport.openFlags(p.fd()) & Files.O_CLOEXEC);
        } finally {
            Files.close(p.fd());
        }
    }

    @Test
    void anEmptyMessageCanCarryADescriptor() throws IOException {
        Path file = java.nio.file.Files.writeString(tmp.resolve("f"), "x");
        pair = Sockets.socketpair(Sockets.SOCK_STREAM);
        int fd = Files.open(file.toString(), Files.O_RDONLY);
        // A stream socket needs at least one byte for the control message to travel.
        Sockets.send(pair[0], new byte[] {0}, fd);
        Files.close(fd);
        Sockets.Packet p = Sockets.receive(pair[1], 10);
        try {
            assertArrayEquals(new byte[] {0}, p.data());
            assertEquals(file.toString(), NativeTestSupport.fdTarget(p.fd()));
        } finally {
            Files.closeQuietly(p.fd());
        }
    }

    @Test
    void sendingABadDescriptorFailsNamingIt() {
        pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        SyscallException e = assertThrows(SyscallException.class, () -> Sockets.send(pair[0], bytes("x"), 999_999));
        assertEquals(Errno.EBADF, e.errno());
        assertEquals("sendmsg(fd=" + pair[0] + ", bytes=1, SCM_RIGHTS fd=999999): Bad file descriptor (EBADF)",
                e.getMessage());
    }

    @Test
    void connectReachesAListeningUnixSocket() throws IOException {
        Path path = tmp.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            int fd = Sockets.connect(path.toString());
            try (SocketChannel accepted = server.accept()) {
                Files.writeFully(fd, bytes("hello"));
                ByteBuffer buf = ByteBuffer.allocate(16);
                while (buf.position() < 5) {
                    accepted.read(buf);
                }
                assertEquals("hello", new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
                accepted.write(ByteBuffer.wrap(bytes("back")));
                assertEquals("back", new String(Files.read(fd, 4), StandardCharsets.UTF_8));
            } finally {
                Files.close(fd);
            }
        }
    }

    @Test
    void connectToAMissingSocketNamesThePath() {
        String path = tmp.resolve("missing.sock").toString();
        SyscallException e = assertThrows(SyscallException.class, () -> Sockets.connect(path));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("connect(path=\"" + path + "\"): No such file or directory (ENOENT)", e.getMessage());
    }

    @Test
    void connectRefusesAPathTooLongForSunPath() {
        String path = "/" + "x".repeat(120);
        SyscallException e = assertThrows(SyscallException.class, () -> Sockets.connect(path));
        assertEquals(Errno.EINVAL, e.errno());
    }
}
