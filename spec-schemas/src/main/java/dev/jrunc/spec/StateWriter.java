package dev.jrunc.spec;

import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonLayout;
import dev.jrunc.spec.json.JsonValue;
import java.util.List;

/**
 * Writes state documents byte for byte as runc does: pretty with two-space indentation for
 * {@code state}, compact for what hooks and seccomp listeners receive and for {@code list}. No
 * trailing newline is added; {@code runc list} (a Go json.Encoder) ends its line with one.
 */
public final class StateWriter {

    private StateWriter() {}

    /** The spec state, pretty-printed. */
    public static byte[] write(State state) {
        return Json.render(StateCodec.write(state), JsonLayout.TWO_SPACES);
    }

    /** The spec state as one line, as written to a hook's stdin. */
    public static byte[] writeCompact(State state) {
        return Json.render(StateCodec.write(state), JsonLayout.COMPACT);
    }

    /** What {@code runc state} prints. */
    public static byte[] write(RuncState state) {
        return Json.render(StateCodec.write(state), JsonLayout.TWO_SPACES);
    }

    /**
     * What {@code runc list --format json} prints: a compact array, or {@code null} when there are
     * no containers (runc encodes a nil Go slice).
     */
    public static byte[] writeList(List<RuncState> states) {
        JsonValue value = states.isEmpty() ? JsonValue.NULL : StateCodec.writeList(states);
        return Json.render(value, JsonLayout.COMPACT);
    }

    /** What a seccomp listener receives, as one line. */
    public static byte[] writeCompact(ContainerProcessState state) {
        return Json.render(StateCodec.write(state), JsonLayout.COMPACT);
    }
}
