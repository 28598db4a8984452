package dev.jrunc.spec;

import java.util.List;

/**
 * Recognised memory policy values; lists are empty when absent.
 *
 * @param modes recognised modes, e.g. {@code MPOL_BIND}
 * @param flags recognised flags, e.g. {@code MPOL_F_STATIC_NODES}
 */
public record MemoryPolicyFeatures(List<String> modes, List<String> flags) {

    /** Normalises absent collections to empty immutable ones. */
    public MemoryPolicyFeatures {
        modes = Immutable.list(modes);
        flags = Immutable.list(flags);
    }
}
