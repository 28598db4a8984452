package dev.jrunc.cli;

import dev.jrunc.container.cgroup.CgroupStats;
import dev.jrunc.container.cgroup.CgroupStats.Blkio;
import dev.jrunc.container.cgroup.CgroupStats.BlkioEntry;
import dev.jrunc.container.cgroup.CgroupStats.Cpu;
import dev.jrunc.container.cgroup.CgroupStats.Hugetlb;
import dev.jrunc.container.cgroup.CgroupStats.Memory;
import dev.jrunc.container.cgroup.CgroupStats.MemoryEntry;
import dev.jrunc.container.cgroup.CgroupStats.Psi;
import dev.jrunc.container.cgroup.CgroupStats.PsiData;
import dev.jrunc.spec.json.JsonValue;
import dev.jrunc.spec.json.JsonWriter;
import java.util.List;
import java.util.Map;

/**
 * {@link CgroupStats} as the {@code data} of runc's stats event (its {@code types.Stats}): the
 * same member names and order, and Go's omissions ({@code omitempty} drops a zero number, an
 * empty string, list or map; {@code omitzero} a struct that is all zeros). What runc never fills on
 * cgroup v2 is written as runc writes it: a cpuset of zeros, an empty intel_rdt, and null
 * network_interfaces (runc reports only veth interfaces it created itself).
 */
final class StatsJson {
    private static final List<String> CPUSET_FLAGS = List.of("cpu_exclusive", "mem_hardwall", "mem_exclusive",
            "memory_migrate", "memory_spread_page", "memory_spread_slab", "memory_pressure", "sched_load_balance",
            "sched_relax_domain_level");

    private StatsJson() {
    }

    static void write(JsonWriter w, CgroupStats s) {
        w.beginObject();
        w.name("cpu");
        cpu(w, s.cpu());
        w.name("cpuset").beginObject();
        for (String flag : CPUSET_FLAGS) {
            w.name(flag).value(0);
        }
        w.endObject();
        w.name("memory");
        memory(w, s.memory());
        w.name("pids").beginObject();
        unsignedOmitEmpty(w, "current", s.pids().current());
        unsignedOmitEmpty(w, "limit", s.pids().limit());
        w.endObject();
        w.name("blkio");
        blkio(w, s.blkio());
        w.name("hugetlb").beginObject();
        for (Map.Entry<String, Hugetlb> size : s.hugetlb().entrySet()) {
            w.name(size.getKey()).beginObject();
            unsignedOmitEmpty(w, "usage", size.getValue().usage());
            unsignedOmitEmpty(w, "max", size.getValue().max());
            unsigned(w, "failcnt", size.getValue().failcnt());
            w.endObject();
        }
        w.endObject();
        w.name("intel_rdt").beginObject().endObject();
        w.name("network_interfaces").nullValue();
        w.endObject();
    }

    private static void cpu(JsonWriter w, Cpu cpu) {
        w.beginObject();
        CgroupStats.CpuUsage u = cpu.usage();
        if (u.total() != 0 || u.kernel() != 0 || u.user() != 0) {
            w.name("usage").beginObject();
            unsignedOmitEmpty(w, "total", u.total());
            unsigned(w, "kernel", u.kernel());
            unsigned(w, "user", u.user());
            w.endObject();
        }
        CgroupStats.Throttling t = cpu.throttling();
        if (t.periods() != 0 || t.throttledPeriods() != 0 || t.throttledTime() != 0) {
            w.name("throttling").beginObject();
            unsignedOmitEmpty(w, "periods", t.periods());
            unsignedOmitEmpty(w, "throttledPeriods", t.throttledPeriods());
            unsignedOmitEmpty(w, "throttledTime", t.throttledTime());
            w.endObject();
        }
        psi(w, cpu.psi());
        w.endObject();
    }

    private static void memory(JsonWriter w, Memory m) {
        w.beginObject();
        unsignedOmitEmpty(w, "cache", m.cache());
        memoryEntry(w, "usage", m.usage());
        memoryEntry(w, "swap", m.swap());
        // kernel and kernelTCP: cgroup v2 has no such counters, and runc omits the zero structs.
        if (!m.raw().isEmpty()) {
            w.name("raw").beginObject();
            for (Map.Entry<String, Long> e : m.raw().entrySet()) {
                unsigned(w, e.getKey(), e.getValue());
            }
            w.endObject();
        }
        psi(w, m.psi());
        w.endObject();
    }

    private static void memoryEntry(JsonWriter w, String name, MemoryEntry e) {
        if (e.limit() == 0 && e.usage() == 0 && e.max() == 0 && e.failcnt() == 0) {
            return;
        }
        w.name(name).beginObject();
        unsigned(w, "limit", e.limit());
        unsignedOmitEmpty(w, "usage", e.usage());
        unsignedOmitEmpty(w, "max", e.max());
        unsigned(w, "failcnt", e.failcnt());
        w.endObject();
    }

    private static void blkio(JsonWriter w, Blkio b) {
        w.beginObject();
        blkioEntries(w, "ioServiceBytesRecursive", b.ioServiceBytesRecursive());
        blkioEntries(w, "ioServicedRecursive", b.ioServicedRecursive());
        psi(w, b.psi());
        w.endObject();
    }

    private static void blkioEntries(JsonWriter w, String name, List<BlkioEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        w.name(name).beginArray();
        for (BlkioEntry e : entries) {
            w.beginObject();
            unsignedOmitEmpty(w, "major", e.major());
            unsignedOmitEmpty(w, "minor", e.minor());
            if (!e.op().isEmpty()) {
                w.name("op").value(e.op());
            }
            unsignedOmitEmpty(w, "value", e.value());
            w.endObject();
        }
        w.endArray();
    }

    /** A pressure file, omitted when the kernel has none; a line of all zeros is omitted too (omitzero). */
    private static void psi(JsonWriter w, Psi psi) {
        if (psi == null) {
            return;
        }
        w.name("psi").beginObject();
        psiData(w, "some", psi.some());
        psiData(w, "full", psi.full());
        w.endObject();
    }

    private static void psiData(JsonWriter w, String name, PsiData d) {
        if (d.avg10() == 0 && d.avg60() == 0 && d.avg300() == 0 && d.total() == 0) {
            return;
        }
        w.name(name).beginObject();
        w.name("avg10").value(decimal(d.avg10()));
        w.name("avg60").value(decimal(d.avg60()));
        w.name("avg300").value(decimal(d.avg300()));
        unsigned(w, "total", d.total());
        w.endObject();
    }

    private static JsonValue decimal(double value) {
        String text = GoFloat.format(value);
        return new JsonValue.Num(text, text.indexOf('.') < 0 && text.indexOf('e') < 0);
    }

    private static void unsigned(JsonWriter w, String name, long value) {
        w.name(name).value(JsonValue.Num.ofUnsigned(value));
    }

    private static void unsignedOmitEmpty(JsonWriter w, String name, long value) {
        if (value != 0) {
            unsigned(w, name, value);
        }
    }
}
