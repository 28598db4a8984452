package dev.jrunc.spec;

/** Maps config.json's {@code linux} object (except resources and seccomp) to and from JSON. */
final class LinuxCodec {

    private LinuxCodec() {}

    static Linux read(JsonInput in) {
        return new Linux(
                in.member("uidMappings").list(LinuxCodec::readIdMapping),
                in.member("gidMappings").list(LinuxCodec::readIdMapping),
                in.member("sysctl").textMap(),
                in.member("resources").object(ResourcesCodec::read),
                in.member("cgroupsPath").text(),
                in.member("namespaces").list(LinuxCodec::readNamespace),
                in.member("devices").list(LinuxCodec::readDevice),
                in.member("netDevices").map(LinuxCodec::readNetDevice),
                in.member("seccomp").object(SeccompCodec::read),
                in.member("rootfsPropagation").text(),
                in.member("maskedPaths").texts(),
                in.member("readonlyPaths").texts(),
                in.member("mountLabel").text(),
                in.member("intelRdt").object(LinuxCodec::readIntelRdt),
                in.member("memoryPolicy").object(LinuxCodec::readMemoryPolicy),
                in.member("personality").object(LinuxCodec::readPersonality),
                in.member("timeOffsets").map(LinuxCodec::readTimeOffset));
    }

    static JsonValue write(Linux linux) {
        return new JsonOutput()
                .list("uidMappings", linux.uidMappings(), LinuxCodec::writeIdMapping)
                .list("gidMappings", linux.gidMappings(), LinuxCodec::writeIdMapping)
                .textMap("sysctl", linux.sysctl())
                .object("resources", linux.resources(), ResourcesCodec::write)
                .text("cgroupsPath", linux.cgroupsPath())
                .list("namespaces", linux.namespaces(), LinuxCodec::writeNamespace)
                .list("devices", linux.devices(), LinuxCodec::writeDevice)
                .map("netDevices", linux.netDevices(), LinuxCodec::writeNetDevice)
                .object("seccomp", linux.seccomp(), SeccompCodec::write)
                .text("rootfsPropagation", linux.rootfsPropagation())
                .texts("maskedPaths", linux.maskedPaths())
                .texts("readonlyPaths", linux.readonlyPaths())
                .text("mountLabel", linux.mountLabel())
                .object("intelRdt", linux.intelRdt(), LinuxCodec::writeIntelRdt)
                .object("memoryPolicy", linux.memoryPolicy(), LinuxCodec::writeMemoryPolicy)
                .object("personality", linux.personality(), LinuxCodec::writePersonality)
                .map("timeOffsets", linux.timeOffsets(), LinuxCodec::writeTimeOffset)
                .build();
    }

    static IdMapping readIdMapping(JsonInput in) {
        return in.requiredObject(m -> new IdMapping(
                m.member("containerID").requiredUint32(),
                m.member("hostID").requiredUint32(),
                m.member("size").requiredUint32()));
    }

    static JsonValue writeIdMapping(IdMapping mapping) {
        return new JsonOutput()
                .number("containerID", mapping.containerId())
                .number("hostID", mapping.hostId())
                .number("size", mapping.size())
                .build();
    }

    private static Namespace readNamespace(JsonInput in) {
        return in.requiredObject(ns -> {
            NamespaceType type = ns.member("type").requiredName(NamespaceType::fromSpecName, "namespace type");
            String path = ns.member("path").text();
            return new Namespace(type, path == null || path.isEmpty() ? null : path);
        });
    }

    private static JsonValue writeNamespace(Namespace ns) {
        return new JsonOutput().text("type", ns.type() == null ? null : ns.type().specName()).text("path", ns.path()).build();
    }

    private static Device readDevice(JsonInput in) {
        return in.requiredObject(d -> new Device(
                d.member("path").requiredText(),
                d.member("type").requiredText(),
                d.member("major").int64(),
                d.member("minor").int64(),
                d.member("fileMode").uint32(),
                d.member("uid").uint32(),
                d.member("gid").uint32()));
    }

    private static JsonValue writeDevice(Device d) {
        return new JsonOutput()
                .textAlways("path", d.path())
                .textAlways("type", d.type())
                .number("major", d.major())
                .number("minor", d.minor())
                .number("fileMode", d.fileMode())
                .number("uid", d.uid())
                .number("gid", d.gid())
                .build();
    }

    private static NetDevice readNetDevice(JsonInput in) {
        return in.requiredObject(n -> new NetDevice(n.member("name").text()));
    }

    private static JsonValue writeNetDevice(NetDevice n) {
        return new JsonOutput().text("name", n.name()).build();
    }

    private static IntelRdt readIntelRdt(JsonInput in) {
        return new IntelRdt(
                in.member("closID").text(),
                in.member("schemata").texts(),
                in.member("l3CacheSchema").text(),
                in.member("memBwSchema").text(),
                in.member("enableMonitoring").flag());
    }

    private static JsonValue writeIntelRdt(IntelRdt rdt) {
        return new JsonOutput()
                .text("closID", rdt.closId())
                .texts("schemata", rdt.schemata())
                .text("l3CacheSchema", rdt.l3CacheSchema())
                .text("memBwSchema", rdt.memBwSchema())
                .flagIfTrue("enableMonitoring", rdt.enableMonitoring())
                .build();
    }

    private static MemoryPolicy readMemoryPolicy(JsonInput in) {
        return new MemoryPolicy(
                in.member("mode").requiredText(), in.member("nodes").text(), in.member("flags").texts());
    }

    private static JsonValue writeMemoryPolicy(MemoryPolicy policy) {
        return new JsonOutput()
                .textAlways("mode", policy.mode())
                .text("nodes", policy.nodes())
                .texts("flags", policy.flags())
                .build();
    }

    private static Personality readPersonality(JsonInput in) {
        return new Personality(in.member("domain").requiredText(), in.member("flags").texts());
    }

    private static JsonValue writePersonality(Personality p) {
        return new JsonOutput().textAlways("domain", p.domain()).texts("flags", p.flags()).build();
    }

    private static TimeOffset readTimeOffset(JsonInput in) {
        return in.requiredObject(t -> new TimeOffset(t.member("secs").int64OrZero(), t.member("nanosecs").uint32OrZero()));
    }

    private static JsonValue writeTimeOffset(TimeOffset t) {
        return new JsonOutput().numberIfNonZero("secs", t.secs()).numberIfNonZero("nanosecs", t.nanosecs()).build();
    }
}
