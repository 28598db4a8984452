package dev.jrunc.container.cgroup;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.IoMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds where the cgroup2 hierarchy is mounted: {@code /sys/fs/cgroup} on a pure v2 host,
 * {@code /sys/fs/cgroup/unified} on a hybrid one, so it is read from mountinfo, never assumed.
 */
public final class Cgroup2Mount {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private Cgroup2Mount() {
    }

    /** The cgroup2 mount point of this process's mount namespace. */
    public static Path locate() {
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNTINFO);
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read", MOUNTINFO, e), e);
        }
        return parse(lines).orElseThrow(() -> new ContainerException(
                "cgroup2 is not mounted (no cgroup2 entry in " + MOUNTINFO + ")"));
    }

    /**
     * The mount point of the first cgroup2 mount in {@code mountinfo} lines that shows the
     * hierarchy's root ("/"), else of the first cgroup2 mount at all.
     */
    static Optional<Path> parse(List<String> mountinfo) {
        Path any = null;
        for (String line : mountinfo) {
            // fields: id parent major:minor root mount-point options [optional...] - fstype source super-options
            int separator = line.indexOf(" - ");
            if (separator < 0) {
                continue;
            }
            String[] after = line.substring(separator + 3).split(" ");
            if (after.length == 0 || !after[0].equals("cgroup2")) {
                continue;
            }
            String[] before = line.substring(0, separator).split(" ");
            if (before.length < 5) {
                continue;
            }
            Path mountPoint = Path.of(unescape(before[4]));
            if (unescape(before[3]).equals("/")) {
                return Optional.of(mountPoint);
            }
            if (any == null) {
                any = mountPoint;
            }
        }
        return Optional.ofNullable(any);
    }

    /** mountinfo writes space, tab, newline and backslash as three-digit octal escapes. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder b = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                b.append((char) Integer.parseInt(field, i + 1, i + 4, 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
