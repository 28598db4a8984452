package dev.jrunc.spec;

import java.util.List;

/**
 * The capability sets of a process, as names such as {@code CAP_KILL}; each is empty when absent.
 * Names are only checked for syntax here; whether the running kernel knows them is decided when
 * the process is set up.
 *
 * @param bounding the bounding set
 * @param effective the effective set
 * @param inheritable the inheritable set
 * @param permitted the permitted set
 * @param ambient the ambient set
 */
public record Capabilities(
        List<String> bounding,
        List<String> effective,
        List<String> inheritable,
        List<String> permitted,
        List<String> ambient) {

    /** Normalises absent collections to empty immutable ones. */
    public Capabilities {
        bounding = Immutable.list(bounding);
        effective = Immutable.list(effective);
        inheritable = Immutable.list(inheritable);
        permitted = Immutable.list(permitted);
        ambient = Immutable.list(ambient);
    }
}
