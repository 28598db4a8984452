package dev.jrunc.container.rootfs;

import java.util.List;

/**
 * Translates container ids to host ids through a user namespace's mappings; the identity when
 * the container has no user namespace of its own.
 */
public record IdMap(List<Range> uids, List<Range> gids) {

    /** One line of uid_map/gid_map. */
    public record Range(long containerId, long hostId, long size) {
    }

    public static IdMap identity() {
        return new IdMap(List.of(), List.of());
    }

    public boolean isIdentity() {
        return uids.isEmpty() && gids.isEmpty();
    }

    /** Whether container uid 0 has a host uid, so the init can become root in its namespace. */
    public boolean mapsContainerRoot() {
        return uids.stream().anyMatch(r -> r.containerId() == 0);
    }

    public int hostUid(int containerUid) {
        return map(uids, containerUid);
    }

    public int hostGid(int containerGid) {
        return map(gids, containerGid);
    }

    /** The uid_map/gid_map file content for {@code ranges}. */
    public static String procFormat(List<Range> ranges) {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            sb.append(r.containerId()).append(' ').append(r.hostId()).append(' ').append(r.size()).append('\n');
        }
        return sb.toString();
    }

    private static int map(List<Range> ranges, int id) {
        if (ranges.isEmpty()) {
            return id;
        }
        long value = Integer.toUnsignedLong(id);
        for (Range r : ranges) {
            if (value >= r.containerId() && value < r.containerId() + r.size()) {
                return (int) (r.hostId() + (value - r.containerId()));
            }
        }
        // Unmapped ids show up as the overflow id inside; 65534 is its conventional value.
        return 65534;
    }
}
