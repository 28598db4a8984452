package dev.jrunc.container.create;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a pid file the way runc does: only the digits, no newline (containerd parses it with
 * strconv.Atoi), replaced atomically so a reader never sees it half written.
 */
public final class PidFile {
    private PidFile() {
    }

    public static void write(Path file, int pid) {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".jrunc-tmp");
        try {
            Files.write(tmp, Integer.toString(pid).getBytes(StandardCharsets.US_ASCII));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw new UncheckedIOException("writing pid file " + target + ": " + e.getMessage(), e);
        }
    }
}
