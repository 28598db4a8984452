package dev.jrunc.container.cgroup;

import dev.jrunc.spec.Resources;
import java.util.List;

/**
 * What enforcing {@code linux.resources} on cgroup v2 takes, decided before anything is made:
 * the controllers the container's cgroup needs, the control file writes in the order runc's v2
 * driver makes them (pids, memory, io, cpu, cpuset, hugetlb, rdma, then the raw
 * {@code unified} files, so those win), and warnings for settings that have no effect.
 *
 * <p>Bad values fail here with the field named. Settings runc's v2 driver ignores are ignored
 * too: {@code memory.swappiness}, {@code memory.disableOOMKiller}, {@code memory.useHierarchy},
 * {@code blockIO.leafWeight} and {@code network} have no cgroup v2 interface;
 * {@code memory.kernel} and {@code memory.kernelTCP} only warn, as in runc. Realtime CPU
 * settings are refused: cgroup v2 has no interface for them either, and unlike swappiness they
 * are a limit, which a container must never silently run without. The {@code devices} list is
 * not a file write on cgroup v2 (it is an eBPF program) and is not handled here.
 *
 * @param controllers the controllers needed, each with the first field that needs it
 * @param writes      the control file writes, in order
 * @param warnings    one line each
 */
public record CgroupSettings(List<ControllerUse> controllers, List<CgroupWrite> writes, List<String> warnings) {
    /** The prefix of every field named in errors. */
    static final String FIELD = "linux.resources";

    /** No limits at all. */
    public static final CgroupSettings NONE = new CgroupSettings(List.of(), List.of(), List.of());

    public CgroupSettings {
        controllers = List.copyOf(controllers);
        writes = List.copyOf(writes);
        warnings = List.copyOf(warnings);
    }

    /** The settings that enforce {@code resources} (null: none). */
    public static CgroupSettings of(Resources resources) {
        if (resources == null) {
            return NONE;
        }
        SettingsBuilder b = new SettingsBuilder();
        PlainLimits.pids(resources.pids(), b);
        MemoryConversion.convert(resources.memory(), b);
        BlockIoConversion.convert(resources.blockIo(), b);
        CpuConversion.convert(resources.cpu(), b);
        PlainLimits.hugetlb(resources.hugepageLimits(), b);
        PlainLimits.rdma(resources.rdma(), b);
        UnifiedConversion.convert(resources.unified(), b);
        return b.build();
    }

    /** Whether there is nothing to write. */
    public boolean isEmpty() {
        return controllers.isEmpty() && writes.isEmpty();
    }
}
