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

    /** The mappings of the user namespace process {@code pid} is in. */
    public static IdMap ofProcess(int pid) {
        return new IdMap(read(pid, "uid_map"), read(pid, "gid_map"));
    }

    private static List<Range> read(int pid, String file) {
        try {
            List<Range> out = new java.util.ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/" + file))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3) {
                    out.add(new Range(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
                }
            }
            return List.copyOf(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading /proc/" + pid + "/" + file, e);
        }
    }

    public static IdMap identity() {
        return new IdMap(List.of(), List.of());
    }

    public boolean isIdentity() {
        return uids.isEmpty() && gids.isEmpty();
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
