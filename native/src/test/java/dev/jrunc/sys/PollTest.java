package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void awaitReportsReadinessAndTimesOut() {
        int[] pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        try {
            long start = System.nanoTime();
            assertFalse(Poll.await(pair[1], Poll.POLLIN, 50));
            assertTrue(System.nanoTime() - start >= 40_000_000L, "returned before the timeout");
            Sockets.send(pair[0], new byte[] {1}, -1);
            assertTrue(Poll.await(pair[1], Poll.POLLIN, 1000));
        } finally {
            Files.close(pair[0]);
            Files.close(pair[1]);
        }
    }

    @Test
    void aClosedPeerMakesTheSocketReady() {
        int[] pair = Sockets.socketpair(Sockets.SOCK_SEQPACKET);
        try {
            Files.close(pair[0]);
            assertTrue(Poll.await(pair[1], Poll.POLLIN, 1000));
        } finally {
            Files.close(pair[1]);
        }
    }
}
