package dev.jrunc.sys;

/**
 * The system calls the bindings make through {@link RawSyscall}, with their numbers on x86_64
 * and on arm64 (the generic table of asm-generic/unistd.h). arm64 has only the {@code *at}
 * forms and {@code ppoll}, so those are what the bindings use everywhere. Checked against the
 * kernel headers by SyscallNumbersTest where they are installed.
 */
enum SyscallNumbers {
    READ(0, 63),
    WRITE(1, 64),
    CLOSE(3, 57),
    IOCTL(16, 29),
    PREAD64(17, 67),
    GETPID(39, 172),
    SOCKET(41, 198),
    CONNECT(42, 203),
    SENDMSG(46, 211),
    RECVMSG(47, 212),
    SOCKETPAIR(53, 199),
    WAIT4(61, 260),
    KILL(62, 129),
    FCNTL(72, 25),
    CHDIR(80, 49),
    FCHDIR(81, 50),
    FCHMOD(91, 52),
    SETFSUID(122, 151),
    SETFSGID(123, 152),
    PIVOT_ROOT(155, 41),
    PRCTL(157, 167),
    CHROOT(161, 51),
    MOUNT(165, 40),
    UMOUNT2(166, 39),
    SETHOSTNAME(170, 161),
    SETDOMAINNAME(171, 162),
    SCHED_SETAFFINITY(203, 122),
    INOTIFY_ADD_WATCH(254, 27),
    OPENAT(257, 56),
    MKDIRAT(258, 34),
    MKNODAT(259, 33),
    FCHOWNAT(260, 54),
    NEWFSTATAT(262, 79),
    UNLINKAT(263, 35),
    SYMLINKAT(266, 36),
    READLINKAT(267, 78),
    FCHMODAT(268, 53),
    PPOLL(271, 73),
    UNSHARE(272, 97),
    PIPE2(293, 59),
    INOTIFY_INIT1(294, 26),
    SETNS(308, 268),
    SECCOMP(317, 277),
    MEMFD_CREATE(319, 279),
    BPF(321, 280),
    PIDFD_SEND_SIGNAL(424, 424),
    OPEN_TREE(428, 428),
    MOVE_MOUNT(429, 429),
    FSOPEN(430, 430),
    FSCONFIG(431, 431),
    FSMOUNT(432, 432),
    PIDFD_OPEN(434, 434),
    CLOSE_RANGE(436, 436),
    OPENAT2(437, 437),
    PIDFD_GETFD(438, 438),
    MOUNT_SETATTR(442, 442);

    private static final boolean X86_64 = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> true;
        case "aarch64", "arm64" -> false;
        default -> throw new UnsupportedOperationException("unsupported architecture " + System.getProperty("os.arch"));
    };

    private final long x86_64;
    private final long aarch64;

    SyscallNumbers(long x86_64, long aarch64) {
        this.x86_64 = x86_64;
        this.aarch64 = aarch64;
    }

    long number() {
        return X86_64 ? x86_64 : aarch64;
    }

    long x86_64() {
        return x86_64;
    }

    long aarch64() {
        return aarch64;
    }
}
