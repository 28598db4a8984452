package dev.jrunc.container.lifecycle;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupSettings;
import dev.jrunc.container.cgroup.CgroupV2Manager;
import dev.jrunc.container.cgroup.devices.DeviceFilter;
import dev.jrunc.container.cgroup.devices.DeviceRules;
import dev.jrunc.container.state.AppliedResources;
import dev.jrunc.container.state.IoMessages;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.spec.Device;
import dev.jrunc.spec.DeviceCgroupRule;
import dev.jrunc.spec.Memory;
import dev.jrunc.spec.Resources;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * {@code update}: merges the requested resource changes onto the container's current resources
 * ({@link ResourcesMerge}), applies the result to its cgroup, and keeps it for the next update,
 * as runc does. {@code resources.devices}, when given, replaces the device filter (runc's update
 * ignores it; the previous program stays attached until the new one is). A failed apply puts the
 * previous resources back. A stopped container is "container
 * not running"; a created or paused one can be updated.
 */
public final class ContainerUpdater {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private final StateStore store;
    private final Consumer<String> warnings;

    /** @param warnings where a warning goes, one line each */
    public ContainerUpdater(StateStore store, Consumer<String> warnings) {
        this.store = store;
        this.warnings = warnings;
    }

    /**
     * Applies {@code changes} (a resources document: what is not in it stays as it is).
     *
     * @param l3CacheSchema the {@code --l3-cache-schema} value, or null
     * @param memBwSchema   the {@code --mem-bw-schema} value, or null
     */
    public void update(String id, Resources changes, String l3CacheSchema, String memBwSchema) {
        SavedState state = store.require(id);
        Memory memory = changes.memory();
        if (memory != null && (memory.kernel() != null || memory.kernelTcp() != null)) {
            warnings.accept("Kernel memory settings are ignored and will be removed");
        }
        refuseIntelRdt(l3CacheSchema, memBwSchema);
        Resources current = AppliedResources.load(store, id);
        Resources merged = ResourcesMerge.merge(current, changes);
        CgroupSettings settings = CgroupSettings.of(merged);
        if (new StatusProbe(store).status(state) == ContainerStatus.STOPPED) {
            throw ContainerKiller.notRunning();
        }
        if (state.cgroupPath() == null) {
            throw new ContainerException("container " + id + " has no cgroup");
        }
        CgroupV2Manager cgroup = CgroupV2Manager.existingInMount(Path.of(state.cgroupPath()));
        checkMemoryUsage(merged.memory(), cgroup);
        // Compiled before anything changes, so that a rule list runc refuses changes nothing.
        DeviceFilter devices = changes.devices().isEmpty() ? null
                : DeviceFilter.of(DeviceRules.forContainer(changes.devices(), containerDeviceNodes(id)));
        try {
            cgroup.update(settings);
        } catch (RuntimeException e) {
            restore(cgroup, current);
            throw e;
        }
        List<DeviceCgroupRule> rules = current.devices();
        if (devices != null) {
            try {
                devices.installOn(cgroup.path());
            } catch (RuntimeException e) {
                restore(cgroup, current);
                throw e;
            }
            rules = changes.devices();
        }
        AppliedResources.save(store, id, new Resources(rules, merged.memory(), merged.cpu(), merged.pids(),
                merged.blockIo(), merged.hugepageLimits(), merged.network(), merged.rdma(), merged.unified()));
    }

    /**
     * The container's {@code linux.devices}: runc's default device rules give way to nodes the
     * config makes itself, on update as at create.
     */
    private List<Device> containerDeviceNodes(String id) {
        Spec config = SpecReader.readConfig(store.configCopy(id));
        return config.linux() == null ? List.of() : config.linux().devices();
    }

    /** runc's check with {@code checkBeforeUpdate}: a limit at or below the current use is refused. */
    private static void checkMemoryUsage(Memory memory, CgroupV2Manager cgroup) {
        if (memory == null || memory.checkBeforeUpdate() == null || !memory.checkBeforeUpdate()) {
            return;
        }
        long limit = memory.limit() == null ? 0 : memory.limit();
        long swap = memory.swap() == null ? 0 : memory.swap();
        if (limit <= 0 && swap <= 0) {
            return;
        }
        // best effort, as in runc: no usage to compare with, no refusal
        OptionalLong usage = cgroup.memoryCurrent();
        if (usage.isEmpty()) {
            return;
        }
        long used = usage.getAsLong();
        if (swap > 0 && Long.compareUnsigned(swap, used) <= 0) {
            throw new ContainerException("linux.resources.memory.swap: rejecting memory+swap limit " + swap
                    + " <= usage " + Long.toUnsignedString(used));
        }
        if (limit > 0 && Long.compareUnsigned(limit, used) <= 0) {
            throw new ContainerException("linux.resources.memory.limit: rejecting memory limit " + limit
                    + " <= usage " + Long.toUnsignedString(used));
        }
    }

    private void restore(CgroupV2Manager cgroup, Resources previous) {
        try {
            cgroup.update(CgroupSettings.of(previous));
        } catch (RuntimeException e) {
            warnings.accept("Setting back cgroup configs failed due to error: " + e.getMessage()
                    + ", your state.json and actual configs might be inconsistent.");
        }
    }

    /**
     * runc's checks of the Intel RDT flags. jrunc refuses {@code linux.intelRdt} at create, so no
     * container has an RDT group to update: with RDT enabled on the host this is runc's
     * "non-existent configuration" error.
     */
    private static void refuseIntelRdt(String l3CacheSchema, String memBwSchema) {
        boolean l3 = l3CacheSchema != null && !l3CacheSchema.isEmpty();
        boolean mb = memBwSchema != null && !memBwSchema.isEmpty();
        if (l3 && !resctrlHas("L3")) {
            throw new ContainerException("Intel RDT/CAT: l3 cache schema is not enabled");
        }
        if (mb && !resctrlHas("MB")) {
            throw new ContainerException("Intel RDT/MBA: memory bandwidth schema is not enabled");
        }
        if (l3 || mb) {
            throw new ContainerException("updating a non-existent Intel RDT configuration is not supported");
        }
    }

    /** Whether a resctrl file system is mounted and reports the {@code info/RESOURCE} directory. */
    private static boolean resctrlHas(String resource) {
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNTINFO);
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read", MOUNTINFO, e), e);
        }
        for (String line : lines) {
            int separator = line.indexOf(" - ");
            String[] before = line.substring(0, Math.max(separator, 0)).split(" ");
            if (separator > 0 && line.startsWith("resctrl ", separator + 3) && before.length > 4
                    && Files.isDirectory(Path.of(before[4], "info", resource))) {
                return true;
            }
        }
        return false;
    }
}
