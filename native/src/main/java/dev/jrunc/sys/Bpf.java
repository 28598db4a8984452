package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The bpf(2) commands a cgroup device filter needs: loading a program, attaching it to a cgroup
 * directory, listing and detaching the programs already attached there. Made through
 * {@code syscall(2)} (glibc has no wrapper).
 *
 * <p>Every program descriptor returned here is close-on-exec (the kernel makes bpf descriptors
 * O_CLOEXEC) and numbered 1 or higher: several bpf_attr fields treat 0 as "no descriptor".
 * Failures are {@link SyscallException}s named {@code bpf} whose arguments start with the
 * command, e.g. {@code bpf(BPF_PROG_ATTACH, target_fd=5, attach_bpf_fd=7, ...)}.
 */
public final class Bpf {
    /** {@code BPF_PROG_TYPE_CGROUP_DEVICE}. */
    public static final int PROG_TYPE_CGROUP_DEVICE = 15;
    /** The attach type {@code BPF_CGROUP_DEVICE}. */
    public static final int ATTACH_CGROUP_DEVICE = 6;
    /** {@code BPF_F_ALLOW_MULTI}: the program runs along with the others attached to the cgroup. */
    public static final int F_ALLOW_MULTI = 1 << 1;
    /** Size of one {@code struct bpf_insn}. */
    public static final int INSN_SIZE = 8;

    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    private static final int BPF_PROG_DETACH = 9;
    private static final int BPF_PROG_GET_FD_BY_ID = 13;
    private static final int BPF_PROG_QUERY = 16;

    /**
     * Bytes of bpf_attr passed for every command, zero past the fields set. Larger than any one
     * command's part on every kernel that has cgroup device programs (the kernel accepts a larger
     * size when the tail is zero), and large enough for the {@code revision} that kernels since
     * 6.17 write back after a BPF_PROG_QUERY whatever size they are given.
     */
    private static final long ATTR_SIZE = 128;
    private static final int OBJ_NAME_LEN = 16;
    /** The verifier interrupted by a signal returns EAGAIN (since 4.20); libbpf and runc retry. */
    private static final int LOAD_RETRIES = 30;
    private static final int MIN_LOG_SIZE = 64 * 1024;
    /** Kernels before 5.2 refuse a log_size above UINT_MAX >> 8. */
    private static final int MAX_LOG_SIZE = 16 * 1024 * 1024 - 1;
    /** The most programs one cgroup can have attached for one attach type (BPF_CGROUP_MAX_PROGS). */
    private static final int MAX_PROGS = 64;

    private Bpf() {
    }

    /**
     * BPF_PROG_LOAD: a new program of {@code progType} from {@code insns} (struct bpf_insn in
     * native byte order). On failure the program is loaded once more with the verifier's log on,
     * and the log's text ends the exception's message.
     *
     * @param name shown by {@code bpftool prog}; at most 15 characters of {@code [A-Za-z0-9_.]}
     * @return the program's descriptor
     */
    public static int progLoad(int progType, byte[] insns, String license, String name) {
        if (insns.length == 0 || insns.length % INSN_SIZE != 0) {
            throw new IllegalArgumentException("a BPF program is a non-empty multiple of " + INSN_SIZE + " bytes, got "
                    + insns.length);
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length >= OBJ_NAME_LEN) {
            throw new IllegalArgumentException("BPF object name \"" + name + "\" is longer than 15 characters");
        }
        String args = "BPF_PROG_LOAD, prog_type=" + progTypeName(progType) + ", insn_cnt=" + insns.length / INSN_SIZE
                + ", license=\"" + license + "\", prog_name=\"" + name + "\"";
        try (NativeScope s = new NativeScope()) {
            MemorySegment attr = s.arena().allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, progType);
            attr.set(JAVA_INT, 4, insns.length / INSN_SIZE);
            attr.set(JAVA_LONG, 8, s.bytes(insns).address());
            attr.set(JAVA_LONG, 16, s.cstr(license).address());
            MemorySegment.copy(nameBytes, 0, attr, JAVA_BYTE, 48, nameBytes.length);
            long fd = bpfRetryingEagain(s, BPF_PROG_LOAD, attr);
            if (fd >= 0) {
                return aboveZero((int) fd);
            }
            int firstErrno = s.lastErrno();
            // The log costs verifier time, so only a failed load asks for it, as runc does.
            for (int logSize = MIN_LOG_SIZE; ; logSize = (int) Math.min((long) logSize * 8, MAX_LOG_SIZE)) {
                MemorySegment log = s.arena().allocate(logSize);
                attr.set(JAVA_INT, 24, 1);
                attr.set(JAVA_INT, 28, logSize);
                attr.set(JAVA_LONG, 32, log.address());
                fd = bpfRetryingEagain(s, BPF_PROG_LOAD, attr);
                if (fd >= 0) {
                    // Only the first attempt failed (e.g. a transient ENOMEM): the program is loaded.
                    return aboveZero((int) fd);
                }
                int errno = s.lastErrno();
                if (errno == Errno.ENOSPC && logSize < MAX_LOG_SIZE) {
                    continue;
                }
                String text = log.getString(0, StandardCharsets.UTF_8).strip();
                throw new SyscallException("bpf", args, errno == Errno.ENOSPC ? firstErrno : errno,
                        text.isEmpty() ? null : "verifier log:\n" + text);
            }
        }
    }

    /** BPF_PROG_ATTACH of program {@code progFd} to the cgroup directory {@code targetFd}. */
    public static void progAttach(int targetFd, int progFd, int attachType, int flags) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment attr = s.arena().allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, targetFd);
            attr.set(JAVA_INT, 4, progFd);
            attr.set(JAVA_INT, 8, attachType);
            attr.set(JAVA_INT, 12, flags);
            s.check(bpf(s, BPF_PROG_ATTACH, attr), "bpf", "BPF_PROG_ATTACH, target_fd=" + targetFd
                    + ", attach_bpf_fd=" + progFd + ", attach_type=" + attachTypeName(attachType)
                    + ", attach_flags=" + flagsName(flags));
        }
    }

    /** BPF_PROG_DETACH of program {@code progFd} from the cgroup directory {@code targetFd}. */
    public static void progDetach(int targetFd, int progFd, int attachType) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment attr = s.arena().allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, targetFd);
            attr.set(JAVA_INT, 4, progFd);
            attr.set(JAVA_INT, 8, attachType);
            s.check(bpf(s, BPF_PROG_DETACH, attr), "bpf", "BPF_PROG_DETACH, target_fd=" + targetFd
                    + ", attach_bpf_fd=" + progFd + ", attach_type=" + attachTypeName(attachType));
        }
    }

    /**
     * BPF_PROG_QUERY: the ids of the programs attached directly to the cgroup directory
     * {@code targetFd} for {@code attachType} (not those inherited from its parents), in the
     * order they run.
     */
    public static int[] progQuery(int targetFd, int attachType) {
        String args = "BPF_PROG_QUERY, target_fd=" + targetFd + ", attach_type=" + attachTypeName(attachType);
        int capacity = MAX_PROGS;
        try (NativeScope s = new NativeScope()) {
            // A program attached between the count and the second call can make the list grow
            // again; the count never exceeds BPF_CGROUP_MAX_PROGS, so a few rounds settle it.
            for (int round = 0; round < 8; round++) {
                MemorySegment ids = s.arena().allocate(JAVA_INT, capacity);
                MemorySegment attr = s.arena().allocate(ATTR_SIZE, 8);
                attr.set(JAVA_INT, 0, targetFd);
                attr.set(JAVA_INT, 4, attachType);
                attr.set(JAVA_LONG, 16, ids.address());
                attr.set(JAVA_INT, 24, capacity);
                long rc = bpf(s, BPF_PROG_QUERY, attr);
                int count = attr.get(JAVA_INT, 24);
                if (rc < 0 && s.lastErrno() == Errno.ENOSPC) {
                    capacity = Math.max(count, capacity + 1);
                    continue;
                }
                s.check(rc, "bpf", args);
                return ids.asSlice(0, (long) Math.min(count, capacity) * Integer.BYTES).toArray(JAVA_INT);
            }
            throw new SyscallException("bpf", args + " (the list kept growing)", Errno.ENOSPC);
        }
    }

    /** BPF_PROG_GET_FD_BY_ID: a descriptor for the loaded program {@code id}. */
    public static int progGetFdById(int id) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment attr = s.arena().allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, id);
            long fd = s.check(bpf(s, BPF_PROG_GET_FD_BY_ID, attr), "bpf",
                    "BPF_PROG_GET_FD_BY_ID, prog_id=" + Integer.toUnsignedString(id));
            return aboveZero((int) fd);
        }
    }

    private static long bpf(NativeScope s, int cmd, MemorySegment attr) {
        return RawSyscall.call(s, SyscallNumbers.BPF, cmd, attr.address(), ATTR_SIZE, 0, 0);
    }

    private static long bpfRetryingEagain(NativeScope s, int cmd, MemorySegment attr) {
        long rc = bpf(s, cmd, attr);
        for (int i = 0; i < LOAD_RETRIES && rc < 0 && s.lastErrno() == Errno.EAGAIN; i++) {
            rc = bpf(s, cmd, attr);
        }
        return rc;
    }

    /** Moves a descriptor numbered 0 (when stdin was closed) to 1 or higher. */
    private static int aboveZero(int fd) {
        if (fd != 0) {
            return fd;
        }
        try {
            return Files.dupAbove(fd, 1);
        } finally {
            Files.closeQuietly(fd);
        }
    }

    private static String progTypeName(int type) {
        return type == PROG_TYPE_CGROUP_DEVICE ? "BPF_PROG_TYPE_CGROUP_DEVICE" : Integer.toString(type);
    }

    private static String attachTypeName(int type) {
        return type == ATTACH_CGROUP_DEVICE ? "BPF_CGROUP_DEVICE" : Integer.toString(type);
    }

    private static String flagsName(int flags) {
        if (flags == 0) {
            return "0";
        }
        if (flags == F_ALLOW_MULTI) {
            return "BPF_F_ALLOW_MULTI";
        }
        return "0x" + Integer.toHexString(flags);
    }
}
