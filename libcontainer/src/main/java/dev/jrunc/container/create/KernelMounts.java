package dev.jrunc.container.create;

import dev.jrunc.container.cgroup.Cgroup2Mount;
import dev.jrunc.container.init.InitChannel;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.container.rootfs.PlannedMount;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Mounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Has the init make every mount of a kernel file system (and a read-only tmpfs for masking) in
 * its own namespaces, and passes the detached mounts back as fds.
 *
 * <p>A cgroup2 mount the kernel refuses with EPERM or EBUSY becomes a read-only-as-configured
 * bind mount of the host's cgroup2 hierarchy, as runc does: the kernel allows a new cgroup2
 * mount only to a process privileged over its cgroup namespace, so a container with a user
 * namespace but the host's cgroup namespace (podman {@code --uidmap} with {@code --cgroupns
 * host}, which is podman's default on cgroup v1 hosts) cannot make one. With a cgroup namespace
 * of its own the container gets its own cgroup's directory instead of the whole hierarchy.
 */
final class KernelMounts {
    /** The key of the masking tmpfs in {@link Result#fds()}. */
    static final int MASK_INDEX = -1;

    private static final String CGROUP2 = "cgroup2";

    /**
     * @param fds    the detached mounts by mount index, the masking tmpfs at {@link #MASK_INDEX}
     * @param mounts the rootfs mounts, with any refused cgroup2 mount turned into a bind mount
     */
    record Result(Map<Integer, Integer> fds, List<PlannedMount> mounts) {
    }

    private KernelMounts() {
    }

    /**
     * @param containerCgroup the container's cgroup directory on the host, bound instead of the
     *                        whole hierarchy when the container has a cgroup namespace
     */
    static Result make(CreatePlan plan, InitChannel channel, Path containerCgroup) {
        List<PlannedMount> mounts = new ArrayList<>(plan.rootfs().mounts());
        Map<Integer, Integer> fds = new HashMap<>();
        try {
            fds.putAll(makeAllBut(CGROUP2, plan, channel));
            for (int i = 0; i < mounts.size(); i++) {
                PlannedMount m = mounts.get(i);
                if (m.isBind() || !CGROUP2.equals(m.fstype())) {
                    continue;
                }
                try {
                    InitChannel.Result r = channel.run(new InitProgram().fsmount(CGROUP2, m.source(),
                            MountLabel.params(CGROUP2, m.options().data(), plan.mountLabel()),
                            m.options().fsmountAttrs(), describe(m)));
                    fds.put(m.index(), r.fds().get(0));
                } catch (InitChannel.InitFailure e) {
                    if (e.errno() != Errno.EPERM && e.errno() != Errno.EBUSY) {
                        throw e;
                    }
                    boolean ownCgroupNs = plan.namespaces().types().contains(NamespaceType.CGROUP);
                    Path source = ownCgroupNs ? containerCgroup : Cgroup2Mount.locate();
                    mounts.set(i, m.boundFrom(source.toString()));
                }
            }
        } catch (RuntimeException e) {
            fds.values().forEach(Files::closeQuietly);
            throw e;
        }
        return new Result(fds, mounts);
    }

    /** Makes every kernel mount but those of {@code skipped} type in one program. */
    private static Map<Integer, Integer> makeAllBut(String skipped, CreatePlan plan, InitChannel channel) {
        InitProgram program = new InitProgram();
        List<Integer> mountIndexByOp = new ArrayList<>();
        for (PlannedMount m : plan.rootfs().mounts()) {
            if (!m.isBind() && !skipped.equals(m.fstype())) {
                program.fsmount(m.fstype(), m.source(), MountLabel.params(m.fstype(), m.options().data(), plan.mountLabel()),
                        m.options().fsmountAttrs(), describe(m));
                mountIndexByOp.add(m.index());
            }
        }
        if (!plan.rootfs().maskedPaths().isEmpty()) {
            program.fsmount("tmpfs", "tmpfs", MountLabel.params("tmpfs", List.of(), plan.mountLabel()),
                    Mounts.MOUNT_ATTR_RDONLY, "linux.maskedPaths (tmpfs)");
            mountIndexByOp.add(MASK_INDEX);
        }
        Map<Integer, Integer> byMount = new HashMap<>();
        if (mountIndexByOp.isEmpty()) {
            return byMount;
        }
        InitChannel.Result r = channel.run(program);
        r.fds().forEach((op, fd) -> byMount.put(mountIndexByOp.get(op), fd));
        return byMount;
    }

    private static String describe(PlannedMount m) {
        return m.field() + " (" + m.fstype() + " on " + m.destination() + ")";
    }
}
