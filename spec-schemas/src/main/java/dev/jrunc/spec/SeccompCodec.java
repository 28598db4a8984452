package dev.jrunc.spec;

/** Maps {@code linux.seccomp} to and from JSON. */
final class SeccompCodec {

    private SeccompCodec() {}

    static Seccomp read(JsonInput in) {
        return new Seccomp(
                in.member("defaultAction").requiredName(SeccompAction::fromSpecName, "seccomp action"),
                in.member("defaultErrnoRet").uint32(),
                in.member("architectures").texts(),
                in.member("flags").texts(),
                in.member("listenerPath").text(),
                in.member("listenerMetadata").text(),
                in.member("syscalls").list(SeccompCodec::readSyscall));
    }

    static JsonValue write(Seccomp s) {
        return new JsonOutput()
                .text("defaultAction", s.defaultAction() == null ? null : s.defaultAction().specName())
                .number("defaultErrnoRet", s.defaultErrnoRet())
                .texts("architectures", s.architectures())
                .texts("flags", s.flags())
                .text("listenerPath", s.listenerPath())
                .text("listenerMetadata", s.listenerMetadata())
                .list("syscalls", s.syscalls(), SeccompCodec::writeSyscall)
                .build();
    }

    private static Syscall readSyscall(JsonInput in) {
        return in.requiredObject(s -> new Syscall(
                s.member("names").requiredList(JsonInput::requiredText),
                s.member("action").requiredName(SeccompAction::fromSpecName, "seccomp action"),
                s.member("errnoRet").uint32(),
                s.member("args").list(SeccompCodec::readArg)));
    }

    private static JsonValue writeSyscall(Syscall s) {
        return new JsonOutput()
                .textsAlways("names", s.names())
                .text("action", s.action() == null ? null : s.action().specName())
                .number("errnoRet", s.errnoRet())
                .list("args", s.args(), SeccompCodec::writeArg)
                .build();
    }

    private static SeccompArg readArg(JsonInput in) {
        return in.requiredObject(a -> new SeccompArg(
                a.member("index").requiredUint32(),
                a.member("value").requiredUint64(),
                a.member("valueTwo").uint64OrZero(),
                a.member("op").requiredName(SeccompOperator::fromSpecName, "seccomp operator")));
    }

    private static JsonValue writeArg(SeccompArg a) {
        return new JsonOutput()
                .number("index", a.index())
                .unsigned("value", a.value())
                .unsignedIfNonZero("valueTwo", a.valueTwo())
                .text("op", a.op() == null ? null : a.op().specName())
                .build();
    }
}
