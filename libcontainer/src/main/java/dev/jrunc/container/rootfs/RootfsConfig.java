package dev.jrunc.container.rootfs;

import java.util.List;

/**
 * What {@link RootfsBuilder} needs, already validated and resolved from config.json.
 *
 * @param rootfs          the rootfs directory, absolute and with symlinks resolved
 * @param propagation     MS_* propagation for "/" (runc's default is MS_SLAVE | MS_REC)
 * @param explicitPropagation whether config.json set rootfsPropagation (then it is applied again after pivot_root)
 * @param setupDev        whether /dev is fresh (not bind-mounted), so default devices are made
 * @param hostDevices     make device nodes by bind-mounting the host's (user namespaces)
 * @param chroot          the container shares the caller's mount namespace: no propagation
 *                        change, no pivot_root (it would swap the caller's own root), only chroot
 */
public record RootfsConfig(String rootfs, boolean readonly, long propagation, boolean explicitPropagation,
                           List<PlannedMount> mounts, List<DeviceNode> devices, List<String> maskedPaths,
                           List<String> readonlyPaths, boolean setupDev, boolean hostDevices, IdMap ids,
                           boolean noPivot, boolean chroot, String cwd) {

    /** This configuration with the id mappings learned from the running init. */
    public RootfsConfig withIds(IdMap newIds) {
        return new RootfsConfig(rootfs, readonly, propagation, explicitPropagation, mounts, devices, maskedPaths,
                readonlyPaths, setupDev, hostDevices, newIds, noPivot, chroot, cwd);
    }

    /** This configuration with {@code newMounts} in place of {@link #mounts()}. */
    public RootfsConfig withMounts(List<PlannedMount> newMounts) {
        return new RootfsConfig(rootfs, readonly, propagation, explicitPropagation, List.copyOf(newMounts), devices,
                maskedPaths, readonlyPaths, setupDev, hostDevices, ids, noPivot, chroot, cwd);
    }
}
