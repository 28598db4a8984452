package dev.jrunc.container.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.sys.Files;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdMapTest {
    private static final IdMap.Range ROOTLESS = new IdMap.Range(0, 100_000, 65_536);

    @Test
    void identityMapsEveryIdToItself() {
        IdMap id = IdMap.identity();
        assertTrue(id.isIdentity());
        assertEquals(0, id.hostUid(0));
        assertEquals(1000, id.hostGid(1000));
        assertEquals(-2, id.hostUid(-2));
    }

    @Test
    void hostIdsThroughOneRange() {
        IdMap m = new IdMap(List.of(ROOTLESS), List.of(new IdMap.Range(0, 200_000, 1000)));
        assertFalse(m.isIdentity());
        assertEquals(100_000, m.hostUid(0));
        assertEquals(101_000, m.hostUid(1000));
        assertEquals(165_535, m.hostUid(65_535));
        assertEquals(200_000, m.hostGid(0));
        assertEquals(200_999, m.hostGid(999));
    }

    @Test
    void unmappedIdsBecomeTheOverflowId() {
        IdMap m = new IdMap(List.of(ROOTLESS), List.of(new IdMap.Range(0, 200_000, 1000)));
        assertEquals(65_534, m.hostUid(65_536));
        assertEquals(65_534, m.hostUid(-1));
        assertEquals(65_534, m.hostGid(1000));
    }

    @Test
    void severalRangesAndLargeIds() {
        IdMap m = new IdMap(List.of(new IdMap.Range(0, 1000, 1), new IdMap.Range(1, 100_000, 999),
                new IdMap.Range(4_294_967_294L, 5, 1)), List.of(new IdMap.Range(0, 3_000_000_000L, 10)));
        assertEquals(1000, m.hostUid(0));
        assertEquals(100_000, m.hostUid(1));
        assertEquals(100_998, m.hostUid(999));
        assertEquals(65_534, m.hostUid(1000));
        // Container id 4294967294 is -2 as an int.
        assertEquals(5, m.hostUid(-2));
        // A host id above 2^31 comes back as the same 32 bits.
        assertEquals(3_000_000_003L, Integer.toUnsignedLong(m.hostGid(3)));
    }

    @Test
    void procFormatIsOneLinePerRange() {
        assertEquals("0 100000 65536\n1000 2000 1\n",
                IdMap.procFormat(List.of(ROOTLESS, new IdMap.Range(1000, 2000, 1))));
        assertEquals("0 0 4294967295\n", IdMap.procFormat(List.of(new IdMap.Range(0, 0, 4_294_967_295L))));
        assertEquals("", IdMap.procFormat(List.of()));
    }

    /** One read(2), like the kernel file is meant to be read. */
    private static List<IdMap.Range> readOnce(String file) {
        int fd = Files.open("/proc/self/" + file, Files.O_RDONLY);
        try {
            String text = new String(Files.read(fd, 4096), StandardCharsets.US_ASCII);
            List<IdMap.Range> out = new ArrayList<>();
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3) {
                    out.add(new IdMap.Range(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
                }
            }
            return out;
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void ofProcessReadsTheMapsOfAProcess() {
        IdMap own = IdMap.ofProcess((int) ProcessHandle.current().pid());
        assertEquals(readOnce("uid_map"), own.uids());
        assertEquals(readOnce("gid_map"), own.gids());
    }

    @Test
    void ofProcessInTheInitialUserNamespaceIsTheFullIdentityRange() {
        List<IdMap.Range> full = List.of(new IdMap.Range(0, 0, 4_294_967_295L));
        assumeTrue(readOnce("uid_map").equals(full), "this JVM runs in a child user namespace");
        IdMap own = IdMap.ofProcess((int) ProcessHandle.current().pid());
        assertEquals(full, own.uids());
        assertEquals(full, own.gids());
        assertEquals("0 0 4294967295\n", IdMap.procFormat(own.uids()));
        assertEquals(123_456, own.hostUid(123_456));
        assertEquals(-2, own.hostUid(-2));
    }

    @Test
    void ofProcessOfAMissingPidFails() {
        assertThrows(UncheckedIOException.class, () -> IdMap.ofProcess(Integer.MAX_VALUE));
    }
}
