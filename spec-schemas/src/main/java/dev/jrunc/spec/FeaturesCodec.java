package dev.jrunc.spec;

import dev.jrunc.spec.json.JsonValue;

/** Maps the features document to JSON, members in the Go reference order. */
final class FeaturesCodec {

    private FeaturesCodec() {}

    static JsonValue write(Features f) {
        return new JsonOutput()
                .text("ociVersionMin", f.ociVersionMin())
                .text("ociVersionMax", f.ociVersionMax())
                .texts("hooks", f.hooks())
                .texts("mountOptions", f.mountOptions())
                .object("linux", writeLinux(f.linux()))
                .textMap("annotations", f.annotations())
                .texts("potentiallyUnsafeConfigAnnotations", f.potentiallyUnsafeConfigAnnotations())
                .build();
    }

    private static JsonValue writeLinux(LinuxFeatures l) {
        if (l == null) {
            return null;
        }
        return new JsonOutput()
                .texts("namespaces", l.namespaces())
                .texts("capabilities", l.capabilities())
                .object("cgroup", writeCgroup(l.cgroup()))
                .object("seccomp", writeSeccomp(l.seccomp()))
                .object("apparmor", writeEnabled(l.apparmor()))
                .object("selinux", writeEnabled(l.selinux()))
                .object("intelRdt", writeIntelRdt(l.intelRdt()))
                .object("memoryPolicy", writeMemoryPolicy(l.memoryPolicy()))
                .object("mountExtensions", l.mountExtensions() == null ? null
                        : new JsonOutput().object("idmap", writeEnabled(l.mountExtensions().idmap())).build())
                .object("netDevices", writeEnabled(l.netDevices()))
                .build();
    }

    private static JsonValue writeCgroup(CgroupFeatures c) {
        if (c == null) {
            return null;
        }
        return new JsonOutput()
                .flag("v1", c.v1())
                .flag("v2", c.v2())
                .flag("systemd", c.systemd())
                .flag("systemdUser", c.systemdUser())
                .flag("rdma", c.rdma())
                .build();
    }

    private static JsonValue writeSeccomp(SeccompFeatures s) {
        if (s == null) {
            return null;
        }
        return new JsonOutput()
                .flag("enabled", s.enabled())
                .texts("actions", s.actions())
                .texts("operators", s.operators())
                .texts("archs", s.archs())
                .texts("knownFlags", s.knownFlags())
                .texts("supportedFlags", s.supportedFlags())
                .build();
    }

    private static JsonValue writeIntelRdt(IntelRdtFeatures r) {
        if (r == null) {
            return null;
        }
        return new JsonOutput()
                .flag("enabled", r.enabled())
                .flag("schemata", r.schemata())
                .flag("monitoring", r.monitoring())
                .build();
    }

    private static JsonValue writeMemoryPolicy(MemoryPolicyFeatures m) {
        if (m == null) {
            return null;
        }
        return new JsonOutput().texts("modes", m.modes()).texts("flags", m.flags()).build();
    }

    private static JsonValue writeEnabled(EnabledFeature feature) {
        if (feature == null) {
            return null;
        }
        return new JsonOutput().flag("enabled", feature.enabled()).build();
    }
}
