package dev.jrunc.container.create;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Hooks;
import dev.jrunc.spec.Linux;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;

/**
 * Settings jrunc does not apply yet. A container must never run less confined or less limited
 * than its config.json says, so each one set in the config fails `create` with its field named,
 * instead of being ignored.
 *
 * <p>{@code linux.resources.devices} is not among them: it is enforced by a cgroup device
 * filter ({@link dev.jrunc.container.cgroup.devices.DeviceFilter}), with runc's default rules
 * appended, installed before any process joins the cgroup. The other
 * resource settings are enforced too ({@link dev.jrunc.container.cgroup.CgroupSettings}).
 */
final class UnsupportedSettings {
    private UnsupportedSettings() {
    }

    static void check(Spec spec) {
        SpecProcess p = spec.process();
        refuseIf(notBlank(p.apparmorProfile()), "process.apparmorProfile", "AppArmor profiles");
        refuseIf(notBlank(p.selinuxLabel()), "process.selinuxLabel", "SELinux labels");
        refuseIf(p.scheduler() != null, "process.scheduler", "scheduling policies");
        refuseIf(p.ioPriority() != null, "process.ioPriority", "I/O priorities");
        refuseIf(p.execCpuAffinity() != null, "process.execCPUAffinity", "exec CPU affinity");
        Hooks hooks = spec.hooks();
        // Every other hook phase runs (dev.jrunc.container.hooks). startContainer must be run by
        // the init itself, in all the container's namespaces, between start and the exec of the
        // user process; the init helper has no "run a program and wait" operation yet.
        if (hooks != null) {
            refuseIf(!hooks.startContainer().isEmpty(), "hooks.startContainer", "startContainer hooks");
        }
        Linux linux = spec.linux();
        if (linux == null) {
            return;
        }
        refuseIf(notBlank(linux.mountLabel()), "linux.mountLabel", "SELinux mount labels");
        refuseIf(linux.personality() != null, "linux.personality", "personality settings");
        refuseIf(linux.intelRdt() != null, "linux.intelRdt", "Intel RDT");
        refuseIf(linux.memoryPolicy() != null, "linux.memoryPolicy", "memory policies");
        refuseIf(!linux.netDevices().isEmpty(), "linux.netDevices", "moving network devices");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isEmpty();
    }

    private static void refuseIf(boolean set, String field, String what) {
        if (set) {
            throw new ContainerException(field + ": " + what + " are not supported by jrunc yet; remove the setting");
        }
    }
}
