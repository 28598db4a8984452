package dev.jrunc.container.state;

import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonLayout;
import dev.jrunc.spec.json.JsonValue;
import dev.jrunc.spec.json.JsonWriter;
import dev.jrunc.spec.json.Quoting;
import dev.jrunc.spec.json.Rfc3339;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/** The JSON form of {@link SavedState} in {@code state.json}. */
final class SavedStateJson {
    private SavedStateJson() {
    }

    static String write(SavedState s) {
        JsonWriter w = new JsonWriter(JsonLayout.TWO_SPACES).beginObject()
                .name("id").value(s.id())
                .name("bundle").value(s.bundle())
                .name("rootfs").value(s.rootfs())
                .name("initPid").value(s.initPid())
                .name("initStartTime").value(s.initStartTime())
                .name("created").value(Rfc3339.nano(s.created()))
                .name("owner").value(s.owner())
                .name("cgroupPath").value(s.cgroupPath())
                .name("annotations").beginObject();
        for (Map.Entry<String, String> e : new TreeMap<>(s.annotations()).entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        return w.endObject().endObject().toString() + "\n";
    }

    /** Reads a state file; malformed JSON or a missing or mistyped field throws {@link IllegalArgumentException}. */
    static SavedState read(String json) {
        JsonValue.Obj m = Json.parseObject(json);
        String id = string(m, "id", false);
        String bundle = string(m, "bundle", false);
        String rootfs = string(m, "rootfs", false);
        int initPid = Math.toIntExact(number(m, "initPid"));
        long initStartTime = number(m, "initStartTime");
        Instant created;
        try {
            created = Rfc3339.parse(string(m, "created", false));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("created: " + e.getMessage(), e);
        }
        return new SavedState(id, bundle, rootfs, initPid, initStartTime, created, string(m, "owner", true),
                string(m, "cgroupPath", true), annotations(m));
    }

    private static Map<String, String> annotations(JsonValue.Obj m) {
        Map<String, String> annotations = new TreeMap<>();
        if (m.get("annotations") instanceof JsonValue.Obj(Map<String, JsonValue> members)) {
            for (Map.Entry<String, JsonValue> e : members.entrySet()) {
                if (!(e.getValue() instanceof JsonValue.Str(String v))) {
                    throw new IllegalArgumentException("annotations: " + Quoting.quote(e.getKey()) + " is not a string");
                }
                annotations.put(e.getKey(), v);
            }
        }
        return annotations;
    }

    private static String string(JsonValue.Obj m, String key, boolean nullable) {
        JsonValue v = m.get(key);
        if (v instanceof JsonValue.Str(String s)) {
            return s;
        }
        if (nullable && (v == null || v instanceof JsonValue.Null)) {
            return null;
        }
        throw new IllegalArgumentException(key + ": expected a string");
    }

    private static long number(JsonValue.Obj m, String key) {
        if (m.get(key) instanceof JsonValue.Num n) {
            Long value = n.asLong();
            if (value != null) {
                return value;
            }
        }
        throw new IllegalArgumentException(key + ": expected an integer");
    }
}
