package dev.jrunc.spec;

/** Maps the top level of config.json (and root, mounts, hooks) to and from JSON. */
final class SpecCodec {

    private SpecCodec() {}

    static Spec read(JsonInput in) {
        return new Spec(
                in.member("ociVersion").requiredText(),
                in.member("process").object(ProcessCodec::read),
                in.member("root").object(SpecCodec::readRoot),
                in.member("hostname").text(),
                in.member("domainname").text(),
                in.member("mounts").list(SpecCodec::readMount),
                in.member("hooks").object(SpecCodec::readHooks),
                in.member("annotations").textMap(),
                in.member("linux").object(LinuxCodec::read));
    }

    static JsonValue write(Spec spec) {
        return new JsonOutput()
                .textAlways("ociVersion", spec.ociVersion())
                .object("process", spec.process(), ProcessCodec::write)
                .object("root", spec.root(), SpecCodec::writeRoot)
                .text("hostname", spec.hostname())
                .text("domainname", spec.domainname())
                .list("mounts", spec.mounts(), SpecCodec::writeMount)
                .object("hooks", spec.hooks(), SpecCodec::writeHooks)
                .textMap("annotations", spec.annotations())
                .object("linux", spec.linux(), LinuxCodec::write)
                .build();
    }

    private static Root readRoot(JsonInput in) {
        return new Root(in.member("path").requiredText(), in.member("readonly").flag());
    }

    private static JsonValue writeRoot(Root root) {
        return new JsonOutput()
                .textAlways("path", root.path())
                .flagIfTrue("readonly", root.readonly())
                .build();
    }

    private static Mount readMount(JsonInput in) {
        return in.requiredObject(m -> new Mount(
                m.member("destination").requiredText(),
                m.member("type").text(),
                m.member("source").text(),
                m.member("options").texts(),
                m.member("uidMappings").list(LinuxCodec::readIdMapping),
                m.member("gidMappings").list(LinuxCodec::readIdMapping)));
    }

    private static JsonValue writeMount(Mount mount) {
        return new JsonOutput()
                .textAlways("destination", mount.destination())
                .text("type", mount.type())
                .text("source", mount.source())
                .texts("options", mount.options())
                .list("uidMappings", mount.uidMappings(), LinuxCodec::writeIdMapping)
                .list("gidMappings", mount.gidMappings(), LinuxCodec::writeIdMapping)
                .build();
    }

    private static Hooks readHooks(JsonInput in) {
        return new Hooks(
                in.member("prestart").list(SpecCodec::readHook),
                in.member("createRuntime").list(SpecCodec::readHook),
                in.member("createContainer").list(SpecCodec::readHook),
                in.member("startContainer").list(SpecCodec::readHook),
                in.member("poststart").list(SpecCodec::readHook),
                in.member("poststop").list(SpecCodec::readHook));
    }

    private static JsonValue writeHooks(Hooks hooks) {
        return new JsonOutput()
                .list("prestart", hooks.prestart(), SpecCodec::writeHook)
                .list("createRuntime", hooks.createRuntime(), SpecCodec::writeHook)
                .list("createContainer", hooks.createContainer(), SpecCodec::writeHook)
                .list("startContainer", hooks.startContainer(), SpecCodec::writeHook)
                .list("poststart", hooks.poststart(), SpecCodec::writeHook)
                .list("poststop", hooks.poststop(), SpecCodec::writeHook)
                .build();
    }

    private static Hook readHook(JsonInput in) {
        return in.requiredObject(h -> new Hook(
                h.member("path").requiredText(),
                h.member("args").texts(),
                h.member("env").texts(),
                h.member("timeout").int32()));
    }

    private static JsonValue writeHook(Hook hook) {
        return new JsonOutput()
                .textAlways("path", hook.path())
                .texts("args", hook.args())
                .texts("env", hook.env())
                .number("timeout", hook.timeout())
                .build();
    }
}
