package dev.jrunc.container.create;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Linux;
import dev.jrunc.spec.Spec;

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
        Linux linux = spec.linux();
        if (linux == null) {
            return;
        }
        refuseIf(linux.intelRdt() != null, "linux.intelRdt", "Intel RDT");
        refuseIf(linux.memoryPolicy() != null, "linux.memoryPolicy", "memory policies");
        refuseIf(!linux.netDevices().isEmpty(), "linux.netDevices", "moving network devices");
    }

    private static void refuseIf(boolean set, String field, String what) {
        if (set) {
            throw new ContainerException(field + ": " + what + " are not supported by jrunc yet; remove the setting");
        }
    }
}
