package dev.jrunc.it.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the repository, the runtime under test and {@code bin/make-bundle} are, and whether this
 * machine can run the tests at all.
 *
 * <p>The runtime is {@code bin/jrunc} unless the environment variable {@value #RUNTIME_VARIABLE}
 * names another binary (an absolute path, or a name looked up in {@code PATH}), e.g. runc.
 * {@value #HOST_BINARIES_VARIABLE}{@code =1} builds the shared rootfs from host binaries instead of
 * busybox.
 */
public final class ItEnvironment {

    /** Names the runtime binary to test instead of {@code bin/jrunc}. */
    public static final String RUNTIME_VARIABLE = "JRUNC_IT_RUNTIME";

    /** When "1", the shared rootfs is built from host binaries even if a static busybox exists. */
    public static final String HOST_BINARIES_VARIABLE = "JRUNC_IT_HOST_BINARIES";

    private static final ItEnvironment CURRENT = detect();

    private final Path repoRoot;
    private final Path runtimeBinary;
    private final boolean runtimeFromVariable;

    private ItEnvironment(Path repoRoot, Path runtimeBinary, boolean runtimeFromVariable) {
        this.repoRoot = repoRoot;
        this.runtimeBinary = runtimeBinary;
        this.runtimeFromVariable = runtimeFromVariable;
    }

    /** The environment of this test run. */
    public static ItEnvironment current() {
        return CURRENT;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public Path runtimeBinary() {
        return runtimeBinary;
    }

    public Path makeBundleScript() {
        return repoRoot.resolve("bin/make-bundle");
    }

    /** Whether the shared rootfs must be made of host binaries rather than busybox. */
    public boolean wantsHostBinaries() {
        return "1".equals(System.getenv(HOST_BINARIES_VARIABLE));
    }

    /** Skips the calling test (or class) unless it runs as root. */
    public void assumeRoot() {
        long uid = effectiveUid();
        assumeTrue(uid == 0, () -> "needs root to create namespaces, mounts and cgroups, but the effective uid is "
                + uid);
    }

    /** Skips the calling test (or class) unless it runs as root and the runtime binary is executable. */
    public void assumeCanRunContainers() {
        assumeRoot();
        String origin = runtimeFromVariable
                ? " (named by " + RUNTIME_VARIABLE + ")"
                : " (build the project, or set " + RUNTIME_VARIABLE + "=/usr/sbin/runc to test another runtime)";
        assumeTrue(Files.exists(runtimeBinary), () -> "runtime binary " + runtimeBinary + " does not exist" + origin);
        assumeTrue(Files.isExecutable(runtimeBinary),
                () -> "runtime binary " + runtimeBinary + " is not executable" + origin);
    }

    private static ItEnvironment detect() {
        Path repoRoot = locateRepoRoot();
        String named = System.getenv(RUNTIME_VARIABLE);
        if (named == null || named.isBlank()) {
            return new ItEnvironment(repoRoot, repoRoot.resolve("bin/jrunc"), false);
        }
        return new ItEnvironment(repoRoot, resolveExecutable(named.strip()), true);
    }

    private static Path locateRepoRoot() {
        String configured = System.getProperty("jrunc.it.repoRoot");
        Path start = Path.of(configured != null ? configured : System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/make-bundle")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a directory with bin/make-bundle) above " + start);
    }

    private static Path resolveExecutable(String name) {
        if (name.contains("/")) {
            return Path.of(name).toAbsolutePath().normalize();
        }
        return Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> Stream.of(path.split(":")))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(Path.of(name).toAbsolutePath());
    }

    private static long effectiveUid() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            // "Uid:\treal\teffective\tsaved\tfs"
            return lines.filter(line -> line.startsWith("Uid:"))
                    .map(line -> Long.parseLong(line.split("\\s+")[2]))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
