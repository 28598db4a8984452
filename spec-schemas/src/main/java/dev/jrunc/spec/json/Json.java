package dev.jrunc.spec.json;

import java.nio.charset.StandardCharsets;

/**
 * Parses JSON into {@link JsonValue} trees, strictly as RFC 8259 defines it (see
 * {@link JsonReader} for the details and limits), and renders trees back through
 * {@link JsonWriter}.
 */
public final class Json {

    private Json() {}

    /**
     * Parses one complete JSON document encoded in UTF-8 (a leading byte order mark is skipped).
     *
     * @throws MalformedJsonException when the bytes are not exactly one well-formed JSON value,
     *     or exceed a limit (nesting depth 1000, 1000 digits in a number, 20,000,000 chars in a
     *     string, 50,000 in a member name)
     */
    public static JsonValue parse(byte[] json) {
        return JsonReader.parse(json);
    }

    /** Parses one complete JSON document. */
    public static JsonValue parse(String json) {
        // One parser flavour (bytes) for every caller: fewer classes to load on a cold JVM.
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses a document whose top level must be an object.
     *
     * @throws MalformedJsonException when the text is not JSON
     * @throws IllegalArgumentException when the top level is not an object
     */
    public static JsonValue.Obj parseObject(byte[] json) {
        return requireObject(parse(json));
    }

    /** Parses a document whose top level must be an object; see {@link #parseObject(byte[])}. */
    public static JsonValue.Obj parseObject(String json) {
        return requireObject(parse(json));
    }

    /** The value as UTF-8 bytes, without a trailing newline. */
    public static byte[] render(JsonValue value, JsonLayout layout) {
        return new JsonWriter(layout).value(value).toBytes();
    }

    /** The value as text, without a trailing newline. */
    public static String toString(JsonValue value, JsonLayout layout) {
        return new JsonWriter(layout).value(value).toString();
    }

    private static JsonValue.Obj requireObject(JsonValue value) {
        if (value instanceof JsonValue.Obj object) {
            return object;
        }
        throw new IllegalArgumentException("expected a JSON object, got " + Quoting.describe(value));
    }
}
