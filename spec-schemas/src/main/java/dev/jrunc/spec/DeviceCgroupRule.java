package dev.jrunc.spec;

/**
 * One device cgroup rule ({@code linux.resources.devices[]}).
 *
 * @param allow whether access is allowed or denied; required
 * @param type {@code a}, {@code c} or {@code b}, or null for all
 * @param major the major number, or null for all
 * @param minor the minor number, or null for all
 * @param access some of {@code r}, {@code w}, {@code m}, or null for all
 */
public record DeviceCgroupRule(boolean allow, String type, Long major, Long minor, String access) {}
