package dev.jrunc.container.process;

import dev.jrunc.container.ContainerException;
import java.util.List;

/** Linux capability names and numbers, and the masks of spec capability lists. */
public final class CapabilityNames {
    private static final List<String> NAMES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    private CapabilityNames() {
    }

    /** Every capability name this runtime knows, in capability-number order. */
    public static List<String> all() {
        return NAMES;
    }

    /** The highest capability number this kernel knows (/proc/sys/kernel/cap_last_cap). */
    public static int lastCap() {
        // One read(2): sysctl files answer a read at a non-zero offset with EOF, and Java's
        // Files.readString reads in pieces, which turns "40" into "4".
        int fd = dev.jrunc.sys.Files.open("/proc/sys/kernel/cap_last_cap", dev.jrunc.sys.Files.O_RDONLY);
        try {
            String text = new String(dev.jrunc.sys.Files.read(fd, 64), java.nio.charset.StandardCharsets.US_ASCII);
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return NAMES.size() - 1;
        } finally {
            dev.jrunc.sys.Files.closeQuietly(fd);
        }
    }

    /** The number of {@code name}, or an error naming the list it came from. */
    public static int number(String name, String field) {
        int n = NAMES.indexOf(name.toUpperCase(java.util.Locale.ROOT));
        if (n < 0) {
            throw new ContainerException(field + ": unknown capability \"" + name + "\"");
        }
        return n;
    }

    /**
     * The mask of {@code names}; capabilities newer than the running kernel ({@code lastCap})
     * are left out, as runc does, since the kernel cannot grant them.
     */
    public static long mask(List<String> names, String field, int lastCap) {
        long mask = 0;
        for (String name : names) {
            int n = number(name, field);
            if (n <= lastCap) {
                mask |= 1L << n;
            }
        }
        return mask;
    }
}
