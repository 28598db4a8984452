package dev.jrunc.container.cgroup;

import dev.jrunc.sys.Errno;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A cgroupfs stand-in on a temp directory: mkdir creates the control files, writes to
 * cgroup.procs/freeze/kill update cgroup.events the way the kernel does, and rmdir removes a
 * directory full of control files but refuses a populated cgroup or one with children (EBUSY).
 *
 * <p>Controllers as the kernel has them: a hierarchy root made with {@link #hierarchy} offers some
 * in cgroup.controllers; "+name" written to a cgroup.subtree_control enables one (ENOENT unless
 * the cgroup has it, EBUSY below the root when the cgroup has processes), which gives every child
 * that controller's files. Other writes are logged in {@link #writes} ("file=value", the file
 * relative to the hierarchy root); files with one line per device (io.max, rdma.max) keep each
 * line written.
 */
final class FakeCgroupFs implements CgroupFs {
    private static final Map<String, List<String>> FILES = Map.of(
            "memory", List.of("memory.max", "memory.low", "memory.high", "memory.swap.max", "memory.current"),
            "cpu", List.of("cpu.weight", "cpu.max", "cpu.max.burst", "cpu.idle"),
            "cpuset", List.of("cpuset.cpus", "cpuset.mems"),
            "pids", List.of("pids.max"),
            "io", List.of("io.max", "io.weight", "io.bfq.weight"),
            "hugetlb", List.of("hugetlb.2MB.max", "hugetlb.2MB.rsvd.max", "hugetlb.1GB.max", "hugetlb.1GB.rsvd.max"),
            "rdma", List.of("rdma.max"));
    private static final Set<String> PER_DEVICE = Set.of("io.max", "rdma.max");

    final Set<Path> failMkdir = new HashSet<>();
    final List<Path> removed = new ArrayList<>();
    /** Control file writes in order, "file=value" with the file relative to the hierarchy root. */
    final List<String> writes = new ArrayList<>();
    /** Control files (by name) this "kernel" does not have, e.g. io.bfq.weight without BFQ. */
    final Set<String> absentFiles = new HashSet<>();
    /** errnos the next writes to a file (by name) fail with, one per write. */
    final Map<String, ArrayDeque<Integer>> failures = new HashMap<>();
    /** When set, cgroup.freeze is accepted but the cgroup never reports the new state. */
    boolean stuckFreezer;
    private Path hierarchyRoot;

    /** Makes {@code root} a hierarchy root offering {@code controllers} (in cgroup.controllers). */
    Path hierarchy(Path root, String... controllers) throws IOException {
        hierarchyRoot = root;
        Files.createDirectories(root);
        Files.writeString(root.resolve("cgroup.controllers"), String.join(" ", controllers) + "\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "\n");
        Files.writeString(root.resolve("cgroup.procs"), "1\n");
        return root;
    }

    /** Makes the next write to files named {@code name} fail with {@code errno}. */
    void failNextWrite(String name, int errno) {
        failures.computeIfAbsent(name, n -> new ArrayDeque<>()).add(errno);
    }

    /** The controllers enabled in {@code dir}'s cgroup.subtree_control. */
    String subtreeControl(Path dir) throws IOException {
        return Files.readString(dir.resolve("cgroup.subtree_control")).strip();
    }

    /** Makes {@code dir} and its missing parents cgroups as mkdir would, for trees that exist before a test. */
    Path cgroup(Path dir) throws IOException {
        if (!Files.isDirectory(dir.getParent())) {
            cgroup(dir.getParent());
        }
        mkdir(dir);
        return dir;
    }

    /** Puts (or, with no pids, removes) processes in a cgroup, as forks and exits would. */
    synchronized void setProcs(Path dir, int... pids) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int pid : pids) {
            b.append(pid).append('\n');
        }
        Files.writeString(dir.resolve("cgroup.procs"), b);
        setEvent(dir, "populated", pids.length > 0 ? "1" : "0");
    }

    @Override
    public synchronized String read(Path file) throws IOException {
        return Files.readString(file);
    }

    @Override
    public synchronized void write(Path file, String value) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        ArrayDeque<Integer> failing = failures.get(name);
        if (failing != null && !failing.isEmpty()) {
            int errno = failing.poll();
            if (errno == Errno.ENOENT) {
                throw new NoSuchFileException(file.toString());
            }
            throw new CgroupFileException(file.toString(), errno, Errno.describe(errno));
        }
        switch (name) {
            case "cgroup.procs" -> {
                Files.writeString(file, Files.readString(file) + value + "\n");
                setEvent(dir, "populated", "1");
            }
            case "cgroup.freeze" -> {
                Files.writeString(file, value + "\n");
                if (!stuckFreezer) {
                    setEvent(dir, "frozen", value);
                }
            }
            case "cgroup.kill" -> {
                try (Stream<Path> tree = Files.walk(dir)) {
                    for (Path d : tree.filter(Files::isDirectory).toList()) {
                        setProcs(d);
                    }
                }
            }
            case "cgroup.subtree_control" -> enable(dir, value);
            default -> {
                writes.add((hierarchyRoot == null ? file : hierarchyRoot.relativize(file)) + "=" + value);
                if (PER_DEVICE.contains(name) || name.equals("io.bfq.weight") && value.contains(":")) {
                    Files.writeString(file, Files.readString(file) + value + "\n");
                } else {
                    Files.writeString(file, value);
                }
            }
        }
    }

    private void enable(Path dir, String value) throws IOException {
        if (!value.startsWith("+") || value.contains(" ")) {
            throw new IllegalArgumentException("the fake enables one controller per write, got " + value);
        }
        String controller = value.substring(1);
        if (!words(dir.resolve("cgroup.controllers")).contains(controller)) {
            throw new NoSuchFileException(dir.resolve("cgroup.subtree_control").toString());
        }
        if (!dir.equals(hierarchyRoot) && !Files.readString(dir.resolve("cgroup.procs")).isBlank()) {
            throw new CgroupFileException(dir.resolve("cgroup.subtree_control").toString(), Errno.EBUSY,
                    Errno.describe(Errno.EBUSY));
        }
        List<String> enabled = new ArrayList<>(words(dir.resolve("cgroup.subtree_control")));
        if (!enabled.contains(controller)) {
            enabled.add(controller);
            Files.writeString(dir.resolve("cgroup.subtree_control"), String.join(" ", enabled) + "\n");
            for (Path child : children(dir)) {
                giveController(child, controller);
            }
        }
    }

    private void giveController(Path cgroup, String controller) throws IOException {
        List<String> controllers = new ArrayList<>(words(cgroup.resolve("cgroup.controllers")));
        controllers.add(controller);
        Files.writeString(cgroup.resolve("cgroup.controllers"), String.join(" ", controllers) + "\n");
        for (String f : FILES.getOrDefault(controller, List.of())) {
            if (!absentFiles.contains(f)) {
                Files.writeString(cgroup.resolve(f), f.equals("memory.current") ? "8192\n" : "");
            }
        }
    }

    private static List<String> words(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file).strip();
        return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public synchronized void mkdir(Path dir) throws IOException {
        if (failMkdir.contains(dir)) {
            throw new FileSystemException(dir.toString(), null, "Permission denied");
        }
        Files.createDirectory(dir);
        Files.writeString(dir.resolve("cgroup.procs"), "");
        Files.writeString(dir.resolve("cgroup.events"), "populated 0\nfrozen 0\n");
        Files.writeString(dir.resolve("cgroup.freeze"), "0\n");
        Files.writeString(dir.resolve("cgroup.kill"), "");
        Files.writeString(dir.resolve("cgroup.subtree_control"), "");
        Files.writeString(dir.resolve("cgroup.controllers"), "");
        for (String controller : words(dir.getParent().resolve("cgroup.subtree_control"))) {
            giveController(dir, controller);
        }
    }

    @Override
    public synchronized void rmdir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        if (!children(dir).isEmpty() || !Files.readString(dir.resolve("cgroup.procs")).isEmpty()) {
            throw new FileSystemException(dir.toString(), null, "Device or resource busy");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
        removed.add(dir);
    }

    @Override
    public List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).toList();
        }
    }

    private void setEvent(Path dir, String key, String value) throws IOException {
        Path events = dir.resolve("cgroup.events");
        StringBuilder b = new StringBuilder();
        for (String line : Files.readString(events).split("\n")) {
            b.append(line.startsWith(key + " ") ? key + " " + value : line).append('\n');
        }
        Files.writeString(events, b);
    }
}
