package dev.jrunc.spec;

import java.util.List;

/**
 * A seccomp filter ({@code linux.seccomp}).
 *
 * @param defaultAction the action for system calls no rule matches; required
 * @param defaultErrnoRet the errno returned by the default action (uint32), or null
 * @param architectures e.g. {@code SCMP_ARCH_X86_64}; empty when absent
 * @param flags seccomp(2) filter flags, e.g. {@code SECCOMP_FILTER_FLAG_LOG}; empty when absent
 * @param listenerPath the UNIX socket that receives the notify fd, or null
 * @param listenerMetadata opaque data passed to the listener, or null
 * @param syscalls the rules, in order; empty when absent
 */
public record Seccomp(
        SeccompAction defaultAction,
        Long defaultErrnoRet,
        List<String> architectures,
        List<String> flags,
        String listenerPath,
        String listenerMetadata,
        List<Syscall> syscalls) {

    /** Normalises absent collections to empty immutable ones. */
    public Seccomp {
        architectures = Immutable.list(architectures);
        flags = Immutable.list(flags);
        syscalls = Immutable.list(syscalls);
    }
}
