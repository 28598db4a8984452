package dev.jrunc.it.harness;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cleans up after an engine: what it mounted below its private directory (overlay rootfs of a
 * task, a container's /dev/shm) if it did not unmount it itself, and the directories outside it
 * that the engine creates on first use and never removes (e.g. /run/containerd/s, where the shim's
 * socket lives whatever the configuration).
 */
public final class EngineDirectories {

    private static final Duration UMOUNT_TIMEOUT = Duration.ofSeconds(30);

    private final List<Path> absentBefore;

    private EngineDirectories(List<Path> absentBefore) {
        this.absentBefore = absentBefore;
    }

    /** Notes which of {@code outside} do not exist yet, so that {@link #removeCreated} removes only those. */
    public static EngineDirectories noteAbsent(List<Path> outside) {
        return new EngineDirectories(outside.stream().filter(dir -> !Files.exists(dir)).toList());
    }

    /**
     * Removes the noted directories the engine has created since, deepest first, each only if
     * empty (or holding only {@code disposableFiles} names): whatever someone else put there stays.
     */
    public void removeCreated(List<String> disposableFiles) {
        List<Path> dirs = new ArrayList<>(absentBefore);
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path dir : dirs) {
            try {
                for (String name : disposableFiles) {
                    Files.deleteIfExists(dir.resolve(name));
                }
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                // Someone else's files are there, or it is gone already.
            } catch (IOException e) {
                throw new IllegalStateException("cannot remove " + dir, e);
            }
        }
    }

    /** Lazily unmounts everything mounted at or below {@code tree} (a {@code jrunc-it-*} directory), deepest first. */
    public static void unmountBelow(Path tree, CommandRunner runner) {
        Path root = tree.toAbsolutePath().normalize();
        if (!root.getFileName().toString().startsWith(Workspace.PREFIX)) {
            throw new IllegalArgumentException("not a test directory: " + tree);
        }
        List<Path> mountPoints = new ArrayList<>(MountInfo.parse(ProcFs.read(Path.of("/proc/self/mountinfo"))).all()
                .stream()
                .map(entry -> Path.of(entry.mountPoint()))
                .filter(point -> point.startsWith(root))
                .distinct()
                .toList());
        mountPoints.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path point : mountPoints) {
            runner.run(List.of("umount", "--lazy", point.toString()), Path.of("/"), UMOUNT_TIMEOUT);
        }
    }
}
