package dev.jrunc.sys;

/**
 * Numbers for the system calls invoked through {@code syscall(2)} because glibc lacks a wrapper
 * on some supported distributions. Calls added since Linux 5.1 share one number on every
 * architecture; only the older ones differ between x86_64 and arm64.
 */
enum SyscallNumbers {
    PIVOT_ROOT(155, 41),
    SECCOMP(317, 277),
    BPF(321, 280),
    OPEN_TREE(428, 428),
    MOVE_MOUNT(429, 429),
    FSOPEN(430, 430),
    FSCONFIG(431, 431),
    FSMOUNT(432, 432),
    PIDFD_SEND_SIGNAL(424, 424),
    PIDFD_OPEN(434, 434),
    CLOSE_RANGE(436, 436),
    OPENAT2(437, 437),
    PIDFD_GETFD(438, 438),
    MOUNT_SETATTR(442, 442);

    private final long x86_64;
    private final long aarch64;

    SyscallNumbers(long x86_64, long aarch64) {
        this.x86_64 = x86_64;
        this.aarch64 = aarch64;
    }

    long number() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> x86_64;
            case "aarch64", "arm64" -> aarch64;
            default -> throw new UnsupportedOperationException("unsupported architecture " + System.getProperty("os.arch"));
        };
    }
}
