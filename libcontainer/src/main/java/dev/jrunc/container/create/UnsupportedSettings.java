package dev.jrunc.container.create;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Hooks;
import dev.jrunc.spec.Linux;
import dev.jrunc.spec.Resources;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;

/**
 * Settings jrunc does not apply yet. A container must never run less confined or less limited
 * than its config.json says, so each one set in the config fails `create` with its field named,
 * instead of being ignored.
 *
 * <p>One exception, kept deliberately: {@code linux.resources.devices}. Every engine's config
 * carries a device cgroup list; on cgroup v2 it needs an eBPF program, which is not built yet.
 * The container's /dev holds only the default nodes and {@code linux.devices}.
 */
final class UnsupportedSettings {
    private UnsupportedSettings() {
    }

    static void check(Spec spec) {
        SpecProcess p = spec.process();
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
        Resources r = linux.resources();
        if (r != null) {
            String limits = "resource limits (cgroup v2 controllers)";
            refuseIf(r.memory() != null, "linux.resources.memory", limits);
            refuseIf(r.cpu() != null, "linux.resources.cpu", limits);
            refuseIf(r.pids() != null, "linux.resources.pids", limits);
            refuseIf(r.blockIo() != null, "linux.resources.blockIO", limits);
            refuseIf(!r.hugepageLimits().isEmpty(), "linux.resources.hugepageLimits", limits);
            refuseIf(r.network() != null, "linux.resources.network", limits);
            refuseIf(!r.rdma().isEmpty(), "linux.resources.rdma", limits);
            refuseIf(!r.unified().isEmpty(), "linux.resources.unified", limits);
        }
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
