package dev.jrunc.spec;

import java.util.List;

/**
 * The container process (config.json {@code process}), also the document {@code exec --process}
 * reads. Named so it does not clash with {@link java.lang.Process}.
 *
 * @param terminal whether a pseudo-terminal is allocated; false when absent
 * @param consoleSize the terminal size, or null
 * @param user the user the process runs as, or null (runc then uses uid 0, gid 0)
 * @param args argv; the first entry is looked up like execvp's file; empty when absent
 * @param commandLine the Windows command line, kept only so a document round-trips; or null
 * @param env environment entries KEY=VALUE; empty when absent
 * @param cwd the working directory, an absolute path; required
 * @param capabilities the capability sets, or null
 * @param rlimits resource limits in order; empty when absent
 * @param noNewPrivileges whether PR_SET_NO_NEW_PRIVS is set; false when absent
 * @param apparmorProfile the AppArmor profile, or null
 * @param oomScoreAdj the oom_score_adj value, or null to leave it unchanged
 * @param scheduler sched_setattr(2) settings, or null
 * @param selinuxLabel the SELinux process label, or null
 * @param ioPriority the I/O priority, or null
 * @param execCpuAffinity CPU affinity for processes started by exec, or null
 */
public record SpecProcess(
        boolean terminal,
        ConsoleSize consoleSize,
        User user,
        List<String> args,
        String commandLine,
        List<String> env,
        String cwd,
        Capabilities capabilities,
        List<Rlimit> rlimits,
        boolean noNewPrivileges,
        String apparmorProfile,
        Integer oomScoreAdj,
        Scheduler scheduler,
        String selinuxLabel,
        IoPriority ioPriority,
        CpuAffinity execCpuAffinity) {

    /** Normalises absent collections to empty immutable ones. */
    public SpecProcess {
        args = Immutable.list(args);
        env = Immutable.list(env);
        rlimits = Immutable.list(rlimits);
    }
}
