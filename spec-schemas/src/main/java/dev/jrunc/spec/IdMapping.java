package dev.jrunc.spec;

/**
 * A range of IDs mapped between the host and a user namespace (or an ID-mapped mount). All values
 * are uint32; every member is required.
 *
 * @param containerId the JSON {@code containerID}: first ID inside
 * @param hostId the JSON {@code hostID}: first ID on the host
 * @param size how many IDs are mapped
 */
public record IdMapping(long containerId, long hostId, long size) {}
