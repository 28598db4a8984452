package dev.jrunc.spec;

import java.util.List;

/**
 * The execution domain set with personality(2).
 *
 * @param domain {@code LINUX} or {@code LINUX32}; required
 * @param flags additional personality flags; empty when absent
 */
public record Personality(String domain, List<String> flags) {

    /** Normalises absent collections to empty immutable ones. */
    public Personality {
        flags = Immutable.list(flags);
    }
}
