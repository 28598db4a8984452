package dev.jrunc.container.process;

import dev.jrunc.container.init.InitProgram;
import dev.jrunc.container.seccomp.CompiledFilter;
import dev.jrunc.spec.Capabilities;
import dev.jrunc.spec.Rlimit;
import dev.jrunc.spec.SpecProcess;
import dev.jrunc.spec.User;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps that turn the init (or an exec'd process) into the configured process, in runc's
 * order: the AppArmor profile for the exec, rlimits while still privileged, the bounding set, then the ids with KEEPCAPS so the
 * permitted set survives the switch, then the final capability sets, ambient capabilities,
 * cwd, umask and no_new_privs. The wait for `start` and the exec come last.
 */
public final class ProcessProgram {
    private static final int PR_CAPBSET_DROP = 24;
    private static final int PR_SET_KEEPCAPS = 8;
    private static final int PR_CAP_AMBIENT = 47;
    private static final int PR_CAP_AMBIENT_RAISE = 2;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int DEFAULT_UMASK = 0022;

    private ProcessProgram() {
    }

    /**
     * Validates what can be validated before anything is created (names of caps and rlimits, an
     * AppArmor profile on a host without AppArmor).
     */
    public static void validate(SpecProcess process) {
        AppArmorProfile.validate(process.apparmorProfile(), "process.apparmorProfile");
        int lastCap = CapabilityNames.lastCap();
        Capabilities caps = process.capabilities();
        if (caps != null) {
            CapabilityNames.mask(caps.bounding(), "process.capabilities.bounding", lastCap);
            CapabilityNames.mask(caps.effective(), "process.capabilities.effective", lastCap);
            CapabilityNames.mask(caps.permitted(), "process.capabilities.permitted", lastCap);
            CapabilityNames.mask(caps.inheritable(), "process.capabilities.inheritable", lastCap);
            CapabilityNames.mask(caps.ambient(), "process.capabilities.ambient", lastCap);
        }
        for (int i = 0; i < process.rlimits().size(); i++) {
            RlimitNames.resource(process.rlimits().get(i).type(), "process.rlimits[" + i + "].type");
        }
    }

    /**
     * Appends the credential and environment steps for {@code process} to {@code program}.
     * Without no_new_privs a seccomp {@code filter} (or null) is installed here, before the
     * capabilities are dropped, because installing it then needs CAP_SYS_ADMIN; the steps after
     * it must be allowed by the profile, as with runc.
     */
    public static void appendSetup(InitProgram program, SpecProcess process, CompiledFilter filter) {
        AppArmorProfile.append(program, process.apparmorProfile(), "process.apparmorProfile");
        for (int i = 0; i < process.rlimits().size(); i++) {
            Rlimit r = process.rlimits().get(i);
            program.setrlimit(RlimitNames.resource(r.type(), "process.rlimits[" + i + "].type"), r.soft(), r.hard(), r.type());
        }
        if (filter != null && !process.noNewPrivileges()) {
            program.seccomp(filter.flags(), filter.program());
        }
        int lastCap = CapabilityNames.lastCap();
        Capabilities caps = process.capabilities() != null ? process.capabilities()
                : new Capabilities(List.of(), List.of(), List.of(), List.of(), List.of());
        long bounding = CapabilityNames.mask(caps.bounding(), "process.capabilities.bounding", lastCap);
        for (int cap = 0; cap <= lastCap; cap++) {
            if ((bounding & (1L << cap)) == 0) {
                program.prctl(PR_CAPBSET_DROP, cap, 0, "drop capability " + cap + " from the bounding set");
            }
        }
        // runc runs a process without "user" as root.
        User user = process.user() != null ? process.user() : new User(0, 0, null, List.of(), null);
        program.prctl(PR_SET_KEEPCAPS, 1, 0, "prctl(PR_SET_KEEPCAPS, 1)");
        List<Integer> groups = new ArrayList<>();
        for (Long g : user.additionalGids()) {
            groups.add(g.intValue());
        }
        program.setgroups(groups);
        program.setresgid((int) user.gid());
        program.setresuid((int) user.uid());
        program.prctl(PR_SET_KEEPCAPS, 0, 0, "prctl(PR_SET_KEEPCAPS, 0)");
        long permitted = CapabilityNames.mask(caps.permitted(), "process.capabilities.permitted", lastCap);
        long inheritable = CapabilityNames.mask(caps.inheritable(), "process.capabilities.inheritable", lastCap);
        program.capset(CapabilityNames.mask(caps.effective(), "process.capabilities.effective", lastCap),
                permitted, inheritable);
        for (String name : caps.ambient()) {
            int cap = CapabilityNames.number(name, "process.capabilities.ambient");
            // The kernel raises an ambient capability only if it is permitted and inheritable;
            // runc warns and goes on without the others, which only ever means fewer privileges.
            if (cap <= lastCap && (permitted & inheritable & (1L << cap)) != 0) {
                program.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, "raise ambient capability " + name);
            }
        }
        program.chdir(process.cwd());
        program.umask(user.umask() != null ? user.umask() : DEFAULT_UMASK);
        if (process.noNewPrivileges()) {
            program.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, "prctl(PR_SET_NO_NEW_PRIVS, 1)");
        }
    }

    /**
     * With no_new_privs, the seccomp {@code filter} (or null) goes in last, right before the
     * exec, so none of the runtime's own setup is filtered.
     */
    public static void appendFinalFilter(InitProgram program, SpecProcess process, CompiledFilter filter) {
        if (filter != null && process.noNewPrivileges()) {
            program.seccomp(filter.flags(), filter.program());
        }
    }
}
