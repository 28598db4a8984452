package dev.jrunc.spec;

/** A constant of a closed vocabulary of the spec (namespace types, seccomp actions, ...) with its JSON name. */
interface SpecNamed {

    /** The name used in JSON documents. */
    String specName();

    /** The constant among {@code values} named {@code name}, or null when there is none. */
    static <E extends SpecNamed> E find(E[] values, String name) {
        for (E value : values) {
            if (value.specName().equals(name)) {
                return value;
            }
        }
        return null;
    }
}
