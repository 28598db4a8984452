package dev.jrunc.container.process;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.SyscallException;
import java.util.List;

/**
 * Finds {@code args[0]} the way runc does, inside the container's root (the calling thread
 * must already be rooted there): a name with a slash is taken as is (relative to the cwd),
 * otherwise each directory of the process's own PATH is searched.
 */
public final class ExecutableLookup {
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ExecutableLookup() {
    }

    public static String resolve(String command, List<String> env, String cwd) {
        if (command.contains("/")) {
            String path = command.startsWith("/") ? command : (cwd.endsWith("/") ? cwd : cwd + "/") + command;
            check(path, command);
            return path;
        }
        String pathVar = env.stream().filter(e -> e.startsWith("PATH=")).reduce((a, b) -> b)
                .map(e -> e.substring(5)).orElse(DEFAULT_PATH);
        for (String dir : pathVar.split(":", -1)) {
            String base = dir.isEmpty() ? cwd : dir;
            String candidate = (base.endsWith("/") ? base : base + "/") + command;
            if (isExecutableFile(candidate)) {
                return candidate;
            }
        }
        throw new ContainerException("exec: \"" + command + "\": executable file not found in $PATH");
    }

    private static void check(String path, String command) {
        try {
            Files.Stat st = Files.fstatat(Files.AT_FDCWD, path, 0);
            if (st.isDirectory()) {
                throw new ContainerException("exec: \"" + command + "\": is a directory: permission denied");
            }
        } catch (SyscallException e) {
            throw new ContainerException("exec: \"" + command + "\": stat " + path + ": "
                    + Errno.describe(e.errno()).toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static boolean isExecutableFile(String path) {
        try {
            Files.Stat st = Files.fstatat(Files.AT_FDCWD, path, 0);
            return st.type() == Files.S_IFREG && (st.mode() & 0111) != 0;
        } catch (SyscallException e) {
            return false;
        }
    }
}
