package dev.jrunc.spec;

import java.util.List;

/**
 * Seccomp support. Lists are empty when absent.
 *
 * @param enabled whether seccomp is supported, or null when not stated
 * @param actions recognised action names
 * @param operators recognised operator names
 * @param archs recognised architecture names
 * @param knownFlags recognised filter flags
 * @param supportedFlags recognised flags the host also supports
 */
public record SeccompFeatures(
        Boolean enabled,
        List<String> actions,
        List<String> operators,
        List<String> archs,
        List<String> knownFlags,
        List<String> supportedFlags) {

    /** Normalises absent collections to empty immutable ones. */
    public SeccompFeatures {
        actions = Immutable.list(actions);
        operators = Immutable.list(operators);
        archs = Immutable.list(archs);
        knownFlags = Immutable.list(knownFlags);
        supportedFlags = Immutable.list(supportedFlags);
    }
}
