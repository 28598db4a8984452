package dev.jrunc.spec;

/**
 * A device node to create in the container ({@code linux.devices}).
 *
 * @param path the full path inside the container; required
 * @param type {@code c}, {@code b}, {@code u} or {@code p}; required
 * @param major the major number; required unless the type is {@code p}, else null
 * @param minor the minor number; required unless the type is {@code p}, else null
 * @param fileMode the permission bits (a decimal number in JSON), or null
 * @param uid the owner inside the container, or null
 * @param gid the group inside the container, or null
 */
public record Device(String path, String type, Long major, Long minor, Long fileMode, Long uid, Long gid) {}
