package dev.jrunc.spec;

import java.util.List;

/**
 * An additional mount. A relative destination is kept as given: runc accepts it, resolved against
 * the container's {@code /}, with a deprecation warning.
 *
 * @param destination where the mount goes inside the container; required
 * @param type the filesystem type, or null
 * @param source the device, file, directory or dummy name, or null
 * @param options fstab-style options in order; empty when absent
 * @param uidMappings ID-mapped mount uid mappings; empty when absent
 * @param gidMappings ID-mapped mount gid mappings; empty when absent
 */
public record Mount(
        String destination,
        String type,
        String source,
        List<String> options,
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings) {

    /** Normalises absent collections to empty immutable ones. */
    public Mount {
        options = Immutable.list(options);
        uidMappings = Immutable.list(uidMappings);
        gidMappings = Immutable.list(gidMappings);
    }
}
