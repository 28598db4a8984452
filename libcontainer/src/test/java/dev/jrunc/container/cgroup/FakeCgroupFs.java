package dev.jrunc.container.cgroup;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A cgroupfs stand-in on a temp directory: mkdir creates the control files, writes to
 * cgroup.procs/freeze/kill update cgroup.events the way the kernel does, and rmdir removes a
 * directory full of control files but refuses a populated cgroup or one with children (EBUSY).
 */
final class FakeCgroupFs implements CgroupFs {
    final Set<Path> failMkdir = new HashSet<>();
    final List<Path> removed = new ArrayList<>();
    /** When set, cgroup.freeze is accepted but the cgroup never reports the new state. */
    boolean stuckFreezer;

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
        switch (file.getFileName().toString()) {
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
            default -> Files.writeString(file, value);
        }
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
