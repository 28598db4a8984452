package dev.jrunc.spec;

import java.util.List;

/**
 * Whether the mounts are complete. Relative destinations pass: runc accepts them (resolved against
 * the container's {@code /}) with only a deprecation warning.
 */
final class MountRules {

    private MountRules() {}

    static void check(List<Mount> mounts, JsonPath at, Problems out) {
        for (int i = 0; i < mounts.size(); i++) {
            Mount mount = mounts.get(i);
            JsonPath mountAt = at.index(i);
            CommonRules.requireText(mount.destination(), mountAt.member("destination"), out);
            CommonRules.checkIdMappings(mount.uidMappings(), mountAt.member("uidMappings"), out);
            CommonRules.checkIdMappings(mount.gidMappings(), mountAt.member("gidMappings"), out);
            // The kernel takes both maps from one user namespace, so runc refuses half a mapping.
            if (mount.uidMappings().isEmpty() != mount.gidMappings().isEmpty()) {
                out.add(mountAt, "an ID-mapped mount needs both uidMappings and gidMappings");
            }
        }
    }
}
