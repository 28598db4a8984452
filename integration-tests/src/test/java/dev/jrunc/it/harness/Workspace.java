package dev.jrunc.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One test's scratch directory under /tmp ({@code jrunc-it-*}): bundles, log, pid files, captured
 * output and bind-mount sources. Removed on {@link #close()}.
 */
public final class Workspace implements AutoCloseable {

    /** Prefix of every name (container id, directory, state root) the tests create. */
    public static final String PREFIX = "jrunc-it-";

    private final Path directory;

    private Workspace(Path directory) {
        this.directory = directory;
    }

    /** Creates a fresh, world-readable workspace directory. */
    public static Workspace create() {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), PREFIX);
            // A container may run as a non-root user or in a user namespace; it must reach its bundle.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new Workspace(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A random name with the test prefix, e.g. {@code jrunc-it-3fa29c01}. */
    public static String uniqueName() {
        return PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    public Path directory() {
        return directory;
    }

    /** A path inside the workspace; nothing is created. */
    public Path path(String name) {
        return directory.resolve(name);
    }

    /** Creates a world-readable directory (and its parents) inside the workspace. */
    public Path newDirectory(String name) {
        try {
            Path dir = Files.createDirectories(directory.resolve(name));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        FileTrees.remove(directory);
    }
}
