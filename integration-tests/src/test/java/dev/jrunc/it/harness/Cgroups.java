package dev.jrunc.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a process's cgroups are on this host, for v1 controllers, cgroup v2, or a hybrid of both:
 * engines read the container's cgroup files directly, so the tests do too.
 */
public final class Cgroups {

    private final Map<String, Path> v1MountByController;
    private final Optional<Path> v2Mount;

    private Cgroups(Map<String, Path> v1MountByController, Optional<Path> v2Mount) {
        this.v1MountByController = v1MountByController;
        this.v2Mount = v2Mount;
    }

    /** Reads the cgroup mounts of this host from /proc/self/mountinfo. */
    public static Cgroups ofThisHost() {
        Map<String, Path> v1 = new LinkedHashMap<>();
        Path v2 = null;
        for (MountInfo.Entry mount : MountInfo.parse(read(Path.of("/proc/self/mountinfo"))).all()) {
            if (mount.fsType().equals("cgroup2")) {
                v2 = Path.of(mount.mountPoint());
            } else if (mount.fsType().equals("cgroup")) {
                for (String option : mount.superOptions()) {
                    v1.putIfAbsent(option, Path.of(mount.mountPoint()));
                }
            }
        }
        return new Cgroups(v1, Optional.ofNullable(v2));
    }

    /** Whether cgroup v1 hierarchies are mounted: a v1 or a v1/v2 hybrid host (such as the development machines). */
    public boolean hasV1Hierarchies() {
        return !v1MountByController.isEmpty();
    }

    /** The controllers the cgroup2 hierarchy offers (its root's cgroup.controllers); none without one. */
    public Set<String> v2Controllers() {
        return v2Mount.map(mount -> Set.of(read(mount.resolve("cgroup.controllers")).strip().split("\\s+")))
                .orElse(Set.of());
    }

    /** The directory of {@code pid}'s cgroup in the cgroup2 hierarchy. */
    public Path v2DirectoryOf(long pid) {
        return under(v2Mount.orElseThrow(() -> new IllegalStateException("no cgroup2 hierarchy")),
                membership(pid).get(""));
    }

    /** Whether {@code controller} (memory, pids, cpu, freezer...) is a mounted v1 hierarchy. */
    public boolean isV1(String controller) {
        return v1MountByController.containsKey(controller);
    }

    /**
     * The directory of {@code pid}'s cgroup for {@code controller}: in the v1 hierarchy of that
     * controller when there is one, otherwise in cgroup v2.
     */
    public Path directoryOf(long pid, String controller) {
        Map<String, String> paths = membership(pid);
        if (isV1(controller)) {
            return under(v1MountByController.get(controller), paths.get(controller));
        }
        return under(v2Mount.orElseThrow(() -> new IllegalStateException("no cgroup hierarchy has " + controller)),
                paths.get(""));
    }

    /**
     * {@code pid}'s cgroup path in each hierarchy, keyed by the hierarchy's controller list
     * ("memory", "cpu,cpuacct", "name=systemd", "" for v2), from /proc/PID/cgroup.
     */
    public static Map<String, String> membership(long pid) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String line : read(Path.of("/proc", Long.toString(pid), "cgroup")).lines().toList()) {
            String[] fields = line.split(":", 3);
            if (fields.length == 3) {
                paths.put(fields[1], fields[2]);
                for (String controller : fields[1].split(",")) {
                    paths.putIfAbsent(controller, fields[2]);
                }
            }
        }
        return paths;
    }

    /** Reads one cgroup file, stripped. */
    public static String readValue(Path file) {
        return read(file).strip();
    }

    private static Path under(Path mount, String cgroupPath) {
        if (cgroupPath == null) {
            throw new IllegalStateException("the process is in no cgroup under " + mount);
        }
        return mount.resolve(cgroupPath.substring(1));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
