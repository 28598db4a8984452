package dev.jrunc.spec;

/**
 * A host network interface to move into the container's network namespace.
 *
 * @param name the interface name inside the container, or null to keep the host name
 */
public record NetDevice(String name) {}
