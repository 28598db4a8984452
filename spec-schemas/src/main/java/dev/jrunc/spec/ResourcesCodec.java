package dev.jrunc.spec;

import dev.jrunc.spec.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps {@code linux.resources} (or an update resources file) to and from JSON. */
final class ResourcesCodec {

    private ResourcesCodec() {}

    static Resources read(JsonInput in) {
        if (in == null) {
            return null;
        }
        JsonInput pids = in.member("pids").optionalObject();
        return new Resources(
                readDeviceRules(in.member("devices").elements()),
                readMemory(in.member("memory").optionalObject()),
                readCpu(in.member("cpu").optionalObject()),
                pids == null ? null : new Pids(pids.member("limit").int64()),
                readBlockIo(in.member("blockIO").optionalObject()),
                readHugepageLimits(in.member("hugepageLimits").elements()),
                readNetwork(in.member("network").optionalObject()),
                readRdma(in.member("rdma").entries()),
                in.member("unified").textMap());
    }

    static JsonValue write(Resources r) {
        if (r == null) {
            return null;
        }
        return new JsonOutput()
                .list("devices", writeDeviceRules(r.devices()))
                .object("memory", writeMemory(r.memory()))
                .object("cpu", writeCpu(r.cpu()))
                .object("pids", r.pids() == null ? null : new JsonOutput().number("limit", r.pids().limit()).build())
                .object("blockIO", writeBlockIo(r.blockIo()))
                .list("hugepageLimits", writeHugepageLimits(r.hugepageLimits()))
                .object("network", writeNetwork(r.network()))
                .map("rdma", writeRdma(r.rdma()))
                .textMap("unified", r.unified())
                .build();
    }

    private static List<DeviceCgroupRule> readDeviceRules(List<JsonInput> elements) {
        List<DeviceCgroupRule> rules = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput d = element.requiredObject();
            rules.add(new DeviceCgroupRule(
                    d.member("allow").requiredFlag(),
                    d.member("type").text(),
                    d.member("major").int64(),
                    d.member("minor").int64(),
                    d.member("access").text()));
        }
        return rules;
    }

    private static List<JsonValue> writeDeviceRules(List<DeviceCgroupRule> rules) {
        List<JsonValue> out = new ArrayList<>(rules.size());
        for (DeviceCgroupRule d : rules) {
            out.add(new JsonOutput()
                    .flag("allow", d.allow())
                    .text("type", d.type())
                    .number("major", d.major())
                    .number("minor", d.minor())
                    .text("access", d.access())
                    .build());
        }
        return out;
    }

    private static Memory readMemory(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new Memory(
                in.member("limit").int64(),
                in.member("reservation").int64(),
                in.member("swap").int64(),
                in.member("kernel").int64(),
                in.member("kernelTCP").int64(),
                in.member("swappiness").uint64(),
                in.member("disableOOMKiller").optionalFlag(),
                in.member("useHierarchy").optionalFlag(),
                in.member("checkBeforeUpdate").optionalFlag());
    }

    private static JsonValue writeMemory(Memory m) {
        if (m == null) {
            return null;
        }
        return new JsonOutput()
                .number("limit", m.limit())
                .number("reservation", m.reservation())
                .number("swap", m.swap())
                .number("kernel", m.kernel())
                .number("kernelTCP", m.kernelTcp())
                .unsigned("swappiness", m.swappiness())
                .flag("disableOOMKiller", m.disableOomKiller())
                .flag("useHierarchy", m.useHierarchy())
                .flag("checkBeforeUpdate", m.checkBeforeUpdate())
                .build();
    }

    private static Cpu readCpu(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new Cpu(
                in.member("shares").uint64(),
                in.member("quota").int64(),
                in.member("burst").uint64(),
                in.member("period").uint64(),
                in.member("realtimeRuntime").int64(),
                in.member("realtimePeriod").uint64(),
                in.member("cpus").text(),
                in.member("mems").text(),
                in.member("idle").int64());
    }

    private static JsonValue writeCpu(Cpu c) {
        if (c == null) {
            return null;
        }
        return new JsonOutput()
                .unsigned("shares", c.shares())
                .number("quota", c.quota())
                .unsigned("burst", c.burst())
                .unsigned("period", c.period())
                .number("realtimeRuntime", c.realtimeRuntime())
                .unsigned("realtimePeriod", c.realtimePeriod())
                .text("cpus", c.cpus())
                .text("mems", c.mems())
                .number("idle", c.idle())
                .build();
    }

    private static BlockIo readBlockIo(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new BlockIo(
                in.member("weight").uint16(),
                in.member("leafWeight").uint16(),
                readWeightDevices(in.member("weightDevice").elements()),
                readThrottleDevices(in.member("throttleReadBpsDevice").elements()),
                readThrottleDevices(in.member("throttleWriteBpsDevice").elements()),
                readThrottleDevices(in.member("throttleReadIOPSDevice").elements()),
                readThrottleDevices(in.member("throttleWriteIOPSDevice").elements()));
    }

    private static JsonValue writeBlockIo(BlockIo b) {
        if (b == null) {
            return null;
        }
        return new JsonOutput()
                .number("weight", b.weight())
                .number("leafWeight", b.leafWeight())
                .list("weightDevice", writeWeightDevices(b.weightDevice()))
                .list("throttleReadBpsDevice", writeThrottleDevices(b.throttleReadBpsDevice()))
                .list("throttleWriteBpsDevice", writeThrottleDevices(b.throttleWriteBpsDevice()))
                .list("throttleReadIOPSDevice", writeThrottleDevices(b.throttleReadIopsDevice()))
                .list("throttleWriteIOPSDevice", writeThrottleDevices(b.throttleWriteIopsDevice()))
                .build();
    }

    private static List<WeightDevice> readWeightDevices(List<JsonInput> elements) {
        List<WeightDevice> devices = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput w = element.requiredObject();
            devices.add(new WeightDevice(
                    w.member("major").requiredInt64(),
                    w.member("minor").requiredInt64(),
                    w.member("weight").uint16(),
                    w.member("leafWeight").uint16()));
        }
        return devices;
    }

    private static List<JsonValue> writeWeightDevices(List<WeightDevice> devices) {
        List<JsonValue> out = new ArrayList<>(devices.size());
        for (WeightDevice w : devices) {
            out.add(new JsonOutput()
                    .number("major", w.major())
                    .number("minor", w.minor())
                    .number("weight", w.weight())
                    .number("leafWeight", w.leafWeight())
                    .build());
        }
        return out;
    }

    private static List<ThrottleDevice> readThrottleDevices(List<JsonInput> elements) {
        List<ThrottleDevice> devices = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput t = element.requiredObject();
            devices.add(new ThrottleDevice(
                    t.member("major").requiredInt64(),
                    t.member("minor").requiredInt64(),
                    t.member("rate").requiredUint64()));
        }
        return devices;
    }

    private static List<JsonValue> writeThrottleDevices(List<ThrottleDevice> devices) {
        List<JsonValue> out = new ArrayList<>(devices.size());
        for (ThrottleDevice t : devices) {
            out.add(new JsonOutput()
                    .number("major", t.major())
                    .number("minor", t.minor())
                    .unsigned("rate", t.rate())
                    .build());
        }
        return out;
    }

    private static List<HugepageLimit> readHugepageLimits(List<JsonInput> elements) {
        List<HugepageLimit> limits = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput h = element.requiredObject();
            limits.add(new HugepageLimit(h.member("pageSize").requiredText(), h.member("limit").requiredUint64()));
        }
        return limits;
    }

    private static List<JsonValue> writeHugepageLimits(List<HugepageLimit> limits) {
        List<JsonValue> out = new ArrayList<>(limits.size());
        for (HugepageLimit h : limits) {
            out.add(new JsonOutput().textAlways("pageSize", h.pageSize()).unsigned("limit", h.limit()).build());
        }
        return out;
    }

    private static Network readNetwork(JsonInput in) {
        if (in == null) {
            return null;
        }
        List<InterfacePriority> priorities = new ArrayList<>();
        for (JsonInput element : in.member("priorities").elements()) {
            JsonInput p = element.requiredObject();
            priorities.add(new InterfacePriority(p.member("name").requiredText(), p.member("priority").requiredUint32()));
        }
        return new Network(in.member("classID").uint32(), priorities);
    }

    private static JsonValue writeNetwork(Network n) {
        if (n == null) {
            return null;
        }
        List<JsonValue> priorities = new ArrayList<>(n.priorities().size());
        for (InterfacePriority p : n.priorities()) {
            priorities.add(new JsonOutput().textAlways("name", p.name()).number("priority", p.priority()).build());
        }
        return new JsonOutput().number("classID", n.classId()).list("priorities", priorities).build();
    }

    private static Map<String, Rdma> readRdma(Map<String, JsonInput> entries) {
        Map<String, Rdma> rdma = new LinkedHashMap<>();
        for (Map.Entry<String, JsonInput> entry : entries.entrySet()) {
            JsonInput r = entry.getValue().requiredObject();
            rdma.put(entry.getKey(), new Rdma(r.member("hcaHandles").uint32(), r.member("hcaObjects").uint32()));
        }
        return rdma;
    }

    private static Map<String, JsonValue> writeRdma(Map<String, Rdma> rdma) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, Rdma> entry : rdma.entrySet()) {
            out.put(entry.getKey(), new JsonOutput()
                    .number("hcaHandles", entry.getValue().hcaHandles())
                    .number("hcaObjects", entry.getValue().hcaObjects())
                    .build());
        }
        return out;
    }
}
