package dev.jrunc.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds what a container may have left on the host: live processes and cgroups that carry its id. */
public final class Leftovers {

    private static final Path PROC = Path.of("/proc");
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final int CGROUP_SEARCH_DEPTH = 4;

    private Leftovers() {
    }

    /**
     * Live (non-zombie) processes with {@code id} in their command line, environment or cgroup
     * path, other than this JVM; as "PID (comm)".
     */
    public static List<String> processesMentioning(String id) {
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid != self && ProcFs.isLive(pid) && mentions(dir, id)) {
                    found.add(dir.getFileName() + " (" + ProcFs.read(dir.resolve("comm")).strip() + ")");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /**
     * Live processes (other than this JVM) whose command line, environment or cgroup path holds
     * one of {@code ids}, as "PID (comm): id"; one pass over /proc for many containers.
     */
    public static List<String> processesMentioningAnyOf(java.util.Collection<String> ids) {
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self || !ProcFs.isLive(pid)) {
                    continue;
                }
                String text = Stream.of("cmdline", "environ", "cgroup").map(f -> ProcFs.read(dir.resolve(f)))
                        .reduce("", String::concat);
                for (String id : ids) {
                    if (text.contains(id)) {
                        found.add(dir.getFileName() + " (" + ProcFs.read(dir.resolve("comm")).strip() + "): " + id);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /** Cgroup directories named like one of {@code ids} in any mounted hierarchy; one walk for many. */
    public static List<Path> cgroupsNamedAnyOf(java.util.Set<String> ids) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(CGROUP_ROOT)) {
            for (Path hierarchy : hierarchies.filter(Files::isDirectory).toList()) {
                try (Stream<Path> dirs = Files.find(hierarchy, CGROUP_SEARCH_DEPTH,
                        (path, attrs) -> attrs.isDirectory() && ids.contains(path.getFileName().toString()))) {
                    dirs.forEach(found::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    // A cgroup removed while walking is not a leftover.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + CGROUP_ROOT, e);
        }
        return found;
    }

    /** Cgroup directories named {@code id} in any mounted hierarchy (v1 controllers and v2). */
    public static List<Path> cgroupsNamed(String id) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(CGROUP_ROOT)) {
            for (Path hierarchy : hierarchies.filter(Files::isDirectory).toList()) {
                try (Stream<Path> dirs = Files.find(hierarchy, CGROUP_SEARCH_DEPTH,
                        (path, attrs) -> attrs.isDirectory() && path.getFileName().toString().equals(id))) {
                    dirs.forEach(found::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    // A cgroup removed while walking is not a leftover.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + CGROUP_ROOT, e);
        }
        return found;
    }

    /**
     * Removes the cgroups named {@code id} that a runtime left behind (rmdir, deepest first); ones
     * still holding processes stay.
     */
    public static void removeCgroupsNamed(String id) {
        if (!id.startsWith(Workspace.PREFIX)) {
            throw new IllegalArgumentException("not a test cgroup: " + id);
        }
        List<Path> found = new ArrayList<>(cgroupsNamed(id));
        found.sort(java.util.Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path cgroup : found) {
            try {
                Files.deleteIfExists(cgroup);
            } catch (IOException e) {
                // Busy or not empty: nothing more a test can do on a shared machine.
            }
        }
    }

    /**
     * Like {@link #removeCgroupsNamed}, with every cgroup below them: an engine's cgroup parent
     * ({@code jrunc-it-*}) holds cgroups the engine named (podman's conmon cgroup, a container's
     * cgroup a failed delete left behind).
     */
    public static void removeCgroupTreesNamed(String id) {
        if (!id.startsWith(Workspace.PREFIX)) {
            throw new IllegalArgumentException("not a test cgroup: " + id);
        }
        for (Path top : cgroupsNamed(id)) {
            List<Path> tree = new ArrayList<>();
            try (Stream<Path> dirs = Files.walk(top)) {
                dirs.filter(Files::isDirectory).forEach(tree::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // Removed while walking: nothing left to do there.
            }
            tree.sort(java.util.Comparator.comparingInt(Path::getNameCount).reversed());
            for (Path cgroup : tree) {
                try {
                    Files.deleteIfExists(cgroup);
                } catch (IOException e) {
                    // Still holds processes: nothing more a test can do on a shared machine.
                }
            }
        }
    }

    private static boolean mentions(Path procDir, String id) {
        return Stream.of("cmdline", "environ", "cgroup").anyMatch(file -> ProcFs.read(procDir.resolve(file)).contains(id));
    }
}
