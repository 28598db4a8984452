package dev.jrunc.spec;

/**
 * Reads a features document back into the model. Production code only writes features, so this
 * reader lives with the tests that compare written documents against runc's.
 */
final class FeaturesFixture {

    private FeaturesFixture() {}

    static Features read(byte[] json) {
        JsonInput f = JsonInput.parseObject(json, "features");
        return new Features(
                f.member("ociVersionMin").text(),
                f.member("ociVersionMax").text(),
                f.member("hooks").texts(),
                f.member("mountOptions").texts(),
                linux(f.member("linux").optionalObject()),
                f.member("annotations").textMap(),
                f.member("potentiallyUnsafeConfigAnnotations").texts());
    }

    private static LinuxFeatures linux(JsonInput l) {
        if (l == null) {
            return null;
        }
        JsonInput c = l.member("cgroup").optionalObject();
        JsonInput s = l.member("seccomp").optionalObject();
        JsonInput r = l.member("intelRdt").optionalObject();
        JsonInput m = l.member("memoryPolicy").optionalObject();
        JsonInput x = l.member("mountExtensions").optionalObject();
        return new LinuxFeatures(
                l.member("namespaces").texts(),
                l.member("capabilities").texts(),
                c == null ? null : new CgroupFeatures(
                        c.member("v1").optionalFlag(), c.member("v2").optionalFlag(), c.member("systemd").optionalFlag(),
                        c.member("systemdUser").optionalFlag(), c.member("rdma").optionalFlag()),
                s == null ? null : new SeccompFeatures(
                        s.member("enabled").optionalFlag(), s.member("actions").texts(), s.member("operators").texts(),
                        s.member("archs").texts(), s.member("knownFlags").texts(), s.member("supportedFlags").texts()),
                enabled(l.member("apparmor")),
                enabled(l.member("selinux")),
                r == null ? null : new IntelRdtFeatures(
                        r.member("enabled").optionalFlag(), r.member("schemata").optionalFlag(),
                        r.member("monitoring").optionalFlag()),
                m == null ? null : new MemoryPolicyFeatures(m.member("modes").texts(), m.member("flags").texts()),
                x == null ? null : new MountExtensionsFeatures(enabled(x.member("idmap"))),
                enabled(l.member("netDevices")));
    }

    private static EnabledFeature enabled(JsonInput member) {
        JsonInput e = member.optionalObject();
        return e == null ? null : new EnabledFeature(e.member("enabled").optionalFlag());
    }
}
