package dev.jrunc.spec;

/**
 * A feature described only by whether it is supported (apparmor, selinux, idmap, netDevices).
 *
 * @param enabled whether the runtime supports it, or null when not stated
 */
public record EnabledFeature(Boolean enabled) {}
