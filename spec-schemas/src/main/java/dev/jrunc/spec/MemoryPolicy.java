package dev.jrunc.spec;

import java.util.List;

/**
 * The NUMA memory policy set with set_mempolicy(2).
 *
 * @param mode e.g. {@code MPOL_BIND}; required
 * @param nodes a node list such as {@code 0-3,7}, or null
 * @param flags e.g. {@code MPOL_F_STATIC_NODES}; empty when absent
 */
public record MemoryPolicy(String mode, String nodes, List<String> flags) {

    /** Normalises absent collections to empty immutable ones. */
    public MemoryPolicy {
        flags = Immutable.list(flags);
    }
}
