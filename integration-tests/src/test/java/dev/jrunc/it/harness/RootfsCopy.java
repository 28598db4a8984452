package dev.jrunc.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private, writable copy of the shared rootfs inside a test's workspace, for tests that plant
 * things in the image (hostile symlinks, files where directories belong) or let the runtime
 * create mount points in it. Paths given to its methods are paths inside the rootfs ("/proc").
 */
public final class RootfsCopy {

    private final Path rootfs;

    private RootfsCopy(Path rootfs) {
        this.rootfs = rootfs;
    }

    /** Copies the shared rootfs to {@code target} (which must not exist), keeping links and modes. */
    public static RootfsCopy of(Path target) {
        Path source = SharedRootfs.get().rootfs();
        try {
            Files.createDirectories(target.getParent());
            Process cp = new ProcessBuilder("cp", "-a", "--", source.toString(), target.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(cp.getInputStream().readAllBytes());
            if (!cp.waitFor(60, TimeUnit.SECONDS) || cp.exitValue() != 0) {
                throw new IllegalStateException("cp -a " + source + " " + target + " failed: " + output.strip());
            }
            return new RootfsCopy(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying the rootfs", e);
        }
    }

    /** The rootfs directory on the host. */
    public Path path() {
        return rootfs;
    }

    /** Where {@code pathInRootfs} is on the host, literally (no link in it is followed). */
    public Path hostPath(String pathInRootfs) {
        return rootfs.resolve(pathInRootfs.replaceFirst("^/+", ""));
    }

    /** Replaces whatever is at {@code pathInRootfs} with a symlink to {@code target}. */
    public RootfsCopy symlink(String pathInRootfs, String target) {
        Path link = clear(pathInRootfs);
        try {
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces whatever is at {@code pathInRootfs} with a regular file holding {@code content}. */
    public RootfsCopy file(String pathInRootfs, String content) {
        Path file = clear(pathInRootfs);
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Removes whatever is at {@code pathInRootfs} (a link itself, not its target). */
    public RootfsCopy remove(String pathInRootfs) {
        clear(pathInRootfs);
        return this;
    }

    private Path clear(String pathInRootfs) {
        Path path = hostPath(pathInRootfs);
        if (!path.normalize().startsWith(rootfs) || path.normalize().equals(rootfs)) {
            throw new IllegalArgumentException("not a path below the rootfs: " + pathInRootfs);
        }
        // The test itself must never follow a planted link out of the rootfs.
        for (Path prefix = path.getParent(); !prefix.equals(rootfs); prefix = prefix.getParent()) {
            if (Files.isSymbolicLink(prefix)) {
                throw new IllegalArgumentException(pathInRootfs + " lies below the symlink " + prefix);
            }
        }
        try {
            Files.createDirectories(path.getParent());
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.remove(path);
            } else {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    /** The entries of a directory in the rootfs, for assertion messages. */
    public List<String> list(String pathInRootfs) {
        try (var entries = Files.list(hostPath(pathInRootfs))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of("(" + e + ")");
        }
    }
}
