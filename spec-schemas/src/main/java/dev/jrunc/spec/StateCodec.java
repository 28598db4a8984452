package dev.jrunc.spec;

import dev.jrunc.spec.json.JsonValue;
import dev.jrunc.spec.json.Rfc3339;
import java.util.ArrayList;
import java.util.List;

/** Maps the state documents to JSON, with members in the order runc writes them. */
final class StateCodec {

    private StateCodec() {}

    static JsonValue write(State state) {
        return new JsonOutput()
                .textAlways("ociVersion", state.ociVersion())
                .textAlways("id", state.id())
                .textAlways("status", state.status() == null ? null : state.status().specName())
                .numberIfNonZero("pid", state.pid())
                .textAlways("bundle", state.bundle())
                .textMap("annotations", state.annotations())
                .build();
    }

    static JsonValue write(RuncState state) {
        return new JsonOutput()
                .textAlways("ociVersion", state.ociVersion())
                .textAlways("id", state.id())
                .number("pid", state.pid())
                .textAlways("status", state.status() == null ? null : state.status().specName())
                .textAlways("bundle", state.bundle())
                .textAlways("rootfs", state.rootfs())
                .textAlways("created", state.created() == null ? null : Rfc3339.nano(state.created()))
                .textMap("annotations", state.annotations())
                .textAlways("owner", state.owner())
                .build();
    }

    static JsonValue write(ContainerProcessState state) {
        return new JsonOutput()
                .textAlways("ociVersion", state.ociVersion())
                .textsAlways("fds", state.fds())
                .number("pid", state.pid())
                .text("metadata", state.metadata())
                .object("state", state.state() == null ? null : write(state.state()))
                .build();
    }

    static JsonValue writeList(List<RuncState> states) {
        List<JsonValue> elements = new ArrayList<>(states.size());
        for (RuncState state : states) {
            elements.add(write(state));
        }
        return JsonOutput.array(elements);
    }

    static State read(JsonInput in) {
        String ociVersion = in.member("ociVersion").requiredText();
        String id = in.member("id").requiredText();
        ContainerStatus status = in.member("status").requiredName(ContainerStatus.values(), "container status");
        return new State(ociVersion, id, status, in.member("pid").int32OrZero(),
                in.member("bundle").requiredText(), in.member("annotations").opaqueTextMap());
    }
}
