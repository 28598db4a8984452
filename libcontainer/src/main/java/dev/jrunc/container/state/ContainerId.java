package dev.jrunc.container.state;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.json.Quoting;

/**
 * runc's rule for container ids. An id names a directory under the state root (and, by default,
 * a cgroup), so anything that could leave that directory is refused.
 */
public final class ContainerId {
    /** NAME_MAX: an id must fit in one path component. */
    public static final int MAX_LENGTH = 255;

    private ContainerId() {
    }

    /** Returns {@code id} when it is valid, else throws naming the problem. */
    public static String validate(String id) {
        if (id == null || id.isEmpty()) {
            throw invalid(id == null ? "" : id, "must not be empty");
        }
        if (id.equals(".") || id.equals("..")) {
            throw invalid(id, "must not be \".\" or \"..\"");
        }
        if (id.length() > MAX_LENGTH) {
            throw invalid(id, "longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!allowed(c)) {
                throw invalid(id, "character " + Quoting.quote(String.valueOf(c))
                        + " is not allowed (only letters, digits, '_', '+', '-' and '.')");
            }
        }
        return id;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '+' || c == '-' || c == '.';
    }

    private static ContainerException invalid(String id, String problem) {
        return new ContainerException("invalid container id " + Quoting.quote(id) + ": " + problem);
    }
}
