package dev.jrunc.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns bytes into {@link JsonValue} trees and back, on jackson-core's streaming API alone. */
final class JsonText {

    private JsonText() {}

    // Built on first use only: commands that never touch JSON should not pay for it.
    private static final class Holder {
        static final JsonFactory FACTORY = JsonFactory.builder().build();
    }

    static JsonValue parse(byte[] json, String source) {
        try (JsonParser parser = Holder.FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidSpecException(source, "", "malformed JSON at line 1, column 1: the document is empty");
            }
            JsonValue value = read(parser, first);
            if (parser.nextToken() != null) {
                throw malformed(source, parser.currentTokenLocation(), "unexpected content after the top-level value");
            }
            return value;
        } catch (JacksonException e) {
            throw malformed(source, e.getLocation(), shortReason(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] render(JsonValue value, JsonLayout layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator generator = Holder.FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(layout.newPrinter());
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static JsonValue read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    members.put(name, read(parser, parser.nextToken()));
                }
                yield new JsonValue.Obj(Collections.unmodifiableMap(members));
            }
            case START_ARRAY -> {
                List<JsonValue> elements = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    elements.add(read(parser, next));
                }
                yield new JsonValue.Arr(Collections.unmodifiableList(elements));
            }
            case VALUE_STRING -> new JsonValue.Str(parser.getText());
            case VALUE_NUMBER_INT -> new JsonValue.Num(parser.getText(), true);
            case VALUE_NUMBER_FLOAT -> new JsonValue.Num(parser.getText(), false);
            case VALUE_TRUE -> new JsonValue.Bool(true);
            case VALUE_FALSE -> new JsonValue.Bool(false);
            case VALUE_NULL -> new JsonValue.Null();
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    // An instanceof chain rather than a pattern switch: the switch's bootstrap spins classes at
    // first use, which every cold jrunc JVM would pay on its way to printing a state.
    private static void write(JsonGenerator generator, JsonValue value) throws IOException {
        if (value instanceof JsonValue.Obj(Map<String, JsonValue> members)) {
            generator.writeStartObject();
            for (Map.Entry<String, JsonValue> member : members.entrySet()) {
                generator.writeFieldName(member.getKey());
                write(generator, member.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof JsonValue.Arr(List<JsonValue> elements)) {
            generator.writeStartArray();
            for (JsonValue element : elements) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof JsonValue.Str(String text)) {
            generator.writeString(text);
        } else if (value instanceof JsonValue.Num(String text, boolean integral)) {
            generator.writeNumber(text);
        } else if (value instanceof JsonValue.Bool(boolean flag)) {
            generator.writeBoolean(flag);
        } else {
            generator.writeNull();
        }
    }

    private static InvalidSpecException malformed(String source, JsonLocation at, String reason) {
        return malformed(source, at, reason, null);
    }

    private static InvalidSpecException malformed(String source, JsonLocation at, String reason, Throwable cause) {
        String where = at == null || at.getLineNr() < 1
                ? "malformed JSON: "
                : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return new InvalidSpecException(source, "", where + reason, cause);
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
                .strip();
    }
}
