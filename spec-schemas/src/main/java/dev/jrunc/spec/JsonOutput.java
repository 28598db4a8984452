package dev.jrunc.spec;

import dev.jrunc.spec.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one JSON object member by member, leaving out nulls and empty collections the way Go's
 * {@code omitempty} does, so written documents look like the ones runc and the engines produce.
 */
final class JsonOutput {

    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    static JsonValue.Arr array(List<JsonValue> elements) {
        return new JsonValue.Arr(List.copyOf(elements));
    }

    static JsonValue text(String value) {
        return new JsonValue.Str(value);
    }

    static JsonValue number(long value) {
        return JsonValue.Num.of(value);
    }

    static JsonValue unsigned(long value) {
        return JsonValue.Num.ofUnsigned(value);
    }

    JsonOutput text(String name, String value) {
        if (value != null) {
            members.put(name, new JsonValue.Str(value));
        }
        return this;
    }

    /** Writes the string even when absent, as an empty string (for Go fields without omitempty). */
    JsonOutput textAlways(String name, String value) {
        members.put(name, new JsonValue.Str(value == null ? "" : value));
        return this;
    }

    JsonOutput flag(String name, boolean value) {
        members.put(name, new JsonValue.Bool(value));
        return this;
    }

    JsonOutput flag(String name, Boolean value) {
        if (value != null) {
            flag(name, value.booleanValue());
        }
        return this;
    }

    JsonOutput flagIfTrue(String name, boolean value) {
        if (value) {
            flag(name, true);
        }
        return this;
    }

    JsonOutput number(String name, long value) {
        members.put(name, number(value));
        return this;
    }

    JsonOutput number(String name, Long value) {
        if (value != null) {
            number(name, value.longValue());
        }
        return this;
    }

    JsonOutput number(String name, Integer value) {
        if (value != null) {
            number(name, value.longValue());
        }
        return this;
    }

    JsonOutput numberIfNonZero(String name, long value) {
        if (value != 0) {
            number(name, value);
        }
        return this;
    }

    /** Writes the long's 64 bits as an unsigned decimal. */
    JsonOutput unsigned(String name, long value) {
        members.put(name, unsigned(value));
        return this;
    }

    JsonOutput unsigned(String name, Long value) {
        if (value != null) {
            unsigned(name, value.longValue());
        }
        return this;
    }

    JsonOutput unsignedIfNonZero(String name, long value) {
        if (value != 0) {
            unsigned(name, value);
        }
        return this;
    }

    // Values arrive already converted: taking converter functions here would mean a lambda per
    // call site, and each costs a class spin-up on the cold JVM every jrunc command starts.

    JsonOutput object(String name, JsonValue value) {
        if (value != null) {
            members.put(name, value);
        }
        return this;
    }

    JsonOutput list(String name, List<JsonValue> values) {
        if (values != null && !values.isEmpty()) {
            members.put(name, array(values));
        }
        return this;
    }

    JsonOutput texts(String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            textsAlways(name, values);
        }
        return this;
    }

    /** Writes the list even when empty, for members the spec requires. */
    JsonOutput textsAlways(String name, List<String> values) {
        List<JsonValue> elements = new ArrayList<>(values.size());
        for (String v : values) {
            elements.add(text(v));
        }
        members.put(name, array(elements));
        return this;
    }

    JsonOutput numbers(String name, List<Long> values) {
        if (values != null && !values.isEmpty()) {
            List<JsonValue> elements = new ArrayList<>(values.size());
            for (Long v : values) {
                elements.add(number(v));
            }
            members.put(name, array(elements));
        }
        return this;
    }

    JsonOutput map(String name, Map<String, JsonValue> values) {
        if (values != null && !values.isEmpty()) {
            members.put(name, new JsonValue.Obj(new LinkedHashMap<>(values)));
        }
        return this;
    }

    JsonOutput textMap(String name, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            Map<String, JsonValue> entries = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : values.entrySet()) {
                entries.put(entry.getKey(), text(entry.getValue()));
            }
            members.put(name, new JsonValue.Obj(entries));
        }
        return this;
    }

    JsonValue.Obj build() {
        return new JsonValue.Obj(new LinkedHashMap<>(members));
    }
}
