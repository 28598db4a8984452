package dev.jrunc.it.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds programs the engine tests drive (containerd, ctr, podman, conmon, script) and skips a
 * test, naming the Debian package, when one is missing. `.ci/run` installs them on CI.
 */
public final class HostTools {

    // PATH, then the sbin directories a non-login root shell may lack.
    private static final List<String> EXTRA_DIRECTORIES = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private HostTools() {
    }

    /** The absolute path of the executable {@code name}, if there is one. */
    public static Optional<Path> find(String name) {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(":")));
        }
        directories.addAll(EXTRA_DIRECTORIES);
        return directories.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** {@link #find}, skipping the calling test when it is missing. */
    public static Path require(String name, String debianPackage) {
        Optional<Path> found = find(name);
        assumeTrue(found.isPresent(), () -> name + " is not installed (apt-get install " + debianPackage
                + "; .ci/run installs it when missing)");
        return found.orElseThrow();
    }
}
