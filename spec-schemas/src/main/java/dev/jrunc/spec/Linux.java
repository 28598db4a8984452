package dev.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * The Linux-specific part of config.json ({@code linux}). Component order follows the Go
 * reference structure, which is also the order runc writes the members in.
 *
 * @param uidMappings user namespace uid mappings; empty when absent
 * @param gidMappings user namespace gid mappings; empty when absent
 * @param sysctl kernel parameters to set, in document order; empty when absent
 * @param resources cgroup resource settings, or null
 * @param cgroupsPath the cgroup path (or {@code slice:prefix:name} with systemd), or null
 * @param namespaces the namespaces to create or join; empty when absent
 * @param devices device nodes to create; empty when absent
 * @param netDevices host network interfaces to move in, by host name; empty when absent
 * @param seccomp the seccomp filter, or null
 * @param rootfsPropagation the rootfs mount propagation, or null
 * @param maskedPaths paths to mask; empty when absent
 * @param readonlyPaths paths to make read-only; empty when absent
 * @param mountLabel the SELinux mount label, or null
 * @param intelRdt Intel RDT settings, or null
 * @param memoryPolicy the NUMA memory policy, or null
 * @param personality the execution domain, or null
 * @param timeOffsets time namespace offsets by clock name; empty when absent
 */
public record Linux(
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings,
        Map<String, String> sysctl,
        Resources resources,
        String cgroupsPath,
        List<Namespace> namespaces,
        List<Device> devices,
        Map<String, NetDevice> netDevices,
        Seccomp seccomp,
        String rootfsPropagation,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        String mountLabel,
        IntelRdt intelRdt,
        MemoryPolicy memoryPolicy,
        Personality personality,
        Map<String, TimeOffset> timeOffsets) {

    /** Normalises absent collections to empty immutable ones. */
    public Linux {
        uidMappings = Immutable.list(uidMappings);
        gidMappings = Immutable.list(gidMappings);
        sysctl = Immutable.map(sysctl);
        namespaces = Immutable.list(namespaces);
        devices = Immutable.list(devices);
        netDevices = Immutable.map(netDevices);
        maskedPaths = Immutable.list(maskedPaths);
        readonlyPaths = Immutable.list(readonlyPaths);
        timeOffsets = Immutable.map(timeOffsets);
    }
}
