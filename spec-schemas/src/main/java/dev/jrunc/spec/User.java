package dev.jrunc.spec;

import java.util.List;

/**
 * The user a process runs as, with IDs in the container's user namespace.
 *
 * @param uid the user ID, 0..4294967295; required
 * @param gid the group ID, 0..4294967295; required
 * @param umask the umask, or null to keep the caller's
 * @param additionalGids supplementary group IDs; empty when absent
 * @param username the Windows user name, kept only so a document round-trips; or null
 */
public record User(long uid, long gid, Integer umask, List<Long> additionalGids, String username) {

    /** Normalises absent collections to empty immutable ones. */
    public User {
        additionalGids = Immutable.list(additionalGids);
    }
}
