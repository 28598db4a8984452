package dev.jrunc.container.state;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/** The JSON form of {@link SavedState} in {@code state.json}. */
final class SavedStateJson {
    private SavedStateJson() {
    }

    static String write(SavedState s) {
        JsonWriter w = JsonWriter.indented().beginObject()
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

    /** Reads a state file; a missing or mistyped field throws {@link IllegalArgumentException}. */
    static SavedState read(String json) {
        Map<String, Object> m = JsonParser.parseObject(json);
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

    private static Map<String, String> annotations(Map<String, Object> m) {
        Map<String, String> annotations = new TreeMap<>();
        if (m.get("annotations") instanceof Map<?, ?> a) {
            for (Map.Entry<?, ?> e : a.entrySet()) {
                if (!(e.getValue() instanceof String v)) {
                    throw new IllegalArgumentException("annotations: \"" + e.getKey() + "\" is not a string");
                }
                annotations.put((String) e.getKey(), v);
            }
        }
        return annotations;
    }

    private static String string(Map<String, Object> m, String key, boolean nullable) {
        Object v = m.get(key);
        if (v instanceof String s) {
            return s;
        }
        if (v == null && nullable) {
            return null;
        }
        throw new IllegalArgumentException(key + ": expected a string");
    }

    private static long number(Map<String, Object> m, String key) {
        if (m.get(key) instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException(key + ": expected an integer");
    }
}
