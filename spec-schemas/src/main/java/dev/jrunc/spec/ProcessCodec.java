package dev.jrunc.spec;

/** Maps {@code process} (config.json's, or an exec process file) to and from JSON. */
final class ProcessCodec {

    private ProcessCodec() {}

    static SpecProcess read(JsonInput in) {
        return new SpecProcess(
                in.member("terminal").flag(),
                in.member("consoleSize").object(ProcessCodec::readConsoleSize),
                in.member("user").object(ProcessCodec::readUser),
                in.member("args").texts(),
                in.member("commandLine").text(),
                in.member("env").texts(),
                in.member("cwd").requiredText(),
                in.member("capabilities").object(ProcessCodec::readCapabilities),
                in.member("rlimits").list(ProcessCodec::readRlimit),
                in.member("noNewPrivileges").flag(),
                in.member("apparmorProfile").text(),
                in.member("oomScoreAdj").int32(),
                in.member("scheduler").object(ProcessCodec::readScheduler),
                in.member("selinuxLabel").text(),
                in.member("ioPriority").object(ProcessCodec::readIoPriority),
                in.member("execCPUAffinity").object(ProcessCodec::readCpuAffinity));
    }

    static JsonValue write(SpecProcess p) {
        return new JsonOutput()
                .flagIfTrue("terminal", p.terminal())
                .object("consoleSize", p.consoleSize(), ProcessCodec::writeConsoleSize)
                .object("user", p.user(), ProcessCodec::writeUser)
                .texts("args", p.args())
                .text("commandLine", p.commandLine())
                .texts("env", p.env())
                .textAlways("cwd", p.cwd())
                .object("capabilities", p.capabilities(), ProcessCodec::writeCapabilities)
                .list("rlimits", p.rlimits(), ProcessCodec::writeRlimit)
                .flagIfTrue("noNewPrivileges", p.noNewPrivileges())
                .text("apparmorProfile", p.apparmorProfile())
                .number("oomScoreAdj", p.oomScoreAdj())
                .object("scheduler", p.scheduler(), ProcessCodec::writeScheduler)
                .text("selinuxLabel", p.selinuxLabel())
                .object("ioPriority", p.ioPriority(), ProcessCodec::writeIoPriority)
                .object("execCPUAffinity", p.execCpuAffinity(), ProcessCodec::writeCpuAffinity)
                .build();
    }

    private static ConsoleSize readConsoleSize(JsonInput in) {
        return new ConsoleSize(in.member("height").requiredUint16(), in.member("width").requiredUint16());
    }

    private static JsonValue writeConsoleSize(ConsoleSize size) {
        return new JsonOutput().number("height", size.height()).number("width", size.width()).build();
    }

    private static User readUser(JsonInput in) {
        return new User(
                in.member("uid").requiredUint32(),
                in.member("gid").requiredUint32(),
                in.member("umask").nonNegativeInt32(),
                in.member("additionalGids").list(JsonInput::requiredUint32),
                in.member("username").text());
    }

    private static JsonValue writeUser(User user) {
        return new JsonOutput()
                .number("uid", user.uid())
                .number("gid", user.gid())
                .number("umask", user.umask())
                .list("additionalGids", user.additionalGids(), JsonOutput::number)
                .text("username", user.username())
                .build();
    }

    private static Capabilities readCapabilities(JsonInput in) {
        return new Capabilities(
                in.member("bounding").texts(),
                in.member("effective").texts(),
                in.member("inheritable").texts(),
                in.member("permitted").texts(),
                in.member("ambient").texts());
    }

    private static JsonValue writeCapabilities(Capabilities caps) {
        return new JsonOutput()
                .texts("bounding", caps.bounding())
                .texts("effective", caps.effective())
                .texts("inheritable", caps.inheritable())
                .texts("permitted", caps.permitted())
                .texts("ambient", caps.ambient())
                .build();
    }

    private static Rlimit readRlimit(JsonInput in) {
        return in.requiredObject(r -> new Rlimit(
                r.member("type").requiredText(),
                r.member("hard").requiredUint64(),
                r.member("soft").requiredUint64()));
    }

    private static JsonValue writeRlimit(Rlimit rlimit) {
        return new JsonOutput()
                .textAlways("type", rlimit.type())
                .unsigned("hard", rlimit.hard())
                .unsigned("soft", rlimit.soft())
                .build();
    }

    private static Scheduler readScheduler(JsonInput in) {
        return new Scheduler(
                in.member("policy").requiredText(),
                in.member("nice").int32OrZero(),
                in.member("priority").int32OrZero(),
                in.member("flags").texts(),
                in.member("runtime").uint64OrZero(),
                in.member("deadline").uint64OrZero(),
                in.member("period").uint64OrZero());
    }

    private static JsonValue writeScheduler(Scheduler s) {
        return new JsonOutput()
                .textAlways("policy", s.policy())
                .numberIfNonZero("nice", s.nice())
                .numberIfNonZero("priority", s.priority())
                .texts("flags", s.flags())
                .unsignedIfNonZero("runtime", s.runtime())
                .unsignedIfNonZero("deadline", s.deadline())
                .unsignedIfNonZero("period", s.period())
                .build();
    }

    private static IoPriority readIoPriority(JsonInput in) {
        return new IoPriority(in.member("class").requiredText(), in.member("priority").int32OrZero());
    }

    private static JsonValue writeIoPriority(IoPriority io) {
        return new JsonOutput().textAlways("class", io.ioClass()).number("priority", io.priority()).build();
    }

    private static CpuAffinity readCpuAffinity(JsonInput in) {
        return new CpuAffinity(in.member("initial").text(), in.member("final").text());
    }

    private static JsonValue writeCpuAffinity(CpuAffinity affinity) {
        return new JsonOutput()
                .text("initial", affinity.initial())
                .text("final", affinity.finalAffinity())
                .build();
    }
}
