package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerminalsTest {
    private static final String PTMX = "/dev/ptmx";

    @Test
    void aNewPtyIsAConnectedPairWhoseSizeCanBeSetAndRead() {
        assumeTrue(java.nio.file.Files.exists(Path.of(PTMX)), "this machine has no " + PTMX + " to open ptys from");
        Terminals.Pty pty = Terminals.open(PTMX);
        try {
            assertEquals("/dev/pts/" + pty.number(), NativeTestSupport.fdTarget(pty.slave()));
            assertEquals(Files.O_CLOEXEC, NativeTestSupport.openFlags(pty.slave()) & Files.O_CLOEXEC);

            Terminals.setSize(pty.master(), 37, 123);
            assertEquals(Optional.of(new Terminals.Size(37, 123)), Terminals.size(pty.slave()));

            // The slave was unlocked (TIOCSPTLCK) and is the master's peer: bytes cross.
            Files.writeFully(pty.master(), "x\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertTrue(Poll.await(pty.slave(), Poll.POLLIN, 5000), "nothing arrived on the slave");
            assertEquals("x\n", new String(Files.read(pty.slave(), 16), java.nio.charset.StandardCharsets.US_ASCII));
        } finally {
            Files.close(pty.slave());
            Files.close(pty.master());
        }
    }

    @Test
    void aPipeHasNoSizeAndCannotBeGivenOne() {
        int[] pair = Sockets.socketpair(Sockets.SOCK_STREAM);
        try {
            assertEquals(Optional.empty(), Terminals.size(pair[0]));
            SyscallException e = assertThrows(SyscallException.class, () -> Terminals.setSize(pair[0], 24, 80));
            assertEquals(Errno.ENOTTY, e.errno());
            assertEquals("ioctl(fd=" + pair[0] + ", TIOCSWINSZ, 24x80): Inappropriate ioctl for device (ENOTTY)",
                    e.getMessage());
        } finally {
            Files.close(pair[0]);
            Files.close(pair[1]);
        }
    }

    @Test
    void makeRawOfANonTerminalChangesNothing() {
        int[] pair = Sockets.socketpair(Sockets.SOCK_STREAM);
        try {
            assertEquals(Optional.empty(), Terminals.makeRaw(pair[0]));
        } finally {
            Files.close(pair[0]);
            Files.close(pair[1]);
        }
    }
}
