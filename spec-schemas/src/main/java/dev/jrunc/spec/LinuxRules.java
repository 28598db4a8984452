package dev.jrunc.spec;

import dev.jrunc.spec.json.Quoting;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Whether the Linux settings other than namespaces are usable. */
final class LinuxRules {

    // runc accepts the recursive variants too, beyond the four the spec lists.
    private static final List<String> PROPAGATIONS =
            List.of("private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable");

    private static final Set<String> CLOCKS = Set.of("monotonic", "boottime");
    private static final Set<String> DEVICE_TYPES = Set.of("c", "b", "u", "p");
    private static final Set<String> PERSONALITY_DOMAINS = Set.of("LINUX", "LINUX32");
    private static final Set<String> MEMORY_POLICY_MODES = Set.of(
            "MPOL_DEFAULT", "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE",
            "MPOL_PREFERRED", "MPOL_PREFERRED_MANY", "MPOL_LOCAL");
    private static final Set<String> MEMORY_POLICY_FLAGS =
            Set.of("MPOL_F_NUMA_BALANCING", "MPOL_F_RELATIVE_NODES", "MPOL_F_STATIC_NODES");

    // mknod(2) takes a 32-bit device number: 12 bits of major, 20 of minor.
    private static final long MAX_MAJOR = (1L << 12) - 1;
    private static final long MAX_MINOR = (1L << 20) - 1;

    private LinuxRules() {}

    static void check(Linux linux, JsonPath at, Problems out) {
        if (linux.resources() != null) {
            ResourcesRules.check(linux.resources(), at.member("resources"), out);
        }
        checkDevices(linux.devices(), at.member("devices"), out);
        if (linux.seccomp() != null) {
            SeccompRules.check(linux.seccomp(), at.member("seccomp"), out);
        }
        String propagation = linux.rootfsPropagation();
        if (propagation != null && !propagation.isEmpty() && !PROPAGATIONS.contains(propagation)) {
            out.add(at.member("rootfsPropagation"), "unknown propagation " + Quoting.quoteShort(propagation)
                    + " (expected one of " + String.join(", ", PROPAGATIONS) + ")");
        }
        if (linux.memoryPolicy() != null) {
            checkMemoryPolicy(linux.memoryPolicy(), at.member("memoryPolicy"), out);
        }
        if (linux.personality() != null) {
            String domain = linux.personality().domain();
            JsonPath domainAt = at.member("personality").member("domain");
            if (CommonRules.requireText(domain, domainAt, out) && !PERSONALITY_DOMAINS.contains(domain)) {
                out.add(domainAt, "unknown personality domain " + Quoting.quoteShort(domain) + " (expected LINUX or LINUX32)");
            }
            // runtime-spec: "Currently no flag values are supported"; runc ignores them with a
            // warning, jrunc refuses rather than run with a persona other than the one asked for.
            List<String> flags = linux.personality().flags();
            for (int i = 0; i < flags.size(); i++) {
                out.add(at.member("personality").member("flags").index(i), "unknown personality flag "
                        + Quoting.quoteShort(flags.get(i)) + " (the runtime spec defines none)");
            }
        }
        for (Map.Entry<String, TimeOffset> clock : linux.timeOffsets().entrySet()) {
            if (!CLOCKS.contains(clock.getKey())) {
                out.add(at.member("timeOffsets").member(clock.getKey()),
                        "unknown clock " + Quoting.quoteShort(clock.getKey()) + " (expected monotonic or boottime)");
            }
        }
    }

    private static void checkDevices(List<Device> devices, JsonPath at, Problems out) {
        for (int i = 0; i < devices.size(); i++) {
            Device device = devices.get(i);
            JsonPath deviceAt = at.index(i);
            CommonRules.requireText(device.path(), deviceAt.member("path"), out);
            JsonPath typeAt = deviceAt.member("type");
            if (!CommonRules.requireText(device.type(), typeAt, out)) {
                continue;
            }
            if (!DEVICE_TYPES.contains(device.type())) {
                out.add(typeAt, "unknown device type " + Quoting.quoteShort(device.type()) + " (expected c, b, u or p)");
            } else if (!device.type().equals("p")) {
                if (device.major() == null) {
                    out.add(deviceAt.member("major"), "is required for device type " + Quoting.quoteShort(device.type()));
                } else if (device.major() < 0 || device.major() > MAX_MAJOR) {
                    out.add(deviceAt.member("major"), Problems.outOfRange(device.major().toString(), "0",
                            Long.toString(MAX_MAJOR)));
                }
                if (device.minor() == null) {
                    out.add(deviceAt.member("minor"), "is required for device type " + Quoting.quoteShort(device.type()));
                } else if (device.minor() < 0 || device.minor() > MAX_MINOR) {
                    out.add(deviceAt.member("minor"), Problems.outOfRange(device.minor().toString(), "0",
                            Long.toString(MAX_MINOR)));
                }
            }
        }
    }

    private static void checkMemoryPolicy(MemoryPolicy policy, JsonPath at, Problems out) {
        JsonPath modeAt = at.member("mode");
        if (CommonRules.requireText(policy.mode(), modeAt, out) && !MEMORY_POLICY_MODES.contains(policy.mode())) {
            out.add(modeAt, "unknown memory policy mode " + Quoting.quoteShort(policy.mode()));
        }
        for (int i = 0; i < policy.flags().size(); i++) {
            if (!MEMORY_POLICY_FLAGS.contains(policy.flags().get(i))) {
                out.add(at.member("flags").index(i), "unknown memory policy flag " + Quoting.quoteShort(policy.flags().get(i)));
            }
        }
    }
}
