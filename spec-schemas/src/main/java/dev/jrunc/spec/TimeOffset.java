package dev.jrunc.spec;

/**
 * The offset of one clock in a new time namespace; absent members are 0.
 *
 * @param secs seconds, int64
 * @param nanosecs nanoseconds, uint32
 */
public record TimeOffset(long secs, long nanosecs) {}
