package dev.jrunc.spec;

import java.util.List;

/**
 * One seccomp rule: what happens when any of the named system calls is made with matching
 * arguments.
 *
 * @param names the system call names; required
 * @param action what happens; required
 * @param errnoRet the errno returned with SCMP_ACT_ERRNO or SCMP_ACT_TRACE (uint32), or null
 * @param args argument conditions, all of which must hold; empty when absent
 */
public record Syscall(List<String> names, SeccompAction action, Long errnoRet, List<SeccompArg> args) {

    /** Normalises absent collections to empty immutable ones. */
    public Syscall {
        names = Immutable.list(names);
        args = Immutable.list(args);
    }
}
