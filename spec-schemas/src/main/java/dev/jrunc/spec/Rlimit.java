package dev.jrunc.spec;

/**
 * A POSIX resource limit. The limits are uint64 values held in a long's 64 bits: RLIM_INFINITY
 * (18446744073709551615) is {@code -1L}. Compare them with {@link Long#compareUnsigned} and print
 * them with {@link Long#toUnsignedString(long)}.
 *
 * @param type the resource, e.g. {@code RLIMIT_NOFILE}; required
 * @param hard the hard limit (rlim_max), unsigned; required
 * @param soft the soft limit (rlim_cur), unsigned; required
 */
public record Rlimit(String type, long hard, long soft) {}
