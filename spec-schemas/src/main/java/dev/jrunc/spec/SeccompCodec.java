package dev.jrunc.spec;

import dev.jrunc.spec.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** Maps {@code linux.seccomp} to and from JSON. */
final class SeccompCodec {

    private SeccompCodec() {}

    static Seccomp read(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new Seccomp(
                readAction(in.member("defaultAction")),
                in.member("defaultErrnoRet").uint32(),
                in.member("architectures").texts(),
                in.member("flags").texts(),
                in.member("listenerPath").text(),
                in.member("listenerMetadata").text(),
                readSyscalls(in.member("syscalls").elements()));
    }

    static JsonValue write(Seccomp s) {
        if (s == null) {
            return null;
        }
        return new JsonOutput()
                .text("defaultAction", s.defaultAction() == null ? null : s.defaultAction().specName())
                .number("defaultErrnoRet", s.defaultErrnoRet())
                .texts("architectures", s.architectures())
                .texts("flags", s.flags())
                .text("listenerPath", s.listenerPath())
                .text("listenerMetadata", s.listenerMetadata())
                .list("syscalls", writeSyscalls(s.syscalls()))
                .build();
    }

    private static SeccompAction readAction(JsonInput in) {
        return in.requiredName(SeccompAction.values(), "seccomp action");
    }

    private static List<Syscall> readSyscalls(List<JsonInput> elements) {
        List<Syscall> syscalls = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput s = element.requiredObject();
            syscalls.add(new Syscall(
                    s.member("names").requiredTexts(),
                    readAction(s.member("action")),
                    s.member("errnoRet").uint32(),
                    readArgs(s.member("args").elements())));
        }
        return syscalls;
    }

    private static List<JsonValue> writeSyscalls(List<Syscall> syscalls) {
        List<JsonValue> out = new ArrayList<>(syscalls.size());
        for (Syscall s : syscalls) {
            out.add(new JsonOutput()
                    .textsAlways("names", s.names())
                    .text("action", s.action() == null ? null : s.action().specName())
                    .number("errnoRet", s.errnoRet())
                    .list("args", writeArgs(s.args()))
                    .build());
        }
        return out;
    }

    private static List<SeccompArg> readArgs(List<JsonInput> elements) {
        List<SeccompArg> args = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput a = element.requiredObject();
            long index = a.member("index").requiredUint32();
            long value = a.member("value").requiredUint64();
            long valueTwo = a.member("valueTwo").uint64OrZero();
            SeccompOperator op = a.member("op").requiredName(SeccompOperator.values(), "seccomp operator");
            args.add(new SeccompArg(index, value, valueTwo, op));
        }
        return args;
    }

    private static List<JsonValue> writeArgs(List<SeccompArg> args) {
        List<JsonValue> out = new ArrayList<>(args.size());
        for (SeccompArg a : args) {
            out.add(new JsonOutput()
                    .number("index", a.index())
                    .unsigned("value", a.value())
                    .unsignedIfNonZero("valueTwo", a.valueTwo())
                    .text("op", a.op() == null ? null : a.op().specName())
                    .build());
        }
        return out;
    }
}
