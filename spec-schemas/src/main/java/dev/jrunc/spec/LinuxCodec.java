package dev.jrunc.spec;

import dev.jrunc.spec.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps config.json's {@code linux} object (except resources and seccomp) to and from JSON. */
final class LinuxCodec {

    private LinuxCodec() {}

    static Linux read(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new Linux(
                readIdMappings(in.member("uidMappings").elements()),
                readIdMappings(in.member("gidMappings").elements()),
                in.member("sysctl").textMap(),
                ResourcesCodec.read(in.member("resources").optionalObject()),
                in.member("cgroupsPath").text(),
                readNamespaces(in.member("namespaces").elements()),
                readDevices(in.member("devices").elements()),
                readNetDevices(in.member("netDevices").entries()),
                SeccompCodec.read(in.member("seccomp").optionalObject()),
                in.member("rootfsPropagation").text(),
                in.member("maskedPaths").texts(),
                in.member("readonlyPaths").texts(),
                in.member("mountLabel").text(),
                readIntelRdt(in.member("intelRdt").optionalObject()),
                readMemoryPolicy(in.member("memoryPolicy").optionalObject()),
                readPersonality(in.member("personality").optionalObject()),
                readTimeOffsets(in.member("timeOffsets").entries()));
    }

    static JsonValue write(Linux linux) {
        if (linux == null) {
            return null;
        }
        return new JsonOutput()
                .list("uidMappings", writeIdMappings(linux.uidMappings()))
                .list("gidMappings", writeIdMappings(linux.gidMappings()))
                .textMap("sysctl", linux.sysctl())
                .object("resources", ResourcesCodec.write(linux.resources()))
                .text("cgroupsPath", linux.cgroupsPath())
                .list("namespaces", writeNamespaces(linux.namespaces()))
                .list("devices", writeDevices(linux.devices()))
                .map("netDevices", writeNetDevices(linux.netDevices()))
                .object("seccomp", SeccompCodec.write(linux.seccomp()))
                .text("rootfsPropagation", linux.rootfsPropagation())
                .texts("maskedPaths", linux.maskedPaths())
                .texts("readonlyPaths", linux.readonlyPaths())
                .text("mountLabel", linux.mountLabel())
                .object("intelRdt", writeIntelRdt(linux.intelRdt()))
                .object("memoryPolicy", writeMemoryPolicy(linux.memoryPolicy()))
                .object("personality", writePersonality(linux.personality()))
                .map("timeOffsets", writeTimeOffsets(linux.timeOffsets()))
                .build();
    }

    static List<IdMapping> readIdMappings(List<JsonInput> elements) {
        List<IdMapping> mappings = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput m = element.requiredObject();
            mappings.add(new IdMapping(
                    m.member("containerID").requiredUint32(),
                    m.member("hostID").requiredUint32(),
                    m.member("size").requiredUint32()));
        }
        return mappings;
    }

    static List<JsonValue> writeIdMappings(List<IdMapping> mappings) {
        List<JsonValue> out = new ArrayList<>(mappings.size());
        for (IdMapping mapping : mappings) {
            out.add(new JsonOutput()
                    .number("containerID", mapping.containerId())
                    .number("hostID", mapping.hostId())
                    .number("size", mapping.size())
                    .build());
        }
        return out;
    }

    private static List<Namespace> readNamespaces(List<JsonInput> elements) {
        List<Namespace> namespaces = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput ns = element.requiredObject();
            NamespaceType type = ns.member("type").requiredName(NamespaceType.values(), "namespace type");
            String path = ns.member("path").text();
            namespaces.add(new Namespace(type, path == null || path.isEmpty() ? null : path));
        }
        return namespaces;
    }

    private static List<JsonValue> writeNamespaces(List<Namespace> namespaces) {
        List<JsonValue> out = new ArrayList<>(namespaces.size());
        for (Namespace ns : namespaces) {
            out.add(new JsonOutput()
                    .text("type", ns.type() == null ? null : ns.type().specName())
                    .text("path", ns.path())
                    .build());
        }
        return out;
    }

    private static List<Device> readDevices(List<JsonInput> elements) {
        List<Device> devices = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput d = element.requiredObject();
            devices.add(new Device(
                    d.member("path").requiredText(),
                    d.member("type").requiredText(),
                    d.member("major").int64(),
                    d.member("minor").int64(),
                    d.member("fileMode").uint32(),
                    d.member("uid").uint32(),
                    d.member("gid").uint32()));
        }
        return devices;
    }

    private static List<JsonValue> writeDevices(List<Device> devices) {
        List<JsonValue> out = new ArrayList<>(devices.size());
        for (Device d : devices) {
            out.add(new JsonOutput()
                    .textAlways("path", d.path())
                    .textAlways("type", d.type())
                    .number("major", d.major())
                    .number("minor", d.minor())
                    .number("fileMode", d.fileMode())
                    .number("uid", d.uid())
                    .number("gid", d.gid())
                    .build());
        }
        return out;
    }

    private static Map<String, NetDevice> readNetDevices(Map<String, JsonInput> entries) {
        Map<String, NetDevice> devices = new LinkedHashMap<>();
        for (Map.Entry<String, JsonInput> entry : entries.entrySet()) {
            devices.put(entry.getKey(), new NetDevice(entry.getValue().requiredObject().member("name").text()));
        }
        return devices;
    }

    private static Map<String, JsonValue> writeNetDevices(Map<String, NetDevice> devices) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, NetDevice> entry : devices.entrySet()) {
            out.put(entry.getKey(), new JsonOutput().text("name", entry.getValue().name()).build());
        }
        return out;
    }

    private static IntelRdt readIntelRdt(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new IntelRdt(
                in.member("closID").text(),
                in.member("schemata").texts(),
                in.member("l3CacheSchema").text(),
                in.member("memBwSchema").text(),
                in.member("enableMonitoring").flag());
    }

    private static JsonValue writeIntelRdt(IntelRdt rdt) {
        if (rdt == null) {
            return null;
        }
        return new JsonOutput()
                .text("closID", rdt.closId())
                .texts("schemata", rdt.schemata())
                .text("l3CacheSchema", rdt.l3CacheSchema())
                .text("memBwSchema", rdt.memBwSchema())
                .flagIfTrue("enableMonitoring", rdt.enableMonitoring())
                .build();
    }

    private static MemoryPolicy readMemoryPolicy(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new MemoryPolicy(in.member("mode").requiredText(), in.member("nodes").text(), in.member("flags").texts());
    }

    private static JsonValue writeMemoryPolicy(MemoryPolicy policy) {
        if (policy == null) {
            return null;
        }
        return new JsonOutput()
                .textAlways("mode", policy.mode())
                .text("nodes", policy.nodes())
                .texts("flags", policy.flags())
                .build();
    }

    private static Personality readPersonality(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new Personality(in.member("domain").requiredText(), in.member("flags").texts());
    }

    private static JsonValue writePersonality(Personality p) {
        if (p == null) {
            return null;
        }
        return new JsonOutput().textAlways("domain", p.domain()).texts("flags", p.flags()).build();
    }

    private static Map<String, TimeOffset> readTimeOffsets(Map<String, JsonInput> entries) {
        Map<String, TimeOffset> offsets = new LinkedHashMap<>();
        for (Map.Entry<String, JsonInput> entry : entries.entrySet()) {
            JsonInput t = entry.getValue().requiredObject();
            offsets.put(entry.getKey(), new TimeOffset(t.member("secs").int64OrZero(), t.member("nanosecs").uint32OrZero()));
        }
        return offsets;
    }

    private static Map<String, JsonValue> writeTimeOffsets(Map<String, TimeOffset> offsets) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, TimeOffset> entry : offsets.entrySet()) {
            out.put(entry.getKey(), new JsonOutput()
                    .numberIfNonZero("secs", entry.getValue().secs())
                    .numberIfNonZero("nanosecs", entry.getValue().nanosecs())
                    .build());
        }
        return out;
    }
}
