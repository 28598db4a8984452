package dev.jrunc.it.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one bundle per test run that {@code bin/make-bundle} builds under /tmp/jrunc-it-rootfs-*.
 * Every test bundle points at its rootfs read-only and starts from its config.json. Removed when
 * the JVM exits.
 */
public final class SharedRootfs {

    private static final Duration MAKE_BUNDLE_TIMEOUT = Duration.ofMinutes(2);
    private static SharedRootfs instance;

    private final Path rootfs;
    private final ObjectNode templateConfig;

    private SharedRootfs(Path rootfs, ObjectNode templateConfig) {
        this.rootfs = rootfs;
        this.templateConfig = templateConfig;
    }

    /** Builds the shared bundle on first use. */
    public static synchronized SharedRootfs get() {
        if (instance == null) {
            instance = build(ItEnvironment.current());
        }
        return instance;
    }

    /** Absolute path of the rootfs directory. */
    public Path rootfs() {
        return rootfs;
    }

    /** A fresh copy of make-bundle's config.json. */
    public ObjectNode templateConfig() {
        return templateConfig.deepCopy();
    }

    private static SharedRootfs build(ItEnvironment environment) {
        try {
            Path bundle = Files.createTempDirectory(Path.of("/tmp"), Workspace.PREFIX + "rootfs-");
            Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rwxr-xr-x"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.remove(bundle)));
            Path output = Files.createDirectories(bundle.resolve("make-bundle-output"));
            List<String> command = new ArrayList<>(
                    List.of(environment.makeBundleScript().toString(), bundle.toString(), "--force"));
            if (environment.wantsHostBinaries()) {
                command.add("--host-binaries");
            }
            CommandResult result = new CommandRunner(output).run(command, environment.repoRoot(), MAKE_BUNDLE_TIMEOUT);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("bin/make-bundle failed:\n" + result.describe());
            }
            ObjectNode config = (ObjectNode) new ObjectMapper().readTree(bundle.resolve("config.json").toFile());
            return new SharedRootfs(bundle.resolve("rootfs"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
