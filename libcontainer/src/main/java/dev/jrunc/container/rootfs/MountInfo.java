package dev.jrunc.container.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Lines of /proc/thread-self/mountinfo: the mounts of the calling thread's mount namespace. */
public record MountInfo(String mountPoint, String optionalFields, String fstype) {

    public boolean isShared() {
        return optionalFields.contains("shared:");
    }

    /** The mounts the calling thread sees now. */
    public static List<MountInfo> current() {
        try {
            return parse(java.nio.file.Files.readAllLines(Path.of("/proc/thread-self/mountinfo")));
        } catch (IOException e) {
            throw new UncheckedIOException("reading /proc/thread-self/mountinfo", e);
        }
    }

    static List<MountInfo> parse(List<String> lines) {
        List<MountInfo> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            int sep = java.util.Arrays.asList(f).indexOf("-");
            if (f.length < 7 || sep < 6) {
                continue;
            }
            String optional = String.join(" ", java.util.Arrays.copyOfRange(f, 6, sep));
            out.add(new MountInfo(unescape(f[4]), optional, sep + 1 < f.length ? f[sep + 1] : ""));
        }
        return out;
    }

    /** The mount that contains {@code path}: the last one whose mount point is a prefix of it. */
    public static MountInfo containing(List<MountInfo> mounts, String path) {
        MountInfo best = null;
        for (MountInfo m : mounts) {
            String mp = m.mountPoint();
            boolean prefix = path.equals(mp) || mp.equals("/") || path.startsWith(mp + "/");
            if (prefix && (best == null || mp.length() >= best.mountPoint().length())) {
                best = m;
            }
        }
        return best;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
