package dev.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per validation rule, each asserting the exact one-line message and its JSON path. */
class SpecValidatorTest {

    /** A valid config; the three arguments are spliced into process, the top level and linux. */
    private static String config(String processExtra, String topExtra, String linuxExtra) {
        return """
                {"ociVersion": "1.3.0", "root": {"path": "rootfs"},
                 "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}%s}%s,
                 "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "uts"}]%s}}
                """.formatted(processExtra, topExtra, linuxExtra);
    }

    private static Spec parse(String json) {
        return SpecReader.parseConfig(json.getBytes(StandardCharsets.UTF_8), "config.json");
    }

    private static void assertInvalid(String json, String path, String reason) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SpecValidator.validate(parse(json), "config.json"));
        assertEquals("config.json: " + path + ": " + reason, e.getMessage());
        assertEquals(path, e.path());
        assertEquals(reason, e.reason());
        assertFalse(e.getMessage().contains("\n"));
    }

    private static void assertValid(String json) {
        assertDoesNotThrow(() -> SpecValidator.validate(parse(json), "config.json"));
    }

    @Test
    void baseConfigIsValid() {
        assertValid(config("", "", ""));
    }

    @Test
    void ociVersionMustNotBeEmpty() {
        assertInvalid(config("", "", "").replace("\"1.3.0\"", "\"\""), "ociVersion", "must not be empty");
    }

    @Test
    void rootIsRequired() {
        assertInvalid(config("", "", "").replace("\"root\": {\"path\": \"rootfs\"},", ""), "root", "is required");
    }

    @Test
    void rootPathMustNotBeEmpty() {
        assertInvalid(config("", "", "").replace("\"rootfs\"", "\"\""), "root.path", "must not be empty");
    }

    @Test
    void processIsRequired() {
        String json = """
                {"ociVersion": "1.3.0", "root": {"path": "rootfs"}}""";
        assertInvalid(json, "process", "is required");
    }

    @Test
    void argsMustBeNonEmpty() {
        assertInvalid(config("", "", "").replace("\"args\": [\"sh\"]", "\"args\": []"),
                "process.args", "must be a non-empty array");
        assertInvalid(config("", "", "").replace("\"args\": [\"sh\"], ", ""),
                "process.args", "must be a non-empty array");
    }

    @Test
    void cwdMustBeAbsolute() {
        assertInvalid(config("", "", "").replace("\"cwd\": \"/\"", "\"cwd\": \"tmp\""),
                "process.cwd", "must be an absolute path, got \"tmp\"");
    }

    @Test
    void envEntriesNeedKeyAndEquals() {
        assertInvalid(config(", \"env\": [\"PATH=/bin\", \"NOVALUE\"]", "", ""),
                "process.env[1]", "\"NOVALUE\" is not of the form KEY=VALUE");
        assertInvalid(config(", \"env\": [\"=value\"]", "", ""),
                "process.env[0]", "\"=value\" is not of the form KEY=VALUE");
        assertValid(config(", \"env\": [\"EMPTY=\", \"A=b=c\"]", "", ""));
    }

    @Test
    void userIdsBuiltInCodeAreRangeChecked() {
        SpecProcess process = new SpecProcess(false, null, new User(4294967296L, 0, null, List.of(), null),
                List.of("sh"), null, List.of(), "/", null, List.of(), false, null, null, null, null, null, null);
        assertEquals(List.of(new SpecProblem("user.uid", "expected an integer in 0..4294967295, got 4294967296")),
                SpecValidator.processProblems(process));
    }

    @Test
    void capabilityNamesAreCheckedForSyntax() {
        assertInvalid(config(", \"capabilities\": {\"bounding\": [\"CAP_KILL\"], \"ambient\": [\"CAP_KILL\", \"cap_chown\"]}", "", ""),
                "process.capabilities.ambient[1]", "\"cap_chown\" is not a capability name (expected CAP_[A-Z_]+)");
        // Unknown but well-formed names are left for the kernel check.
        assertValid(config(", \"capabilities\": {\"effective\": [\"CAP_FROM_THE_FUTURE\"]}", "", ""));
    }

    @Test
    void rlimitTypeMustBeKnown() {
        assertInvalid(config(", \"rlimits\": [{\"type\": \"RLIMIT_FOO\", \"hard\": 1, \"soft\": 1}]", "", ""),
                "process.rlimits[0].type", "unknown rlimit type \"RLIMIT_FOO\"");
    }

    @Test
    void rlimitTypeMustNotRepeat() {
        assertInvalid(config(", \"rlimits\": [{\"type\": \"RLIMIT_NOFILE\", \"hard\": 10, \"soft\": 1},"
                        + " {\"type\": \"RLIMIT_CORE\", \"hard\": 0, \"soft\": 0},"
                        + " {\"type\": \"RLIMIT_NOFILE\", \"hard\": 20, \"soft\": 2}]", "", ""),
                "process.rlimits[2].type", "duplicate rlimit type \"RLIMIT_NOFILE\"");
    }

    @Test
    void rlimitSoftMustNotExceedHard() {
        assertInvalid(config(", \"rlimits\": [{\"type\": \"RLIMIT_NOFILE\", \"hard\": 1024, \"soft\": 2048}]", "", ""),
                "process.rlimits[0]", "soft limit 2048 is greater than hard limit 1024");
    }

    @Test
    void rlimitsCompareAsUnsigned() {
        // RLIM_INFINITY as hard limit is above every soft limit; as soft limit it exceeds any finite hard one.
        assertValid(config(", \"rlimits\": [{\"type\": \"RLIMIT_CORE\", \"hard\": 18446744073709551615, \"soft\": 5}]", "", ""));
        assertInvalid(config(", \"rlimits\": [{\"type\": \"RLIMIT_CORE\", \"hard\": 5, \"soft\": 18446744073709551615}]", "", ""),
                "process.rlimits[0]", "soft limit 18446744073709551615 is greater than hard limit 5");
    }

    @Test
    void ioPriorityClassAndLevel() {
        assertInvalid(config(", \"ioPriority\": {\"class\": \"IOPRIO_CLASS_FAST\"}", "", ""),
                "process.ioPriority.class", "unknown I/O priority class \"IOPRIO_CLASS_FAST\"");
        assertInvalid(config(", \"ioPriority\": {\"class\": \"IOPRIO_CLASS_BE\", \"priority\": 8}", "", ""),
                "process.ioPriority.priority", "expected an integer in 0..7, got 8");
    }

    @Test
    void schedulerPolicyMustBeKnown() {
        assertInvalid(config(", \"scheduler\": {\"policy\": \"SCHED_FAST\"}", "", ""),
                "process.scheduler.policy", "unknown scheduler policy \"SCHED_FAST\"");
        assertInvalid(config(", \"scheduler\": {\"nice\": 1}", "", ""), "process.scheduler.policy", "is required");
    }

    private static String scheduler(String fields) {
        return config(", \"scheduler\": {" + fields + "}", "", "");
    }

    @Test
    void schedulerValuesFollowRuncAndTheKernel() {
        assertValid(scheduler("\"policy\": \"SCHED_OTHER\", \"nice\": -20"));
        assertValid(scheduler("\"policy\": \"SCHED_BATCH\", \"nice\": 19, \"flags\": [\"SCHED_FLAG_RESET_ON_FORK\"]"));
        assertValid(scheduler("\"policy\": \"SCHED_FIFO\", \"priority\": 99"));
        assertValid(scheduler("\"policy\": \"SCHED_RR\", \"priority\": 1"));
        assertValid(scheduler("\"policy\": \"SCHED_IDLE\", \"nice\": 30"));
        assertInvalid(scheduler("\"policy\": \"SCHED_OTHER\", \"nice\": 20"),
                "process.scheduler.nice", "expected an integer in -20..19, got 20");
        assertInvalid(scheduler("\"policy\": \"SCHED_BATCH\", \"nice\": -21"),
                "process.scheduler.nice", "expected an integer in -20..19, got -21");
        assertInvalid(scheduler("\"policy\": \"SCHED_OTHER\", \"priority\": 5"),
                "process.scheduler.priority", "can only be set for SCHED_FIFO or SCHED_RR");
        assertInvalid(scheduler("\"policy\": \"SCHED_FIFO\""), "process.scheduler.priority",
                "expected an integer in 1..99, got 0 (the static priority of SCHED_FIFO)");
        assertInvalid(scheduler("\"policy\": \"SCHED_RR\", \"priority\": 100"), "process.scheduler.priority",
                "expected an integer in 1..99, got 100 (the static priority of SCHED_RR)");
        assertInvalid(scheduler("\"policy\": \"SCHED_OTHER\", \"runtime\": 1"),
                "process.scheduler", "runtime, deadline and period can only be set for SCHED_DEADLINE");
        assertInvalid(scheduler("\"policy\": \"SCHED_OTHER\", \"flags\": [\"SCHED_FLAG_FAST\"]"),
                "process.scheduler.flags[0]", "unknown scheduler flag \"SCHED_FLAG_FAST\"");
    }

    @Test
    void deadlineNeedsRuntimeUpToDeadlineUpToPeriod() {
        assertValid(scheduler("\"policy\": \"SCHED_DEADLINE\", \"runtime\": 1024, \"deadline\": 1024"));
        assertValid(scheduler("\"policy\": \"SCHED_DEADLINE\", \"runtime\": 1000000, \"deadline\": 5000000, "
                + "\"period\": 5000000"));
        String deadline = "\"policy\": \"SCHED_DEADLINE\", ";
        assertInvalid(scheduler(deadline + "\"runtime\": 2000"),
                "process.scheduler.deadline", "must be greater than 0 and below 2^63 nanoseconds for SCHED_DEADLINE");
        assertInvalid(scheduler(deadline + "\"runtime\": 1023, \"deadline\": 5000"),
                "process.scheduler.runtime", "must be at least 1024 nanoseconds for SCHED_DEADLINE");
        assertInvalid(scheduler(deadline + "\"runtime\": 6000, \"deadline\": 5000"),
                "process.scheduler.runtime", "6000 is greater than the deadline 5000");
        assertInvalid(scheduler(deadline + "\"runtime\": 2000, \"deadline\": 5000, \"period\": 4000"),
                "process.scheduler.deadline", "5000 is greater than the period 4000");
        assertInvalid(scheduler(deadline + "\"runtime\": 2000, \"deadline\": 5000, \"period\": 18446744073709551615"),
                "process.scheduler.period", "must be below 2^63 nanoseconds");
        assertInvalid(scheduler(deadline + "\"runtime\": 2000, \"deadline\": 5000, \"priority\": 3"),
                "process.scheduler.priority", "can only be set for SCHED_FIFO or SCHED_RR");
    }

    @Test
    void execCpuAffinityListsMustParse() {
        assertValid(config(", \"execCPUAffinity\": {\"initial\": \"0-3, 7,\", \"final\": \"\"}", "", ""));
        assertInvalid(config(", \"execCPUAffinity\": {\"initial\": \"3-1\"}", "", ""),
                "process.execCPUAffinity.initial", "invalid range \"3-1\"");
        assertInvalid(config(", \"execCPUAffinity\": {\"final\": \"0,x\"}", "", ""),
                "process.execCPUAffinity.final", "\"x\" is not a CPU number or range");
    }

    @Test
    void mountDestinationMustNotBeEmpty() {
        assertInvalid(config("", ", \"mounts\": [{\"destination\": \"/proc\", \"type\": \"proc\"}, {\"destination\": \"\"}]", ""),
                "mounts[1].destination", "must not be empty");
    }

    @Test
    void relativeMountDestinationIsAcceptedAsGiven() {
        Spec spec = parse(config("", ", \"mounts\": [{\"destination\": \"data\", \"type\": \"tmpfs\"}]", ""));
        assertEquals(List.of(), SpecValidator.problems(spec));
        assertEquals("data", spec.mounts().getFirst().destination());
    }

    @Test
    void idMappedMountNeedsBothMappings() {
        assertInvalid(config("", ", \"mounts\": [{\"destination\": \"/d\", \"type\": \"bind\", \"source\": \"/s\","
                        + " \"uidMappings\": [{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}]}]", ""),
                "mounts[0]", "an ID-mapped mount needs both uidMappings and gidMappings");
    }

    @Test
    void mountMappingSizeMustBePositive() {
        assertInvalid(config("", ", \"mounts\": [{\"destination\": \"/d\", \"type\": \"bind\", \"source\": \"/s\","
                        + " \"uidMappings\": [{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}],"
                        + " \"gidMappings\": [{\"containerID\": 0, \"hostID\": 1000, \"size\": 0}]}]", ""),
                "mounts[0].gidMappings[0].size", "must be greater than 0");
    }

    @Test
    void hookPathMustBeAbsolute() {
        assertInvalid(config("", ", \"hooks\": {\"prestart\": [{\"path\": \"/bin/true\"}],"
                        + " \"createRuntime\": [{\"path\": \"/bin/true\"}, {\"path\": \"bin/hook\"}]}", ""),
                "hooks.createRuntime[1].path", "must be an absolute path, got \"bin/hook\"");
    }

    @Test
    void hookTimeoutMustBePositive() {
        assertInvalid(config("", ", \"hooks\": {\"poststop\": [{\"path\": \"/bin/true\", \"timeout\": 0}]}", ""),
                "hooks.poststop[0].timeout", "must be greater than 0, got 0");
    }

    @Test
    void namespaceTypesMustNotRepeat() {
        assertInvalid(config("", "", "").replace("{\"type\": \"uts\"}", "{\"type\": \"uts\"}, {\"type\": \"pid\", \"path\": \"/proc/1/ns/pid\"}"),
                "linux.namespaces[3].type", "duplicate namespace type \"pid\"");
    }

    @Test
    void namespacePathMustBeAbsolute() {
        assertInvalid(config("", "", "").replace("{\"type\": \"pid\"}", "{\"type\": \"pid\", \"path\": \"proc/1/ns/pid\"}"),
                "linux.namespaces[0].path", "must be an absolute path, got \"proc/1/ns/pid\"");
    }

    @Test
    void newUserNamespaceNeedsMappings() {
        assertInvalid(config("", "", "").replace("{\"type\": \"uts\"}", "{\"type\": \"uts\"}, {\"type\": \"user\"}"),
                "linux.uidMappings", "a new user namespace needs uidMappings or gidMappings");
    }

    @Test
    void newUserNamespaceWithMappingsIsValid() {
        assertValid(config("", "", ", \"uidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 65536}],"
                + " \"gidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 65536}]")
                .replace("{\"type\": \"uts\"}", "{\"type\": \"uts\"}, {\"type\": \"user\"}"));
    }

    @Test
    void joinedUserNamespaceMayRepeatItsMappings() {
        // containerd and CRI-O send both; runc accepts it.
        String joined = "{\"type\": \"uts\"}, {\"type\": \"user\", \"path\": \"/proc/42/ns/user\"}";
        assertValid(config("", "", "").replace("{\"type\": \"uts\"}", joined));
        assertValid(config("", "", ", \"uidMappings\": [{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}]")
                .replace("{\"type\": \"uts\"}", joined));
    }

    @Test
    void mappingsWithoutUserNamespace() {
        assertInvalid(config("", "", ", \"gidMappings\": [{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}]"),
                "linux.gidMappings", "given, but linux.namespaces has no user namespace");
    }

    @Test
    void userNamespaceMappingSizeMustBePositive() {
        assertInvalid(config("", "", ", \"uidMappings\": [{\"containerID\": 0, \"hostID\": 1000, \"size\": 0}]")
                        .replace("{\"type\": \"uts\"}", "{\"type\": \"uts\"}, {\"type\": \"user\"}"),
                "linux.uidMappings[0].size", "must be greater than 0");
    }

    @Test
    void hostnameNeedsUtsNamespace() {
        assertInvalid(config("", ", \"hostname\": \"box\"", "").replace(", {\"type\": \"uts\"}", ""),
                "hostname", "cannot be set without a uts namespace in linux.namespaces");
    }

    @Test
    void maskedPathsNeedMountNamespace() {
        assertInvalid(config("", "", ", \"maskedPaths\": [\"/proc/kcore\"]").replace(", {\"type\": \"mount\"}", ""),
                "linux.maskedPaths", "cannot be applied without a mount namespace in linux.namespaces");
    }

    @Test
    void timeOffsetClocksAreMonotonicOrBoottime() {
        assertInvalid(config("", "", ", \"timeOffsets\": {\"monotonic\": {\"secs\": 1}, \"realtime\": {\"secs\": 5}}")
                        .replace("{\"type\": \"uts\"}", "{\"type\": \"uts\"}, {\"type\": \"time\"}"),
                "linux.timeOffsets.realtime", "unknown clock \"realtime\" (expected monotonic or boottime)");
    }

    @Test
    void timeOffsetsNeedNewTimeNamespace() {
        assertInvalid(config("", "", ", \"timeOffsets\": {\"boottime\": {\"secs\": 1}}"),
                "linux.timeOffsets", "given, but linux.namespaces has no time namespace");
        assertInvalid(config("", "", ", \"timeOffsets\": {\"boottime\": {\"secs\": 1}}")
                        .replace("{\"type\": \"uts\"}", "{\"type\": \"uts\"}, {\"type\": \"time\", \"path\": \"/proc/9/ns/time\"}"),
                "linux.timeOffsets", "cannot be combined with joining an existing time namespace");
    }

    @Test
    void deviceTypeMustBeKnown() {
        assertInvalid(config("", "", ", \"devices\": [{\"path\": \"/dev/null\", \"type\": \"c\", \"major\": 1, \"minor\": 3},"
                        + " {\"path\": \"/dev/x\", \"type\": \"x\", \"major\": 1, \"minor\": 9}]"),
                "linux.devices[1].type", "unknown device type \"x\" (expected c, b, u or p)");
    }

    @Test
    void deviceNumbersMustFitMknod() {
        assertInvalid(config("", "", ", \"devices\": [{\"path\": \"/dev/x\", \"type\": \"c\", \"major\": 4096, \"minor\": 0}]"),
                "linux.devices[0].major", "expected an integer in 0..4095, got 4096");
        assertInvalid(config("", "", ", \"devices\": [{\"path\": \"/dev/x\", \"type\": \"c\", \"major\": 1, \"minor\": -1}]"),
                "linux.devices[0].minor", "expected an integer in 0..1048575, got -1");
        assertValid(config("", "", ", \"devices\": [{\"path\": \"/dev/x\", \"type\": \"b\", \"major\": 4095, \"minor\": 1048575}]"));
    }

    @Test
    void hostAndDomainNamesMustFitTheKernel() {
        assertValid(config("", ", \"hostname\": \"" + "h".repeat(64) + "\"", ""));
        assertInvalid(config("", ", \"domainname\": \"" + "d".repeat(65) + "\"", ""),
                "domainname", "longer than 64 bytes, the kernel's limit: \"" + "d".repeat(64) + "...\"");
    }

    @Test
    void argumentsAndEnvironmentStringsMustFitExecve() {
        String big = "a".repeat(131072);
        assertInvalid(config(", \"env\": [\"A=" + big + "\"]", "", ""),
                "process.env[0]", "131074 bytes long, more than the 131071 the kernel passes to a program in one string");
        assertValid(config(", \"env\": [\"A=" + "a".repeat(131069) + "\"]", "", ""));
    }

    @Test
    void additionalGroupsAreLimitedToNgroupsMax() {
        String gids = "0, ".repeat(65536) + "0";
        assertInvalid(config("", "", "").replace("\"gid\": 0}", "\"gid\": 0, \"additionalGids\": [" + gids + "]}"),
                "process.user.additionalGids", "65537 groups, more than the kernel's limit of 65536");
    }

    @Test
    void oomScoreAdjMustBeInTheKernelsRange() {
        assertInvalid(config(", \"oomScoreAdj\": 1001", "", ""),
                "process.oomScoreAdj", "expected an integer in -1000..1000, got 1001");
        assertValid(config(", \"oomScoreAdj\": -1000", "", ""));
    }

    @Test
    void deviceNumbersRequiredUnlessFifo() {
        assertInvalid(config("", "", ", \"devices\": [{\"path\": \"/dev/sda\", \"type\": \"b\", \"minor\": 0}]"),
                "linux.devices[0].major", "is required for device type \"b\"");
        assertValid(config("", "", ", \"devices\": [{\"path\": \"/dev/fifo\", \"type\": \"p\"}]"));
    }

    @Test
    void rootfsPropagationMustBeKnown() {
        assertInvalid(config("", "", ", \"rootfsPropagation\": \"shared-ish\""),
                "linux.rootfsPropagation", "unknown propagation \"shared-ish\" (expected one of private, rprivate,"
                        + " shared, rshared, slave, rslave, unbindable, runbindable)");
        assertValid(config("", "", ", \"rootfsPropagation\": \"rslave\""));
    }

    @Test
    void seccompArchitecturesMustBeKnown() {
        assertInvalid(config("", "", ", \"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\","
                        + " \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_Z80\"]}"),
                "linux.seccomp.architectures[1]", "unknown seccomp architecture \"SCMP_ARCH_Z80\"");
    }

    @Test
    void seccompFlagsMustBeKnown() {
        assertInvalid(config("", "", ", \"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": [\"SECCOMP_FILTER_FLAG_FAST\"]}"),
                "linux.seccomp.flags[0]", "unknown seccomp flag \"SECCOMP_FILTER_FLAG_FAST\"");
    }

    @Test
    void seccompListenerMetadataNeedsListenerPath() {
        assertInvalid(config("", "", ", \"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerMetadata\": \"x\"}"),
                "linux.seccomp.listenerMetadata", "requires linux.seccomp.listenerPath");
    }

    @Test
    void seccompActionsBuiltInCodeAreRequired() {
        Seccomp seccomp = new Seccomp(null, null, List.of(), List.of(), null, null,
                List.of(new Syscall(List.of("read"), null, null, List.of())));
        Linux linux = new Linux(null, null, null, null, null, null, null, null, seccomp, null, null, null, null,
                null, null, null, null);
        SpecProcess process = new SpecProcess(false, null, null, List.of("sh"), null, null, "/", null, null, false,
                null, null, null, null, null, null);
        Spec spec = new Spec("1.3.0", process, new Root("rootfs", false), null, null, null, null, null, linux);
        assertEquals(List.of(
                        new SpecProblem("linux.seccomp.defaultAction", "is required"),
                        new SpecProblem("linux.seccomp.syscalls[0].action", "is required")),
                SpecValidator.problems(spec));
    }

    @Test
    void deviceCgroupRuleTypeAndAccess() {
        assertInvalid(config("", "", ", \"resources\": {\"devices\": [{\"allow\": true, \"type\": \"z\", \"access\": \"rwm\"}]}"),
                "linux.resources.devices[0].type", "unknown device type \"z\" (expected a, c or b)");
        assertInvalid(config("", "", ", \"resources\": {\"devices\": [{\"allow\": true, \"type\": \"c\", \"access\": \"rwx\"}]}"),
                "linux.resources.devices[0].access", "\"rwx\" is not a device access (expected letters from rwm)");
    }

    @Test
    void hugepageSizeSyntax() {
        assertInvalid(config("", "", ", \"resources\": {\"hugepageLimits\": [{\"pageSize\": \"2M\", \"limit\": 1}]}"),
                "linux.resources.hugepageLimits[0].pageSize", "\"2M\" is not a page size such as 2MB");
    }

    @Test
    void memoryPolicyModeMustBeKnown() {
        assertInvalid(config("", "", ", \"memoryPolicy\": {\"mode\": \"MPOL_RANDOM\"}"),
                "linux.memoryPolicy.mode", "unknown memory policy mode \"MPOL_RANDOM\"");
    }

    @Test
    void personalityDomainMustBeKnown() {
        assertInvalid(config("", "", ", \"personality\": {\"domain\": \"BSD\"}"),
                "linux.personality.domain", "unknown personality domain \"BSD\" (expected LINUX or LINUX32)");
    }

    @Test
    void personalityFlagsAreRefusedAsTheSpecDefinesNone() {
        assertValid(config("", "", ", \"personality\": {\"domain\": \"LINUX32\", \"flags\": []}"));
        assertInvalid(config("", "", ", \"personality\": {\"domain\": \"LINUX\", \"flags\": [\"ADDR_NO_RANDOMIZE\"]}"),
                "linux.personality.flags[0]", "unknown personality flag \"ADDR_NO_RANDOMIZE\" (the runtime spec defines none)");
    }

    @Test
    void allProblemsAreReportedButTheExceptionCarriesTheFirst() {
        Spec spec = parse(config(", \"env\": [\"BAD\"]", "", "").replace("\"cwd\": \"/\"", "\"cwd\": \"x\""));
        assertEquals(List.of(
                        new SpecProblem("process.cwd", "must be an absolute path, got \"x\""),
                        new SpecProblem("process.env[0]", "\"BAD\" is not of the form KEY=VALUE")),
                SpecValidator.problems(spec));
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecValidator.validate(spec, "c.json"));
        assertEquals("c.json: process.cwd: must be an absolute path, got \"x\"", e.getMessage());
    }

    @Test
    void execProcessValidationUsesRelativePaths() {
        SpecProcess process = SpecReader.parseProcess(
                "{\"cwd\": \"/\", \"args\": []}".getBytes(StandardCharsets.UTF_8), "process.json");
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SpecValidator.validateProcess(process, "process.json"));
        assertEquals("process.json: args: must be a non-empty array", e.getMessage());
    }

    @Test
    void updateResourcesValidation() {
        Resources resources = SpecReader.parseResources(
                "{\"blockIO\": {\"weightDevice\": [{\"major\": 8, \"minor\": 0}]}}".getBytes(StandardCharsets.UTF_8), "-");
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SpecValidator.validateResources(resources, "-"));
        assertEquals("-: blockIO.weightDevice[0]: needs weight or leafWeight", e.getMessage());
    }
}
