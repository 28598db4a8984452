package dev.jrunc.spec;

import dev.jrunc.spec.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** Maps {@code process} (config.json's, or an exec process file) to and from JSON. */
final class ProcessCodec {

    private ProcessCodec() {}

    static SpecProcess read(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new SpecProcess(
                in.member("terminal").flag(),
                readConsoleSize(in.member("consoleSize").optionalObject()),
                readUser(in.member("user").optionalObject()),
                in.member("args").texts(),
                in.member("commandLine").text(),
                in.member("env").texts(),
                in.member("cwd").requiredText(),
                readCapabilities(in.member("capabilities").optionalObject()),
                readRlimits(in.member("rlimits").elements()),
                in.member("noNewPrivileges").flag(),
                in.member("apparmorProfile").text(),
                in.member("oomScoreAdj").int32(),
                readScheduler(in.member("scheduler").optionalObject()),
                in.member("selinuxLabel").text(),
                readIoPriority(in.member("ioPriority").optionalObject()),
                readCpuAffinity(in.member("execCPUAffinity").optionalObject()));
    }

    static JsonValue write(SpecProcess p) {
        if (p == null) {
            return null;
        }
        return new JsonOutput()
                .flagIfTrue("terminal", p.terminal())
                .object("consoleSize", writeConsoleSize(p.consoleSize()))
                .object("user", writeUser(p.user()))
                .texts("args", p.args())
                .text("commandLine", p.commandLine())
                .texts("env", p.env())
                .textAlways("cwd", p.cwd())
                .object("capabilities", writeCapabilities(p.capabilities()))
                .list("rlimits", writeRlimits(p.rlimits()))
                .flagIfTrue("noNewPrivileges", p.noNewPrivileges())
                .text("apparmorProfile", p.apparmorProfile())
                .number("oomScoreAdj", p.oomScoreAdj())
                .object("scheduler", writeScheduler(p.scheduler()))
                .text("selinuxLabel", p.selinuxLabel())
                .object("ioPriority", writeIoPriority(p.ioPriority()))
                .object("execCPUAffinity", writeCpuAffinity(p.execCpuAffinity()))
                .build();
    }

    private static ConsoleSize readConsoleSize(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new ConsoleSize(in.member("height").requiredUint16(), in.member("width").requiredUint16());
    }

    private static JsonValue writeConsoleSize(ConsoleSize size) {
        if (size == null) {
            return null;
        }
        return new JsonOutput().number("height", size.height()).number("width", size.width()).build();
    }

    private static User readUser(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new User(
                in.member("uid").requiredUint32(),
                in.member("gid").requiredUint32(),
                in.member("umask").nonNegativeInt32(),
                in.member("additionalGids").uint32s(),
                in.member("username").text());
    }

    private static JsonValue writeUser(User user) {
        if (user == null) {
            return null;
        }
        return new JsonOutput()
                .number("uid", user.uid())
                .number("gid", user.gid())
                .number("umask", user.umask())
                .numbers("additionalGids", user.additionalGids())
                .text("username", user.username())
                .build();
    }

    private static Capabilities readCapabilities(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new Capabilities(
                in.member("bounding").texts(),
                in.member("effective").texts(),
                in.member("inheritable").texts(),
                in.member("permitted").texts(),
                in.member("ambient").texts());
    }

    private static JsonValue writeCapabilities(Capabilities caps) {
        if (caps == null) {
            return null;
        }
        return new JsonOutput()
                .texts("bounding", caps.bounding())
                .texts("effective", caps.effective())
                .texts("inheritable", caps.inheritable())
                .texts("permitted", caps.permitted())
                .texts("ambient", caps.ambient())
                .build();
    }

    private static List<Rlimit> readRlimits(List<JsonInput> elements) {
        List<Rlimit> rlimits = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput r = element.requiredObject();
            rlimits.add(new Rlimit(
                    r.member("type").requiredText(),
                    r.member("hard").requiredUint64(),
                    r.member("soft").requiredUint64()));
        }
        return rlimits;
    }

    private static List<JsonValue> writeRlimits(List<Rlimit> rlimits) {
        List<JsonValue> out = new ArrayList<>(rlimits.size());
        for (Rlimit rlimit : rlimits) {
            out.add(new JsonOutput()
                    .textAlways("type", rlimit.type())
                    .unsigned("hard", rlimit.hard())
                    .unsigned("soft", rlimit.soft())
                    .build());
        }
        return out;
    }

    private static Scheduler readScheduler(JsonInput in) {
        if (in == null) {
            return null;
        }
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
        if (s == null) {
            return null;
        }
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
        if (in == null) {
            return null;
        }
        return new IoPriority(in.member("class").requiredText(), in.member("priority").int32OrZero());
    }

    private static JsonValue writeIoPriority(IoPriority io) {
        if (io == null) {
            return null;
        }
        return new JsonOutput().textAlways("class", io.ioClass()).number("priority", io.priority()).build();
    }

    private static CpuAffinity readCpuAffinity(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new CpuAffinity(in.member("initial").text(), in.member("final").text());
    }

    private static JsonValue writeCpuAffinity(CpuAffinity affinity) {
        if (affinity == null) {
            return null;
        }
        return new JsonOutput()
                .text("initial", affinity.initial())
                .text("final", affinity.finalAffinity())
                .build();
    }
}
