package dev.jrunc.container.process;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.init.InitProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code process.apparmorProfile}, applied as runc does (libapparmor's aa_change_onexec): the
 * process writes {@code exec PROFILE} to its own {@code /proc/thread-self/attr/apparmor/exec}
 * ({@code attr/exec} on kernels without the per-LSM directory), so the kernel confines it in the
 * profile at its next execve, the workload's. Engines send a profile whenever the host has
 * AppArmor enabled (podman's {@code containers-default-*}, or one given with
 * {@code --security-opt apparmor=}).
 */
public final class AppArmorProfile {
    private static final Path ENABLED = Path.of("/sys/module/apparmor/parameters/enabled");
    /** The per-LSM attribute directory (Linux 5.1+); the kernel is the container's, so the host's /proc tells. */
    private static final Path PER_LSM_ATTRS = Path.of("/proc/self/attr/apparmor");

    private AppArmorProfile() {
    }

    /**
     * Refuses a profile when the kernel has no AppArmor enabled, before anything is created (runc
     * fails only when the init writes the attribute).
     */
    public static void validate(String profile, String field) {
        if (isSet(profile) && !enabled()) {
            throw new ContainerException(field + ": AppArmor profile \"" + profile
                    + "\" given, but AppArmor is not enabled on this host (" + ENABLED + ")");
        }
    }

    /**
     * Appends the attribute write to {@code program}. It must come before no_new_privs, which
     * restricts profile transitions, and before a seccomp filter.
     */
    public static void append(InitProgram program, String profile, String field) {
        if (!isSet(profile)) {
            return;
        }
        String attr = Files.isDirectory(PER_LSM_ATTRS) ? "/proc/thread-self/attr/apparmor/exec"
                : "/proc/thread-self/attr/exec";
        program.writeFile(attr, "exec " + profile, field + ": apply AppArmor profile \"" + profile + "\" (write "
                + attr + ")");
    }

    static boolean isSet(String profile) {
        return profile != null && !profile.isEmpty();
    }

    private static boolean enabled() {
        try {
            return Files.readString(ENABLED).startsWith("Y");
        } catch (IOException e) {
            return false;
        }
    }
}
