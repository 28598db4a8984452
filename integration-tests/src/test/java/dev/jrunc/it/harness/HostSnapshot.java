package dev.jrunc.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a test can see of the host before and after running a container: the type, mode,
 * owner, size, inode, modification and change times and content hash (or link target) of
 * chosen files and of every entry of chosen trees, and this process's mount table. Comparing
 * two snapshots shows whether the runtime touched anything it must not.
 *
 * <p>The mount table is compared only where it concerns this test: mounts under the given own
 * paths, and mounts anywhere outside the scratch areas other tests and engines on this shared
 * machine use ({@code /tmp}, {@code /var/tmp}, {@code /run}, {@code /var/lib}), so that their
 * activity does not fail this test while a mount leaked onto {@code /}, {@code /etc},
 * {@code /proc} or the like still does.
 */
public final class HostSnapshot {

    private static final List<String> SHARED_SCRATCH = List.of("/tmp/", "/var/tmp/", "/run/", "/var/lib/");
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private final Map<String, String> entries;
    private final Set<String> mounts;

    private HostSnapshot(Map<String, String> entries, Set<String> mounts) {
        this.entries = entries;
        this.mounts = mounts;
    }

    /**
     * Records {@code files} (each on its own, a missing one as missing, a directory by its
     * listing), every entry of
     * {@code trees} (not following links), and the mounts that concern {@code ownPaths}.
     */
    public static HostSnapshot take(List<Path> files, List<Path> trees, List<Path> ownPaths) {
        Map<String, String> entries = new TreeMap<>();
        for (Path file : files) {
            entries.put(file.toString(), Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                    ? describeListing(file) : describe(file));
        }
        for (Path tree : trees) {
            try (Stream<Path> walk = Files.walk(tree)) {
                walk.forEach(p -> entries.put(p.toString(), describe(p)));
            } catch (NoSuchFileException e) {
                entries.put(tree.toString(), "missing");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new HostSnapshot(entries, relevantMounts(ownPaths));
    }

    /** Host files a container must never reach, whatever its rootfs holds. */
    public static List<Path> sensitiveHostFiles() {
        return List.of(Path.of("/"), Path.of("/etc"), Path.of("/etc/shadow"), Path.of("/etc/passwd"),
                Path.of("/etc/group"), Path.of("/etc/hostname"), Path.of("/etc/hosts"), Path.of("/dev/null"));
    }

    /** Every difference from {@code before}, one line each; empty when nothing changed. */
    public List<String> changesSince(HostSnapshot before) {
        List<String> changes = new ArrayList<>();
        Set<String> paths = new TreeSet<>(before.entries.keySet());
        paths.addAll(entries.keySet());
        for (String path : paths) {
            String was = before.entries.getOrDefault(path, "absent");
            String now = entries.getOrDefault(path, "absent");
            if (!was.equals(now)) {
                changes.add(path + ": " + was + " -> " + now);
            }
        }
        for (String mount : before.mounts) {
            if (!mounts.contains(mount)) {
                changes.add("mount gone: " + mount);
            }
        }
        for (String mount : mounts) {
            if (!before.mounts.contains(mount)) {
                changes.add("mount appeared: " + mount);
            }
        }
        return changes;
    }

    private static String describe(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,size,ino,dev,lastModifiedTime,ctime",
                    LinkOption.NOFOLLOW_LINKS);
            StringBuilder out = new StringBuilder()
                    .append("mode=").append(Integer.toOctalString((Integer) a.get("mode")))
                    .append(" owner=").append(a.get("uid")).append(':').append(a.get("gid"))
                    .append(" size=").append(a.get("size"))
                    .append(" ino=").append(a.get("dev")).append('/').append(a.get("ino"))
                    .append(" mtime=").append(a.get("lastModifiedTime"))
                    .append(" ctime=").append(a.get("ctime"));
            if (Files.isSymbolicLink(path)) {
                out.append(" -> ").append(Files.readSymbolicLink(path));
            } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                out.append(" sha256=").append(sha256(Files.readAllBytes(path)));
            }
            return out.toString();
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    // A shared directory such as /etc changes its times whenever anything on the machine
    // replaces a file in it; what a runtime must not do is add, remove or re-own entries.
    private static String describeListing(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            Map<String, Object> a = Files.readAttributes(dir, "unix:mode,uid,gid,ino,dev", LinkOption.NOFOLLOW_LINKS);
            return "mode=" + Integer.toOctalString((Integer) a.get("mode")) + " owner=" + a.get("uid") + ":"
                    + a.get("gid") + " ino=" + a.get("dev") + "/" + a.get("ino") + " entries="
                    + list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static Set<String> relevantMounts(List<Path> ownPaths) {
        Set<String> relevant = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(MOUNTINFO)) {
                String[] fields = line.split(" ");
                if (fields.length < 5) {
                    continue;
                }
                String mountPoint = fields[4].replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n")
                        .replace("\\134", "\\");
                boolean own = ownPaths.stream().anyMatch(p -> Path.of(mountPoint).startsWith(p));
                boolean shared = SHARED_SCRATCH.stream().anyMatch(mountPoint::startsWith);
                if (own || !shared) {
                    relevant.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return relevant;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
