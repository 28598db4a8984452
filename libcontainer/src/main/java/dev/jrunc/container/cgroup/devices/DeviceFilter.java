package dev.jrunc.container.cgroup.devices;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Bpf;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.SyscallException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled device filter, and its installation on a cgroup v2 directory: the cgroup v2 way to
 * enforce {@code linux.resources.devices} (v2 has no devices controller; the kernel asks the
 * cgroup's {@code BPF_CGROUP_DEVICE} programs on every open and mknod of a device node).
 *
 * <p>Entry point for callers, e.g. {@code update} later:
 * {@code DeviceFilter.install(cgroupDir, DeviceRules.forContainer(spec.linux()))}. Compiling
 * ({@link #of}) checks the rules without touching the system, so a plan can fail early.
 */
public final class DeviceFilter {
    /**
     * The kernel only distinguishes GPL-compatible licenses, which matters for helper functions
     * this program never calls; runc passes the same string.
     */
    private static final String LICENSE = "Apache";
    /** Shown by {@code bpftool prog}. */
    private static final String PROGRAM_NAME = "jrunc_devices";
    private static final String FULL_UID_MAP = "0 0 4294967295";

    private final DevicePolicy policy;
    private final List<BpfInsn> program;
    private final boolean grantsEverything;

    private DeviceFilter(DevicePolicy policy, List<BpfInsn> program, boolean grantsEverything) {
        this.policy = policy;
        this.program = program;
        this.grantsEverything = grantsEverything;
    }

    /**
     * Compiles {@code rules}, applied in order (see {@link DevicePolicy}).
     *
     * @throws ContainerException for a rule list runc refuses
     */
    public static DeviceFilter of(List<DeviceRule> rules) {
        DevicePolicy policy = DevicePolicy.of(rules);
        boolean grantsEverything = rules.stream().allMatch(r -> r.allow() && r.access() == DeviceRule.ALL_ACCESS);
        return new DeviceFilter(policy, DeviceFilterCompiler.compile(policy), grantsEverything);
    }

    /**
     * Replaces the device filter of the cgroup {@code cgroupDir} by one for {@code rules}:
     * {@code of(rules).installOn(cgroupDir)}.
     *
     * @return whether a filter was installed (see {@link #installOn})
     * @throws ContainerException for rules runc refuses, or when the kernel refuses the filter
     */
    public static boolean install(Path cgroupDir, List<DeviceRule> rules) {
        return of(rules).installOn(cgroupDir);
    }

    /** What the rules mean. */
    public DevicePolicy policy() {
        return policy;
    }

    /** The compiled program (immutable). */
    public List<BpfInsn> program() {
        return program;
    }

    /**
     * Loads the program and attaches it to {@code cgroupDir} next to the device programs already
     * there ({@code BPF_F_ALLOW_MULTI}), then detaches those: while both are attached a device
     * must pass both, so there is no moment without a filter. Programs this process may not
     * open (an LSM's label) are left attached; they can only restrict further. No descriptor
     * stays open.
     *
     * <p>As runc, a refusal by the kernel is ignored when running in a user namespace (where
     * bpf(2) is unavailable and device nodes cannot be made) or when every rule allows all
     * access; then nothing is installed and this returns false.
     *
     * @return true once the filter is attached
     * @throws ContainerException naming the cgroup and the failed bpf(2) command
     */
    public boolean installOn(Path cgroupDir) {
        int dir = -1;
        int prog = -1;
        boolean attached = false;
        List<Integer> previous = new ArrayList<>();
        try {
            dir = Files.open(cgroupDir.toString(), Files.O_RDONLY | Files.O_DIRECTORY);
            for (int id : Bpf.progQuery(dir, Bpf.ATTACH_CGROUP_DEVICE)) {
                int fd = openProgram(id);
                if (fd >= 0) {
                    previous.add(fd);
                }
            }
            prog = Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, BpfInsn.encode(program), LICENSE, PROGRAM_NAME);
            Bpf.progAttach(dir, prog, Bpf.ATTACH_CGROUP_DEVICE, Bpf.F_ALLOW_MULTI);
            attached = true;
            for (int fd : previous) {
                detach(dir, fd);
            }
            return true;
        } catch (SyscallException e) {
            if (!attached && mayGoWithout()) {
                return false;
            }
            throw failure(cgroupDir, e);
        } finally {
            // The attachment holds the program; our descriptors are no longer needed either way.
            Files.closeQuietly(prog);
            previous.forEach(Files::closeQuietly);
            Files.closeQuietly(dir);
        }
    }

    /** A descriptor for a program attached before, or -1 when it is gone or not ours to open. */
    private static int openProgram(int id) {
        try {
            return Bpf.progGetFdById(id);
        } catch (SyscallException e) {
            // ENOENT: detached and freed since the query. EPERM/EACCES: an LSM (e.g. SELinux on
            // a systemd-made cgroup) forbids it; another device program can only deny more.
            if (e.is(Errno.ENOENT) || e.is(Errno.EPERM) || e.is(Errno.EACCES)) {
                return -1;
            }
            throw e;
        }
    }

    private static void detach(int dir, int fd) {
        try {
            Bpf.progDetach(dir, fd, Bpf.ATTACH_CGROUP_DEVICE);
        } catch (SyscallException e) {
            if (!e.is(Errno.ENOENT)) { // detached by someone else meanwhile
                throw e;
            }
        }
    }

    private boolean mayGoWithout() {
        return grantsEverything || inUserNamespace();
    }

    private static ContainerException failure(Path cgroupDir, SyscallException e) {
        return new ContainerException("linux.resources.devices: cannot install the device filter on cgroup "
                + cgroupDir + ": " + e.getMessage(), e);
    }

    /** runc's userns.RunningInUserNS: any uid_map but the initial namespace's full identity. */
    private static boolean inUserNamespace() {
        try {
            String map = java.nio.file.Files.readString(Path.of("/proc/self/uid_map")).strip();
            return !map.replaceAll("\\s+", " ").equals(FULL_UID_MAP);
        } catch (IOException e) {
            return false;
        }
    }
}
