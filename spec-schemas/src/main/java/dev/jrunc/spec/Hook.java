package dev.jrunc.spec;

import java.util.List;

/**
 * One hook command.
 *
 * @param path absolute path of the executable; required
 * @param args argv, including argv[0]; empty when absent
 * @param env environment entries KEY=VALUE; empty when absent
 * @param timeout seconds before the hook is aborted, or null for no timeout
 */
public record Hook(String path, List<String> args, List<String> env, Integer timeout) {

    /** Normalises absent collections to empty immutable ones. */
    public Hook {
        args = Immutable.list(args);
        env = Immutable.list(env);
    }
}
