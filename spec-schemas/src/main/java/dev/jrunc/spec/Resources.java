package dev.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * cgroup resource settings ({@code linux.resources}, and the document {@code update --resources}
 * reads). Every part is null, or empty, when absent, which means "leave unchanged".
 *
 * @param devices device access rules, applied in order
 * @param memory memory controller settings, or null
 * @param cpu cpu and cpuset controller settings, or null
 * @param pids pids controller settings, or null
 * @param blockIo the JSON {@code blockIO}: blkio / io controller settings, or null
 * @param hugepageLimits hugetlb limits
 * @param network net_cls / net_prio settings, or null
 * @param rdma rdma limits by device name
 * @param unified raw cgroup v2 files and values, in document order
 */
public record Resources(
        List<DeviceCgroupRule> devices,
        Memory memory,
        Cpu cpu,
        Pids pids,
        BlockIo blockIo,
        List<HugepageLimit> hugepageLimits,
        Network network,
        Map<String, Rdma> rdma,
        Map<String, String> unified) {

    /** Normalises absent collections to empty immutable ones. */
    public Resources {
        devices = Immutable.list(devices);
        hugepageLimits = Immutable.list(hugepageLimits);
        rdma = Immutable.map(rdma);
        unified = Immutable.map(unified);
    }
}
