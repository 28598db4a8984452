package dev.jrunc.spec;

import dev.jrunc.spec.json.Quoting;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Whether a process (config.json's or an exec process file) can be started. */
final class ProcessRules {

    static final Set<String> RLIMIT_TYPES = Set.of(
            "RLIMIT_AS", "RLIMIT_CORE", "RLIMIT_CPU", "RLIMIT_DATA", "RLIMIT_FSIZE", "RLIMIT_LOCKS",
            "RLIMIT_MEMLOCK", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_NOFILE", "RLIMIT_NPROC",
            "RLIMIT_RSS", "RLIMIT_RTPRIO", "RLIMIT_RTTIME", "RLIMIT_SIGPENDING", "RLIMIT_STACK");

    private static final Set<String> SCHEDULER_POLICIES = Set.of(
            "SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO", "SCHED_IDLE", "SCHED_DEADLINE");

    private static final Set<String> SCHEDULER_FLAGS = Set.of(
            "SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM", "SCHED_FLAG_DL_OVERRUN", "SCHED_FLAG_KEEP_POLICY",
            "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_UTIL_CLAMP_MIN", "SCHED_FLAG_UTIL_CLAMP_MAX");

    /** The kernel's smallest SCHED_DEADLINE runtime (1 << DL_SCALE). */
    private static final long MIN_DEADLINE_RUNTIME = 1024;

    private static final Set<String> IO_PRIORITY_CLASSES =
            Set.of("IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE");

    // Syntax only: whether the running kernel knows a capability is decided when it is applied.
    private static final Pattern CAPABILITY_NAME = Pattern.compile("CAP_[A-Z_]+");

    // The kernel's limits on what execve(2), setgroups(2) and oom_score_adj take: a longer
    // argument or environment string (MAX_ARG_STRLEN, 32 pages, with its NUL) fails with E2BIG,
    // more groups than NGROUPS_MAX with EINVAL, an adjustment outside OOM_SCORE_ADJ_MIN..MAX with
    // EINVAL. Checked here so that create fails before anything exists, naming the value.
    static final int MAX_ARG_STRING_BYTES = 32 * 4096 - 1;
    static final int MAX_GROUPS = 65536;
    private static final int OOM_SCORE_ADJ_MIN = -1000;
    private static final int OOM_SCORE_ADJ_MAX = 1000;

    private ProcessRules() {}

    static void check(SpecProcess process, JsonPath at, Problems out) {
        if (process.args().isEmpty()) {
            out.add(at.member("args"), "must be a non-empty array");
        }
        checkArgumentSizes(process.args(), at.member("args"), out);
        CommonRules.requireAbsolute(process.cwd(), at.member("cwd"), out);
        checkEnv(process.env(), at.member("env"), out);
        checkArgumentSizes(process.env(), at.member("env"), out);
        Integer oom = process.oomScoreAdj();
        if (oom != null && (oom < OOM_SCORE_ADJ_MIN || oom > OOM_SCORE_ADJ_MAX)) {
            out.add(at.member("oomScoreAdj"), Problems.outOfRange(oom.toString(),
                    Integer.toString(OOM_SCORE_ADJ_MIN), Integer.toString(OOM_SCORE_ADJ_MAX)));
        }
        if (process.user() != null) {
            checkUser(process.user(), at.member("user"), out);
        }
        if (process.capabilities() != null) {
            checkCapabilities(process.capabilities(), at.member("capabilities"), out);
        }
        checkRlimits(process.rlimits(), at.member("rlimits"), out);
        if (process.scheduler() != null) {
            checkScheduler(process.scheduler(), at.member("scheduler"), out);
        }
        if (process.ioPriority() != null) {
            checkIoPriority(process.ioPriority(), at.member("ioPriority"), out);
        }
        if (process.execCpuAffinity() != null) {
            checkCpuList(process.execCpuAffinity().initial(), at.member("execCPUAffinity").member("initial"), out);
            checkCpuList(process.execCpuAffinity().finalAffinity(), at.member("execCPUAffinity").member("final"), out);
        }
    }

    /** runc's checks (libcontainer/configs/validate) plus the kernel's own limits, so they fail before create. */
    private static void checkScheduler(Scheduler s, JsonPath at, Problems out) {
        String policy = s.policy();
        JsonPath policyAt = at.member("policy");
        if (!CommonRules.requireText(policy, policyAt, out)) {
            return;
        }
        if (!SCHEDULER_POLICIES.contains(policy)) {
            out.add(policyAt, "unknown scheduler policy " + Quoting.quoteShort(policy));
            return;
        }
        for (int i = 0; i < s.flags().size(); i++) {
            if (!SCHEDULER_FLAGS.contains(s.flags().get(i))) {
                out.add(at.member("flags").index(i), "unknown scheduler flag " + Quoting.quoteShort(s.flags().get(i)));
            }
        }
        boolean realtime = policy.equals("SCHED_FIFO") || policy.equals("SCHED_RR");
        boolean deadline = policy.equals("SCHED_DEADLINE");
        if ((policy.equals("SCHED_OTHER") || policy.equals("SCHED_BATCH")) && (s.nice() < -20 || s.nice() > 19)) {
            out.add(at.member("nice"), Problems.outOfRange(Integer.toString(s.nice()), "-20", "19"));
        }
        if (realtime && (s.priority() < 1 || s.priority() > 99)) {
            out.add(at.member("priority"), Problems.outOfRange(Integer.toString(s.priority()), "1", "99")
                    + " (the static priority of " + policy + ")");
        } else if (!realtime && s.priority() != 0) {
            out.add(at.member("priority"), "can only be set for SCHED_FIFO or SCHED_RR");
        }
        if (!deadline) {
            if (s.runtime() != 0 || s.deadline() != 0 || s.period() != 0) {
                out.add(at, "runtime, deadline and period can only be set for SCHED_DEADLINE");
            }
            return;
        }
        // The kernel's __checkparam_dl: values below 2^63, 0 < runtime <= deadline <= period,
        // a period of 0 meaning the deadline, and a runtime of at least 1024 ns.
        long period = s.period() == 0 ? s.deadline() : s.period();
        if (s.deadline() <= 0) {
            out.add(at.member("deadline"), "must be greater than 0 and below 2^63 nanoseconds for SCHED_DEADLINE");
        } else if (s.period() < 0) {
            out.add(at.member("period"), "must be below 2^63 nanoseconds");
        } else if (Long.compareUnsigned(s.runtime(), MIN_DEADLINE_RUNTIME) < 0) {
            out.add(at.member("runtime"), "must be at least " + MIN_DEADLINE_RUNTIME + " nanoseconds for SCHED_DEADLINE");
        } else if (Long.compareUnsigned(s.runtime(), s.deadline()) > 0) {
            out.add(at.member("runtime"), Long.toUnsignedString(s.runtime()) + " is greater than the deadline "
                    + s.deadline());
        } else if (s.deadline() > period) {
            out.add(at.member("deadline"), s.deadline() + " is greater than the period " + period);
        }
    }

    private static void checkCpuList(String list, JsonPath at, Problems out) {
        if (list == null) {
            return;
        }
        try {
            CpuList.parse(list);
        } catch (IllegalArgumentException e) {
            out.add(at, e.getMessage());
        }
    }

    private static void checkEnv(List<String> env, JsonPath at, Problems out) {
        for (int i = 0; i < env.size(); i++) {
            String entry = env.get(i);
            // An entry without a name cannot be passed on: execve's environment is NAME=value.
            if (entry.indexOf('=') < 1 || entry.indexOf('\0') >= 0) {
                out.add(at.index(i), Quoting.quoteShort(entry) + " is not of the form KEY=VALUE");
            }
        }
    }

    private static void checkArgumentSizes(List<String> strings, JsonPath at, Problems out) {
        for (int i = 0; i < strings.size(); i++) {
            int bytes = strings.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > MAX_ARG_STRING_BYTES) {
                out.add(at.index(i), bytes + " bytes long, more than the " + MAX_ARG_STRING_BYTES
                        + " the kernel passes to a program in one string");
            }
        }
    }

    private static void checkUser(User user, JsonPath at, Problems out) {
        CommonRules.requireUint32(user.uid(), at.member("uid"), out);
        CommonRules.requireUint32(user.gid(), at.member("gid"), out);
        if (user.additionalGids().size() > MAX_GROUPS) {
            out.add(at.member("additionalGids"), user.additionalGids().size()
                    + " groups, more than the kernel's limit of " + MAX_GROUPS);
        }
        for (int i = 0; i < user.additionalGids().size(); i++) {
            CommonRules.requireUint32(user.additionalGids().get(i), at.member("additionalGids").index(i), out);
        }
    }

    private static void checkCapabilities(Capabilities caps, JsonPath at, Problems out) {
        checkCapabilitySet(caps.bounding(), at.member("bounding"), out);
        checkCapabilitySet(caps.effective(), at.member("effective"), out);
        checkCapabilitySet(caps.inheritable(), at.member("inheritable"), out);
        checkCapabilitySet(caps.permitted(), at.member("permitted"), out);
        checkCapabilitySet(caps.ambient(), at.member("ambient"), out);
    }

    private static void checkCapabilitySet(List<String> names, JsonPath at, Problems out) {
        for (int i = 0; i < names.size(); i++) {
            if (!CAPABILITY_NAME.matcher(names.get(i)).matches()) {
                out.add(at.index(i), Quoting.quoteShort(names.get(i)) + " is not a capability name (expected CAP_[A-Z_]+)");
            }
        }
    }

    private static void checkRlimits(List<Rlimit> rlimits, JsonPath at, Problems out) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rlimits.size(); i++) {
            Rlimit rlimit = rlimits.get(i);
            JsonPath typeAt = at.index(i).member("type");
            if (!CommonRules.requireText(rlimit.type(), typeAt, out)) {
                continue;
            }
            if (!RLIMIT_TYPES.contains(rlimit.type())) {
                out.add(typeAt, "unknown rlimit type " + Quoting.quoteShort(rlimit.type()));
            } else if (!seen.add(rlimit.type())) {
                out.add(typeAt, "duplicate rlimit type " + Quoting.quoteShort(rlimit.type()));
            }
            if (Long.compareUnsigned(rlimit.soft(), rlimit.hard()) > 0) {
                out.add(at.index(i), "soft limit " + Long.toUnsignedString(rlimit.soft())
                        + " is greater than hard limit " + Long.toUnsignedString(rlimit.hard()));
            }
        }
    }

    private static void checkIoPriority(IoPriority io, JsonPath at, Problems out) {
        JsonPath classAt = at.member("class");
        if (CommonRules.requireText(io.ioClass(), classAt, out) && !IO_PRIORITY_CLASSES.contains(io.ioClass())) {
            out.add(classAt, "unknown I/O priority class " + Quoting.quoteShort(io.ioClass()));
        }
        if (io.priority() < 0 || io.priority() > 7) {
            out.add(at.member("priority"), Problems.outOfRange(Integer.toString(io.priority()), "0", "7"));
        }
    }
}
