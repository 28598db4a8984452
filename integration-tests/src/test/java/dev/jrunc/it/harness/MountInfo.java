package dev.jrunc.it.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;

/** The mount table a container printed from /proc/self/mountinfo, among other output lines. */
public final class MountInfo {

    /**
     * One mountinfo line.
     *
     * @param mountPoint   where it is mounted, as seen by the container
     * @param mountOptions per-mount options (ro, nosuid, ...)
     * @param fsType       file system type
     * @param superOptions per-superblock options (size=, mode=, ...)
     */
    public record Entry(String mountPoint, List<String> mountOptions, String fsType, List<String> superOptions) {
    }

    private final List<Entry> entries;

    private MountInfo(List<Entry> entries) {
        this.entries = entries;
    }

    /** Parses the mountinfo lines in {@code text}, ignoring lines of other shapes. */
    public static MountInfo parse(String text) {
        return new MountInfo(text.lines().map(MountInfo::parseLine).filter(entry -> entry != null).toList());
    }

    /** Every entry, in mount order. */
    public List<Entry> all() {
        return entries;
    }

    /** The topmost mount at {@code mountPoint}; fails the test if there is none. */
    public Entry at(String mountPoint) {
        return entries.reversed().stream()
                .filter(entry -> entry.mountPoint().equals(mountPoint))
                .findFirst()
                .orElseGet(() -> fail("nothing mounted at " + mountPoint + " in " + entries));
    }

    // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
    private static Entry parseLine(String line) {
        String[] fields = line.strip().split(" ");
        int separator = Arrays.asList(fields).indexOf("-");
        if (fields.length < 10 || separator < 6 || fields.length < separator + 4 || !fields[0].matches("\\d+")) {
            return null;
        }
        return new Entry(unescape(fields[4]), List.of(fields[5].split(",")), fields[separator + 1],
                List.of(fields[separator + 3].split(",")));
    }

    private static String unescape(String path) {
        return path.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
