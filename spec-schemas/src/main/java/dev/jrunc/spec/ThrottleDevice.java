package dev.jrunc.spec;

/**
 * A per-device block I/O rate limit.
 *
 * @param major the device's major number; required
 * @param minor the device's minor number; required
 * @param rate the limit (bytes or operations per second), uint64 in a long's bits; required
 */
public record ThrottleDevice(long major, long minor, long rate) {}
