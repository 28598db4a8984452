package dev.jrunc.container.cgroup;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.IoMessages;
import dev.jrunc.spec.json.Quoting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves {@code linux.cgroupsPath} to a path inside the cgroup2 hierarchy exactly as runc's
 * cgroupfs driver does:
 * <ul>
 * <li>absolute ({@code /hx/ID}): taken as is, below the hierarchy's root;</li>
 * <li>relative ({@code foo/ID}): below the <em>parent</em> of the runtime's own cgroup (the
 * {@code 0::} line of {@code /proc/self/cgroup}); runc uses the parent because the runtime's own
 * cgroup holds processes, and cgroup v2 forbids enabling controllers below such a cgroup;</li>
 * <li>unset: the container id, as a relative path (runc's default for cgroupfs).</li>
 * </ul>
 * Like runc's {@code CleanPath}, ".." can never climb above the root.
 */
public final class CgroupsPath {
    private static final Path PROC_SELF_CGROUP = Path.of("/proc/self/cgroup");

    private CgroupsPath() {
    }

    /** The hierarchy path (e.g. {@code /hx/ID}) for a container, reading this process's cgroup when needed. */
    public static String resolve(String cgroupsPath, String containerId) {
        boolean absolute = cgroupsPath != null && cgroupsPath.startsWith("/");
        return resolve(cgroupsPath, containerId, absolute ? "/" : ownCgroup());
    }

    /** Pure form of {@link #resolve(String, String)} with the runtime's own cgroup given. */
    static String resolve(String cgroupsPath, String containerId, String ownCgroup) {
        String inner = clean(cgroupsPath == null || cgroupsPath.isEmpty() ? containerId : cgroupsPath);
        String path = inner.startsWith("/") ? inner : clean(parent(clean("/" + ownCgroup)) + "/" + inner);
        if (path.equals("/")) {
            throw new ContainerException("invalid cgroupsPath " + Quoting.quote(String.valueOf(cgroupsPath))
                    + ": it names the root of the cgroup hierarchy");
        }
        return path;
    }

    /** This process's cgroup v2 path, from the {@code 0::} line of /proc/self/cgroup. */
    static String ownCgroup() {
        try {
            return parseOwnCgroup(Files.readAllLines(PROC_SELF_CGROUP));
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read", PROC_SELF_CGROUP, e), e);
        }
    }

    static String parseOwnCgroup(List<String> procSelfCgroup) {
        for (String line : procSelfCgroup) {
            if (line.startsWith("0::")) {
                return line.substring(3);
            }
        }
        throw new ContainerException("this process is in no cgroup v2 (no \"0::\" line in " + PROC_SELF_CGROUP + ")");
    }

    /** runc's CleanPath: lexically cleaned; a relative path stays relative and loses leading "..". */
    static String clean(String path) {
        if (path.isEmpty()) {
            return "";
        }
        boolean absolute = path.startsWith("/");
        // Normalising below "/" drops any ".." that would climb above it, as CleanPath does.
        String cleaned = Path.of("/").resolve(path).normalize().toString();
        if (absolute) {
            return cleaned;
        }
        return cleaned.equals("/") ? "." : cleaned.substring(1);
    }

    private static String parent(String absolute) {
        int slash = absolute.lastIndexOf('/');
        return slash <= 0 ? "/" : absolute.substring(0, slash);
    }
}
