package dev.jrunc.container.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The huge page sizes of this host as cgroup v2 names them in its hugetlb files ("2MB", "1GB"),
 * from the entries of /sys/kernel/mm/hugepages ("hugepages-2048kB"), in directory order as runc
 * lists them.
 */
public final class HugePageSizes {
    private static final Path SYSFS = Path.of("/sys/kernel/mm/hugepages");

    private HugePageSizes() {
    }

    /** This host's sizes; none when the kernel has no huge pages (or sysfs is not mounted). */
    public static List<String> ofThisHost() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(SYSFS)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        } catch (IOException noHugePages) {
            return List.of();
        }
        return fromDirectoryNames(names);
    }

    /**
     * The cgroup names for {@code hugepages-<n>kB} entries, scaled as the kernel's hugetlb
     * cgroup does (GB from 1 GiB, MB from 1 MiB, else KB); anything else is skipped.
     */
    static List<String> fromDirectoryNames(Collection<String> names) {
        List<String> sizes = new ArrayList<>();
        for (String name : names) {
            if (!name.startsWith("hugepages-") || !name.endsWith("kB")) {
                continue;
            }
            long kib;
            try {
                kib = Long.parseLong(name.substring("hugepages-".length(), name.length() - 2));
            } catch (NumberFormatException e) {
                continue;
            }
            if (kib >= 1 << 20) {
                sizes.add((kib >> 20) + "GB");
            } else if (kib >= 1 << 10) {
                sizes.add((kib >> 10) + "MB");
            } else {
                sizes.add(kib + "KB");
            }
        }
        return sizes;
    }
}
