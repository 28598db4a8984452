package dev.jrunc.container.seccomp;

/**
 * A seccomp filter ready for {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog)}.
 *
 * @param program the {@code struct sock_filter[]} bytes (8 per instruction, native byte order);
 *        the array is shared, not copied: do not modify it
 * @param flags the {@code SECCOMP_FILTER_FLAG_*} bits for the seccomp(2) call (never TSYNC)
 */
public record CompiledFilter(byte[] program, int flags) {

    public CompiledFilter {
        if (program == null || program.length == 0 || program.length % 8 != 0) {
            throw new IllegalArgumentException("a BPF program is a non-empty multiple of 8 bytes, not "
                    + (program == null ? "null" : program.length + " bytes"));
        }
    }

    /**
     * Whether installing the filter creates a notify fd (SECCOMP_FILTER_FLAG_NEW_LISTENER), which
     * must reach {@code linux.seccomp.listenerPath}.
     */
    public boolean hasListener() {
        return (flags & SeccompCompiler.FLAG_NEW_LISTENER) != 0;
    }

    /** The number of BPF instructions. */
    public int instructions() {
        return program.length / 8;
    }
}
