package dev.jrunc.spec.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON into {@link JsonValue} trees, on jackson-core's streaming parser alone, and renders
 * trees back through {@link JsonWriter}.
 */
public final class Json {

    private Json() {}

    // Built on first use only: commands that never parse JSON should not pay for it.
    private static final class Holder {
        static final JsonFactory FACTORY = JsonFactory.builder().build();
    }

    /** Parses one complete JSON document encoded in UTF-8. */
    public static JsonValue parse(byte[] json) {
        try (JsonParser parser = Holder.FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedJsonException(1, 1, "the document is empty", null);
            }
            JsonValue value = read(parser, first);
            if (parser.nextToken() != null) {
                throw malformed(parser.currentTokenLocation(), "unexpected content after the top-level value", null);
            }
            return value;
        } catch (JacksonException e) {
            throw malformed(e.getLocation(), shortReason(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static JsonValue read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    members.put(name, read(parser, parser.nextToken()));
                }
                yield new JsonValue.Obj(members);
            }
            case START_ARRAY -> {
                List<JsonValue> elements = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    elements.add(read(parser, next));
                }
                yield new JsonValue.Arr(elements);
            }
            case VALUE_STRING -> new JsonValue.Str(parser.getText());
            case VALUE_NUMBER_INT -> new JsonValue.Num(parser.getText(), true);
            case VALUE_NUMBER_FLOAT -> new JsonValue.Num(parser.getText(), false);
            case VALUE_TRUE -> new JsonValue.Bool(true);
            case VALUE_FALSE -> new JsonValue.Bool(false);
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    private static MalformedJsonException malformed(JsonLocation at, String reason, Throwable cause) {
        return at == null || at.getLineNr() < 1
                ? new MalformedJsonException(0, 0, reason, cause)
                : new MalformedJsonException(at.getLineNr(), at.getColumnNr(), reason, cause);
    }

    // Jackson's messages can span lines and embed "[Source: ...]" locations we already report.
    private static String shortReason(String message) {
        if (message == null || message.isBlank()) {
            return "syntax error";
        }
        String firstLine = message.strip().lines().findFirst().orElse("syntax error");
        return firstLine
                .replaceAll("\\s*\\(start marker at \\[[^\\]]*\\]\\)", "")
                .replaceAll("\\s*\\[Source: [^\\]]*\\]", "")
                // "(1000, from `StreamReadConstraints.getMaxNestingDepth()`)": the limit is what matters.
                .replaceAll(", from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`", "")
                .strip();
    }
}
