package dev.jrunc.container.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which Linux security modules this host enforces, decided as runc decides it: AppArmor when
 * {@code /sys/kernel/security/apparmor} exists and the module says it is enabled, SELinux when
 * a selinuxfs is mounted and the runtime's own label is not "kernel" (go-selinux's GetEnabled).
 * The container shares the host's kernel, so what holds here holds in the container.
 *
 * @param apparmor whether AppArmor is enabled
 * @param apparmorExecAttr the file, relative to a process's /proc/self, that takes an AppArmor
 *     "exec" request: {@code attr/apparmor/exec} on kernels with per-LSM attribute directories
 *     (5.8+), else the shared {@code attr/exec}
 * @param selinux whether SELinux is enabled
 */
public record SecurityModules(boolean apparmor, String apparmorExecAttr, boolean selinux) {

    /** A host without AppArmor and SELinux, for tests. */
    public static final SecurityModules NONE = new SecurityModules(false, "attr/exec", false);

    /**
     * What this host has, when one of {@code labels} (a profile, a process or mount label) is
     * set; {@link #NONE} otherwise, since nothing then depends on it.
     */
    public static SecurityModules probeFor(String... labels) {
        for (String label : labels) {
            if (label != null && !label.isEmpty()) {
                return probe();
            }
        }
        return NONE;
    }

    /** What this host has. */
    public static SecurityModules probe() {
        boolean apparmor = Files.isDirectory(Path.of("/sys/kernel/security/apparmor"))
                && read(Path.of("/sys/module/apparmor/parameters/enabled")).startsWith("Y");
        String attr = Files.isDirectory(Path.of("/proc/self/attr/apparmor")) ? "attr/apparmor/exec" : "attr/exec";
        boolean selinux = selinuxfsMounted()
                && !read(Path.of("/proc/self/attr/current")).replace("\0", "").strip().equals("kernel");
        return new SecurityModules(apparmor, attr, selinux);
    }

    private static boolean selinuxfsMounted() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .anyMatch(l -> l.contains(" - selinuxfs "));
        } catch (IOException e) {
            return false;
        }
    }

    /** The file's text, or "" when it cannot be read (no such module, or none loaded). */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
