package dev.jrunc.spec;

/** Maps {@code linux.resources} (or an update resources file) to and from JSON. */
final class ResourcesCodec {

    private ResourcesCodec() {}

    static Resources read(JsonInput in) {
        return new Resources(
                in.member("devices").list(ResourcesCodec::readDeviceRule),
                in.member("memory").object(ResourcesCodec::readMemory),
                in.member("cpu").object(ResourcesCodec::readCpu),
                in.member("pids").object(p -> new Pids(p.member("limit").int64())),
                in.member("blockIO").object(ResourcesCodec::readBlockIo),
                in.member("hugepageLimits").list(ResourcesCodec::readHugepageLimit),
                in.member("network").object(ResourcesCodec::readNetwork),
                in.member("rdma").map(ResourcesCodec::readRdma),
                in.member("unified").textMap());
    }

    static JsonValue write(Resources r) {
        return new JsonOutput()
                .list("devices", r.devices(), ResourcesCodec::writeDeviceRule)
                .object("memory", r.memory(), ResourcesCodec::writeMemory)
                .object("cpu", r.cpu(), ResourcesCodec::writeCpu)
                .object("pids", r.pids(), p -> new JsonOutput().number("limit", p.limit()).build())
                .object("blockIO", r.blockIo(), ResourcesCodec::writeBlockIo)
                .list("hugepageLimits", r.hugepageLimits(), ResourcesCodec::writeHugepageLimit)
                .object("network", r.network(), ResourcesCodec::writeNetwork)
                .map("rdma", r.rdma(), ResourcesCodec::writeRdma)
                .textMap("unified", r.unified())
                .build();
    }

    private static DeviceCgroupRule readDeviceRule(JsonInput in) {
        return in.requiredObject(d -> new DeviceCgroupRule(
                d.member("allow").requiredFlag(),
                d.member("type").text(),
                d.member("major").int64(),
                d.member("minor").int64(),
                d.member("access").text()));
    }

    private static JsonValue writeDeviceRule(DeviceCgroupRule d) {
        return new JsonOutput()
                .flag("allow", d.allow())
                .text("type", d.type())
                .number("major", d.major())
                .number("minor", d.minor())
                .text("access", d.access())
                .build();
    }

    private static Memory readMemory(JsonInput in) {
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
        return new BlockIo(
                in.member("weight").uint16(),
                in.member("leafWeight").uint16(),
                in.member("weightDevice").list(ResourcesCodec::readWeightDevice),
                in.member("throttleReadBpsDevice").list(ResourcesCodec::readThrottleDevice),
                in.member("throttleWriteBpsDevice").list(ResourcesCodec::readThrottleDevice),
                in.member("throttleReadIOPSDevice").list(ResourcesCodec::readThrottleDevice),
                in.member("throttleWriteIOPSDevice").list(ResourcesCodec::readThrottleDevice));
    }

    private static JsonValue writeBlockIo(BlockIo b) {
        return new JsonOutput()
                .number("weight", b.weight())
                .number("leafWeight", b.leafWeight())
                .list("weightDevice", b.weightDevice(), ResourcesCodec::writeWeightDevice)
                .list("throttleReadBpsDevice", b.throttleReadBpsDevice(), ResourcesCodec::writeThrottleDevice)
                .list("throttleWriteBpsDevice", b.throttleWriteBpsDevice(), ResourcesCodec::writeThrottleDevice)
                .list("throttleReadIOPSDevice", b.throttleReadIopsDevice(), ResourcesCodec::writeThrottleDevice)
                .list("throttleWriteIOPSDevice", b.throttleWriteIopsDevice(), ResourcesCodec::writeThrottleDevice)
                .build();
    }

    private static WeightDevice readWeightDevice(JsonInput in) {
        return in.requiredObject(w -> new WeightDevice(
                w.member("major").requiredInt64(),
                w.member("minor").requiredInt64(),
                w.member("weight").uint16(),
                w.member("leafWeight").uint16()));
    }

    private static JsonValue writeWeightDevice(WeightDevice w) {
        return new JsonOutput()
                .number("major", w.major())
                .number("minor", w.minor())
                .number("weight", w.weight())
                .number("leafWeight", w.leafWeight())
                .build();
    }

    private static ThrottleDevice readThrottleDevice(JsonInput in) {
        return in.requiredObject(t -> new ThrottleDevice(
                t.member("major").requiredInt64(),
                t.member("minor").requiredInt64(),
                t.member("rate").requiredUint64()));
    }

    private static JsonValue writeThrottleDevice(ThrottleDevice t) {
        return new JsonOutput()
                .number("major", t.major())
                .number("minor", t.minor())
                .unsigned("rate", t.rate())
                .build();
    }

    private static HugepageLimit readHugepageLimit(JsonInput in) {
        return in.requiredObject(h -> new HugepageLimit(
                h.member("pageSize").requiredText(), h.member("limit").requiredUint64()));
    }

    private static JsonValue writeHugepageLimit(HugepageLimit h) {
        return new JsonOutput().textAlways("pageSize", h.pageSize()).unsigned("limit", h.limit()).build();
    }

    private static Network readNetwork(JsonInput in) {
        return new Network(
                in.member("classID").uint32(),
                in.member("priorities").list(p -> p.requiredObject(o -> new InterfacePriority(
                        o.member("name").requiredText(), o.member("priority").requiredUint32()))));
    }

    private static JsonValue writeNetwork(Network n) {
        return new JsonOutput()
                .number("classID", n.classId())
                .list("priorities", n.priorities(), p -> new JsonOutput()
                        .textAlways("name", p.name())
                        .number("priority", p.priority())
                        .build())
                .build();
    }

    private static Rdma readRdma(JsonInput in) {
        return in.requiredObject(r -> new Rdma(r.member("hcaHandles").uint32(), r.member("hcaObjects").uint32()));
    }

    private static JsonValue writeRdma(Rdma r) {
        return new JsonOutput().number("hcaHandles", r.hcaHandles()).number("hcaObjects", r.hcaObjects()).build();
    }
}
