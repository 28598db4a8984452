package dev.jrunc.spec;

import java.util.List;

/**
 * The Linux part of the features document (features-linux.md). Objects are null when absent.
 *
 * @param namespaces recognised namespace names; empty when absent
 * @param capabilities recognised capability names; empty when absent
 * @param cgroup cgroup manager support
 * @param seccomp seccomp support
 * @param apparmor AppArmor support
 * @param selinux SELinux support
 * @param intelRdt Intel RDT support
 * @param memoryPolicy recognised memory policy modes and flags
 * @param mountExtensions support for mount extensions such as ID-mapped mounts
 * @param netDevices support for moving network devices into the container
 */
public record LinuxFeatures(
        List<String> namespaces,
        List<String> capabilities,
        CgroupFeatures cgroup,
        SeccompFeatures seccomp,
        EnabledFeature apparmor,
        EnabledFeature selinux,
        IntelRdtFeatures intelRdt,
        MemoryPolicyFeatures memoryPolicy,
        MountExtensionsFeatures mountExtensions,
        EnabledFeature netDevices) {

    /** Normalises absent collections to empty immutable ones. */
    public LinuxFeatures {
        namespaces = Immutable.list(namespaces);
        capabilities = Immutable.list(capabilities);
    }
}
