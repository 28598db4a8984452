package dev.jrunc.container.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Files;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CapabilityNamesTest {

    /** cap_last_cap read with ONE read(2): a sysctl answers a read at a non-zero offset with EOF. */
    private static int capLastCapOneRead() {
        int fd = Files.open("/proc/sys/kernel/cap_last_cap", Files.O_RDONLY);
        try {
            return Integer.parseInt(new String(Files.read(fd, 64), StandardCharsets.US_ASCII).strip());
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void lastCapIsTheKernels() {
        int kernel = capLastCapOneRead();
        assertTrue(kernel >= 36, "cap_last_cap " + kernel);
        assertEquals(kernel, CapabilityNames.lastCap());
    }

    @Test
    void numbersMatchTheKernelHeader() throws IOException {
        Path header = Path.of("/usr/include/linux/capability.h");
        assumeTrue(java.nio.file.Files.exists(header), "no " + header + " (install linux-libc-dev)");
        Map<String, Integer> defined = new TreeMap<>();
        Matcher m = Pattern.compile("^#define\\s+(CAP_[A-Z_]+)\\s+(\\d+)\\s*$", Pattern.MULTILINE)
                .matcher(java.nio.file.Files.readString(header));
        while (m.find()) {
            if (!m.group(1).equals("CAP_LAST_CAP")) {
                defined.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        assertTrue(defined.size() >= 38, "parsed only " + defined);
        for (Map.Entry<String, Integer> e : defined.entrySet()) {
            assertEquals(e.getValue(), CapabilityNames.number(e.getKey(), "f"), e.getKey());
        }
    }

    @Test
    void wellKnownNumbers() {
        assertEquals(0, CapabilityNames.number("CAP_CHOWN", "f"));
        assertEquals(5, CapabilityNames.number("CAP_KILL", "f"));
        assertEquals(21, CapabilityNames.number("CAP_SYS_ADMIN", "f"));
        assertEquals(40, CapabilityNames.number("CAP_CHECKPOINT_RESTORE", "f"));
        // Names are case-insensitive.
        assertEquals(5, CapabilityNames.number("cap_kill", "f"));
    }

    @Test
    void maskOfNames() {
        assertEquals(0L, CapabilityNames.mask(List.of(), "f", 40));
        assertEquals(0x21L, CapabilityNames.mask(List.of("CAP_CHOWN", "CAP_KILL"), "f", 40));
        assertEquals(0x21L, CapabilityNames.mask(List.of("CAP_KILL", "CAP_CHOWN", "CAP_KILL"), "f", 40));
        assertEquals(1L << 40 | 1L << 21, CapabilityNames.mask(List.of("CAP_CHECKPOINT_RESTORE", "CAP_SYS_ADMIN"), "f", 40));
        assertEquals(0x1ff_ffff_ffffL, CapabilityNames.mask(allNames(), "f", 40));
    }

    @Test
    void capabilitiesNewerThanTheKernelAreLeftOut() {
        assertEquals(1L << 21, CapabilityNames.mask(List.of("CAP_CHECKPOINT_RESTORE", "CAP_BPF", "CAP_SYS_ADMIN"), "f", 38));
        assertEquals((1L << 38) - 1 | 1L << 38, CapabilityNames.mask(allNames(), "f", 38));
    }

    @Test
    void anUnknownNameIsAnErrorNamingTheField() {
        ContainerException e = assertThrows(ContainerException.class,
                () -> CapabilityNames.mask(List.of("CAP_KILL", "CAP_BOGUS"), "process.capabilities.bounding", 40));
        assertEquals("process.capabilities.bounding: unknown capability \"CAP_BOGUS\"", e.getMessage());
        ContainerException n = assertThrows(ContainerException.class,
                () -> CapabilityNames.number("KILL", "process.capabilities.ambient"));
        assertEquals("process.capabilities.ambient: unknown capability \"KILL\"", n.getMessage());
        assertThrows(ContainerException.class, () -> CapabilityNames.number("", "f"));
    }

    private static List<String> allNames() {
        return List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
                "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
                "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
                "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
                "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
                "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
                "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
                "CAP_CHECKPOINT_RESTORE");
    }
}
