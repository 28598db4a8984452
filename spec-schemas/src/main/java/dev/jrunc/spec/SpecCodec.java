package dev.jrunc.spec;

import dev.jrunc.spec.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the top level of config.json (and root, mounts, hooks) to and from JSON. Like every codec,
 * its readers return null for a null cursor (an absent object) and its writers null for a null
 * record, so optional members need no special casing at the call site.
 */
final class SpecCodec {

    private SpecCodec() {}

    static Spec read(JsonInput in) {
        return new Spec(
                in.member("ociVersion").requiredText(),
                ProcessCodec.read(in.member("process").optionalObject()),
                readRoot(in.member("root").optionalObject()),
                in.member("hostname").text(),
                in.member("domainname").text(),
                readMounts(in.member("mounts").elements()),
                readHooks(in.member("hooks").optionalObject()),
                in.member("annotations").opaqueTextMap(),
                LinuxCodec.read(in.member("linux").optionalObject()));
    }

    static JsonValue write(Spec spec) {
        return new JsonOutput()
                .textAlways("ociVersion", spec.ociVersion())
                .object("process", ProcessCodec.write(spec.process()))
                .object("root", writeRoot(spec.root()))
                .text("hostname", spec.hostname())
                .text("domainname", spec.domainname())
                .list("mounts", writeMounts(spec.mounts()))
                .object("hooks", writeHooks(spec.hooks()))
                .textMap("annotations", spec.annotations())
                .object("linux", LinuxCodec.write(spec.linux()))
                .build();
    }

    private static Root readRoot(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new Root(in.member("path").requiredText(), in.member("readonly").flag());
    }

    private static JsonValue writeRoot(Root root) {
        if (root == null) {
            return null;
        }
        return new JsonOutput()
                .textAlways("path", root.path())
                .flagIfTrue("readonly", root.readonly())
                .build();
    }

    private static List<Mount> readMounts(List<JsonInput> elements) {
        List<Mount> mounts = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput m = element.requiredObject();
            mounts.add(new Mount(
                    m.member("destination").requiredText(),
                    m.member("type").text(),
                    m.member("source").text(),
                    m.member("options").texts(),
                    LinuxCodec.readIdMappings(m.member("uidMappings").elements()),
                    LinuxCodec.readIdMappings(m.member("gidMappings").elements())));
        }
        return mounts;
    }

    private static List<JsonValue> writeMounts(List<Mount> mounts) {
        List<JsonValue> out = new ArrayList<>(mounts.size());
        for (Mount mount : mounts) {
            out.add(new JsonOutput()
                    .textAlways("destination", mount.destination())
                    .text("type", mount.type())
                    .text("source", mount.source())
                    .texts("options", mount.options())
                    .list("uidMappings", LinuxCodec.writeIdMappings(mount.uidMappings()))
                    .list("gidMappings", LinuxCodec.writeIdMappings(mount.gidMappings()))
                    .build());
        }
        return out;
    }

    private static Hooks readHooks(JsonInput in) {
        if (in == null) {
            return null;
        }
        return new Hooks(
                readHookList(in.member("prestart").elements()),
                readHookList(in.member("createRuntime").elements()),
                readHookList(in.member("createContainer").elements()),
                readHookList(in.member("startContainer").elements()),
                readHookList(in.member("poststart").elements()),
                readHookList(in.member("poststop").elements()));
    }

    private static JsonValue writeHooks(Hooks hooks) {
        if (hooks == null) {
            return null;
        }
        return new JsonOutput()
                .list("prestart", writeHookList(hooks.prestart()))
                .list("createRuntime", writeHookList(hooks.createRuntime()))
                .list("createContainer", writeHookList(hooks.createContainer()))
                .list("startContainer", writeHookList(hooks.startContainer()))
                .list("poststart", writeHookList(hooks.poststart()))
                .list("poststop", writeHookList(hooks.poststop()))
                .build();
    }

    private static List<Hook> readHookList(List<JsonInput> elements) {
        List<Hook> hooks = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            JsonInput h = element.requiredObject();
            hooks.add(new Hook(
                    h.member("path").requiredText(),
                    h.member("args").texts(),
                    h.member("env").texts(),
                    h.member("timeout").int32()));
        }
        return hooks;
    }

    private static List<JsonValue> writeHookList(List<Hook> hooks) {
        List<JsonValue> out = new ArrayList<>(hooks.size());
        for (Hook hook : hooks) {
            out.add(new JsonOutput()
                    .textAlways("path", hook.path())
                    .texts("args", hook.args())
                    .texts("env", hook.env())
                    .number("timeout", hook.timeout())
                    .build());
        }
        return out;
    }
}
