package dev.jrunc.container.process;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.spec.CpuAffinity;
import dev.jrunc.spec.CpuList;
import dev.jrunc.spec.IoPriority;
import dev.jrunc.spec.Linux;
import dev.jrunc.spec.Personality;
import dev.jrunc.spec.Scheduler;
import dev.jrunc.spec.SpecProcess;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;

/**
 * What a container process gets beyond its credentials, decoded for the helper: CPU affinity,
 * scheduling policy, I/O priority, personality and the AppArmor/SELinux labels it execs with.
 * The values were validated by {@code SpecValidator}; what depends on the host (is AppArmor
 * there) is checked here, with the field named, before anything is created.
 *
 * <p>Affinity follows runc: the init is reset to every CPU (so it never inherits the runtime's
 * pinning); an exec'd process runs its setup on {@code execCPUAffinity.initial} and gets
 * {@code final} once in the container's cgroup, or is reset to every CPU when neither is set.
 */
public final class ProcessAttributes {
    private static final Map<String, Integer> POLICIES = Map.of(
            "SCHED_OTHER", 0, "SCHED_FIFO", 1, "SCHED_RR", 2, "SCHED_BATCH", 3, "SCHED_ISO", 4, "SCHED_IDLE", 5,
            "SCHED_DEADLINE", 6);
    private static final Map<String, Long> SCHED_FLAGS = Map.of(
            "SCHED_FLAG_RESET_ON_FORK", 0x01L, "SCHED_FLAG_RECLAIM", 0x02L, "SCHED_FLAG_DL_OVERRUN", 0x04L,
            "SCHED_FLAG_KEEP_POLICY", 0x08L, "SCHED_FLAG_KEEP_PARAMS", 0x10L, "SCHED_FLAG_UTIL_CLAMP_MIN", 0x20L,
            "SCHED_FLAG_UTIL_CLAMP_MAX", 0x40L);
    private static final Map<String, Integer> IOPRIO_CLASSES = Map.of(
            "IOPRIO_CLASS_RT", 1, "IOPRIO_CLASS_BE", 2, "IOPRIO_CLASS_IDLE", 3);
    private static final int IOPRIO_CLASS_SHIFT = 13;
    private static final int IOPRIO_WHO_PROCESS = 1;
    private static final Map<String, Integer> PERSONAS = Map.of("LINUX", 0x0000, "LINUX32", 0x0008);
    /** Every CPU a kernel can have (NR_CPUS is at most 8192): the kernel clamps it to what exists. */
    private static final byte[] ALL_CPUS = filled(8192 / 8);

    /** Nothing to set, for tests of the other steps. */
    public static final ProcessAttributes NONE = new ProcessAttributes(null, null, null, null, null, null, null, null);

    private final byte[] initialAffinity;
    private final byte[] affinity;
    private final Scheduler scheduler;
    private final IoPriority ioPriority;
    private final Personality personality;
    private final String apparmorProfile;
    private final String apparmorAttr;
    private final String selinuxLabel;

    private ProcessAttributes(byte[] initialAffinity, byte[] affinity, Scheduler scheduler, IoPriority ioPriority,
            Personality personality, String apparmorProfile, String apparmorAttr, String selinuxLabel) {
        this.initialAffinity = initialAffinity;
        this.affinity = affinity;
        this.scheduler = scheduler;
        this.ioPriority = ioPriority;
        this.personality = personality;
        this.apparmorProfile = apparmorProfile;
        this.apparmorAttr = apparmorAttr;
        this.selinuxLabel = selinuxLabel;
    }

    /** For a container's init; {@code execCPUAffinity} does not apply to it (runtime-spec). */
    public static ProcessAttributes forInit(SpecProcess process, Linux linux, SecurityModules host) {
        return of(process, linux, host, null, ALL_CPUS);
    }

    /** For a process started by exec, {@code process} already carrying the container's defaults. */
    public static ProcessAttributes forExec(SpecProcess process, Linux linux, SecurityModules host) {
        CpuAffinity a = process.execCpuAffinity();
        byte[] initial = a == null ? null : mask(a.initial(), "process.execCPUAffinity.initial");
        byte[] last = a == null ? null : mask(a.finalAffinity(), "process.execCPUAffinity.final");
        // runc: with only an initial affinity the process keeps it; with none it is reset.
        return of(process, linux, host, initial, last != null ? last : initial != null ? null : ALL_CPUS);
    }

    private static ProcessAttributes of(SpecProcess process, Linux linux, SecurityModules host, byte[] initial,
            byte[] affinity) {
        String apparmor = blankToNull(process.apparmorProfile());
        if (apparmor != null && !host.apparmor()) {
            throw new ContainerException("process.apparmorProfile: AppArmor profile \"" + apparmor
                    + "\" specified but AppArmor is not enabled on this host");
        }
        String selinux = blankToNull(process.selinuxLabel());
        if (selinux != null && !host.selinux()) {
            // runc's words (validateProcessSpec).
            throw new ContainerException("process.selinuxLabel: selinux label is specified in config, but selinux is "
                    + "disabled or not supported");
        }
        return new ProcessAttributes(initial, affinity, process.scheduler(), process.ioPriority(),
                linux == null ? null : linux.personality(), apparmor, host.apparmorExecAttr(), selinux);
    }

    /**
     * The affinity to give the helper of an exec before it joins the container's cgroup, or null
     * to leave the runtime's. (The spec's "initial": a CPU set outside the container's cpuset must
     * be set before the move, which would otherwise make it empty.)
     */
    public byte[] initialAffinity() {
        return initialAffinity == null ? null : initialAffinity.clone();
    }

    /** The SELinux label the process execs with, or null. */
    public String selinuxLabel() {
        return selinuxLabel;
    }

    /**
     * Appends the steps in runc's order (affinity, scheduler, I/O priority, personality, labels),
     * to come before the capabilities are dropped: a real-time policy, a negative nice value and
     * the RT I/O class need CAP_SYS_NICE or CAP_SYS_ADMIN. The labels take effect at the exec.
     */
    public void appendTo(InitProgram program) {
        if (affinity != null) {
            program.setAffinity(affinity, affinity == ALL_CPUS ? "sched_setaffinity(all CPUs)"
                    : "process.execCPUAffinity.final: sched_setaffinity(" + cpus(affinity) + ")");
        }
        if (scheduler != null) {
            appendScheduler(program, scheduler);
        }
        if (ioPriority != null) {
            int ioClass = IOPRIO_CLASSES.get(ioPriority.ioClass());
            program.ioprioSet(IOPRIO_WHO_PROCESS, 0, (ioClass << IOPRIO_CLASS_SHIFT) | ioPriority.priority(),
                    "process.ioPriority: ioprio_set(" + ioPriority.ioClass() + ", " + ioPriority.priority() + ")");
        }
        if (personality != null) {
            program.personality(PERSONAS.get(personality.domain()),
                    "linux.personality: personality(" + personality.domain() + ")");
        }
        if (apparmorProfile != null) {
            program.writeProcFile("/proc/self/" + apparmorAttr, "exec " + apparmorProfile,
                    "process.apparmorProfile: apply AppArmor profile \"" + apparmorProfile + "\" at exec");
        }
        if (selinuxLabel != null) {
            program.writeProcFile("/proc/self/attr/exec", selinuxLabel,
                    "process.selinuxLabel: set SELinux exec label \"" + selinuxLabel + "\"");
        }
    }

    private static void appendScheduler(InitProgram program, Scheduler s) {
        long flags = 0;
        for (String flag : s.flags()) {
            flags |= SCHED_FLAGS.get(flag);
        }
        program.schedSetattr(POLICIES.get(s.policy()), s.priority(), s.nice(), flags, s.runtime(), s.deadline(),
                s.period(), "process.scheduler: sched_setattr(" + s.policy() + ", nice=" + s.nice() + ", priority="
                        + s.priority() + (flags == 0 ? "" : ", flags=0x" + Long.toHexString(flags))
                        + (s.policy().equals("SCHED_DEADLINE") ? ", runtime=" + Long.toUnsignedString(s.runtime())
                                + ", deadline=" + Long.toUnsignedString(s.deadline()) + ", period="
                                + Long.toUnsignedString(s.period()) : "") + ")");
    }

    /** The kernel cpumask of a CPU list, in whole 64-bit words; null for an absent or empty list. */
    static byte[] mask(String list, String field) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        BitSet cpus;
        try {
            cpus = CpuList.parse(list);
        } catch (IllegalArgumentException e) {
            throw new ContainerException(field + ": " + e.getMessage(), e);
        }
        byte[] bytes = cpus.toByteArray();
        return Arrays.copyOf(bytes, (bytes.length + 7) / 8 * 8);
    }

    private static String cpus(byte[] mask) {
        BitSet set = BitSet.valueOf(mask);
        StringBuilder out = new StringBuilder();
        for (int start = set.nextSetBit(0); start >= 0; start = set.nextSetBit(start)) {
            int end = set.nextClearBit(start);
            out.append(out.isEmpty() ? "" : ",").append(start).append(end - 1 > start ? "-" + (end - 1) : "");
            start = end;
        }
        return out.toString();
    }

    private static byte[] filled(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 0xff);
        return b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
