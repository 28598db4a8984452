package dev.jrunc.spec;

/**
 * The container's root filesystem.
 *
 * @param path absolute, or relative to the bundle directory; required
 * @param readonly whether the root filesystem is made read-only; false when absent
 */
public record Root(String path, boolean readonly) {}
