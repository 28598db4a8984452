package dev.jrunc.sys;

/**
 * A failed system call: names the call, its arguments and the kernel's errno with libc's text,
 * e.g. {@code mount(source="proc", target="/x/proc", flags=0x6): Permission denied (EACCES)}.
 */
public final class SyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String syscall;
    private final String arguments;
    private final int errno;
    private final String detail;

    public SyscallException(String syscall, String arguments, int errno) {
        this(syscall, arguments, errno, null);
    }

    /**
     * As {@link #SyscallException(String, String, int)}, with what the kernel explained besides
     * errno (e.g. the BPF verifier's log) appended after a colon; null or blank adds nothing.
     */
    public SyscallException(String syscall, String arguments, int errno, String detail) {
        this.syscall = syscall;
        this.arguments = arguments;
        this.errno = errno;
        this.detail = detail == null || detail.isBlank() ? "" : ": " + detail.strip();
    }

    /**
     * Composed when asked for: the errno texts come from libc through a downcall of their own,
     * which the many failures the runtime expects and handles (EEXIST, ENOENT, ...) never need.
     */
    @Override
    public String getMessage() {
        return syscall + "(" + arguments + "): " + Errno.describe(errno) + " (" + Errno.name(errno) + ")" + detail;
    }

    /** The system call's name, e.g. {@code "mount"}. */
    public String syscall() {
        return syscall;
    }

    public int errno() {
        return errno;
    }

    /** True when this failure was caused by {@code errno}. */
    public boolean is(int value) {
        return errno == value;
    }
}
