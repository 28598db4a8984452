package dev.jrunc.spec;

/**
 * A namespace to create or join.
 *
 * @param type the namespace kind; required
 * @param path an absolute path to an existing namespace to join, or null (an empty string in the
 *     document reads as null, as runc treats it) to create a new one
 */
public record Namespace(NamespaceType type, String path) {

    /** Whether this asks for a new namespace rather than joining one. */
    public boolean isNew() {
        return path == null || path.isEmpty();
    }
}
