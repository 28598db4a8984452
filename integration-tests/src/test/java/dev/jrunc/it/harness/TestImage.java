package dev.jrunc.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one OCI image per test run that the engine tests import: the shared rootfs (static busybox
 * and its applets, or host binaries) packed by {@link OciImageArchive} under
 * /tmp/jrunc-it-image-*. Removed when the JVM exits.
 */
public final class TestImage {

    /** The name the engines know the image by. */
    public static final String REFERENCE = "localhost/jrunc-it-image:latest";

    private static TestImage instance;

    private final Path archive;

    private TestImage(Path archive) {
        this.archive = archive;
    }

    /** Packs the image on first use. */
    public static synchronized TestImage get() {
        if (instance == null) {
            instance = build(SharedRootfs.get().rootfs());
        }
        return instance;
    }

    /** The OCI layout tarball. */
    public Path archive() {
        return archive;
    }

    private static TestImage build(Path rootfs) {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), Workspace.PREFIX + "image-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.remove(dir)));
            Path archive = dir.resolve("image.tar");
            OciImageArchive.write(rootfs, REFERENCE, archive, Files.createDirectories(dir.resolve("scratch")));
            return new TestImage(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
