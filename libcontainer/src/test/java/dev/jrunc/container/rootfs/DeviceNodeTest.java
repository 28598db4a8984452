package dev.jrunc.container.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrunc.sys.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceNodeTest {

    @Test
    void defaultsAreRuncsSixDevices() {
        assertEquals(List.of("/dev/null 1:3", "/dev/zero 1:5", "/dev/full 1:7", "/dev/random 1:8", "/dev/urandom 1:9",
                "/dev/tty 5:0"), DeviceNode.DEFAULTS.stream().map(d -> d.path() + " " + d.major() + ":" + d.minor()).toList());
        for (DeviceNode d : DeviceNode.DEFAULTS) {
            assertEquals('c', d.type(), d.path());
            assertEquals(0666, d.mode(), d.path());
            assertEquals(0, d.uid(), d.path());
            assertEquals(0, d.gid(), d.path());
        }
    }

    @Test
    void fileTypeBits() {
        assertEquals(Files.S_IFCHR, new DeviceNode("/dev/c", 'c', 1, 3, 0666, 0, 0).fileType());
        assertEquals(Files.S_IFCHR, new DeviceNode("/dev/u", 'u', 1, 3, 0666, 0, 0).fileType());
        assertEquals(Files.S_IFBLK, new DeviceNode("/dev/b", 'b', 8, 0, 0660, 0, 6).fileType());
        assertEquals(Files.S_IFIFO, new DeviceNode("/dev/p", 'p', 0, 0, 0600, 0, 0).fileType());
    }
}
