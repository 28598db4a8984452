package dev.jrunc.spec.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON the way Go's encoding/json does, so output matches runc's byte for byte: the same
 * escaping (including {@code <>&} and U+2028/U+2029 as \\u escapes, and U+FFFD for a lone
 * surrogate) and the layouts of {@code json.Marshal} and {@code json.MarshalIndent}
 * ({@link JsonLayout}). Values are written as they come, or a whole {@link JsonValue} tree at once.
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(256);
    private final String indent;
    // Per open container: whether it already holds an element (so the next needs a comma first).
    private boolean[] hasElements = new boolean[8];
    private int depth;
    private boolean afterName;

    /** A writer laid out as {@code layout}. */
    public JsonWriter(JsonLayout layout) {
        this.indent = layout.indent();
    }

    /** A writer producing one line, like {@code json.Marshal}. */
    public static JsonWriter compact() {
        return new JsonWriter(JsonLayout.COMPACT);
    }

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    /** Starts a member of the current object; the next value call writes its value. */
    public JsonWriter name(String name) {
        beforeElement();
        quoteInto(out, name);
        out.append(indent == null ? ":" : ": ");
        afterName = true;
        return this;
    }

    /** A string, or {@code null} when {@code value} is null. */
    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeElement();
        quoteInto(out, value);
        return this;
    }

    public JsonWriter value(long value) {
        beforeElement();
        out.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeElement();
        out.append(value);
        return this;
    }

    public JsonWriter nullValue() {
        beforeElement();
        out.append("null");
        return this;
    }

    /** A whole tree; a Java null writes {@code null}. */
    public JsonWriter value(JsonValue value) {
        // An instanceof chain rather than a pattern switch: the switch's bootstrap spins classes at
        // first use, which every cold jrunc JVM would pay on its way to printing a state.
        if (value instanceof JsonValue.Obj(Map<String, JsonValue> members)) {
            beginObject();
            for (Map.Entry<String, JsonValue> member : members.entrySet()) {
                name(member.getKey());
                value(member.getValue());
            }
            endObject();
        } else if (value instanceof JsonValue.Arr(List<JsonValue> elements)) {
            beginArray();
            for (JsonValue element : elements) {
                value(element);
            }
            endArray();
        } else if (value instanceof JsonValue.Str(String text)) {
            value(text);
        } else if (value instanceof JsonValue.Num(String text, boolean integral)) {
            beforeElement();
            out.append(text);
        } else if (value instanceof JsonValue.Bool(boolean flag)) {
            value(flag);
        } else {
            nullValue();
        }
        return this;
    }

    /** The text written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    /** The text written so far, in UTF-8. */
    public byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code s} as a JSON string literal, escaped as Go's encoding/json escapes it. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quoteInto(b, s);
        return b.toString();
    }

    private JsonWriter open(char bracket) {
        beforeElement();
        out.append(bracket);
        if (depth == hasElements.length) {
            hasElements = Arrays.copyOf(hasElements, depth * 2);
        }
        hasElements[depth++] = false;
        return this;
    }

    private JsonWriter close(char bracket) {
        if (depth == 0) {
            throw new IllegalStateException("no open JSON container to close");
        }
        boolean nonEmpty = hasElements[--depth];
        if (nonEmpty) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    private void beforeElement() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth == 0) {
            return;
        }
        if (hasElements[depth - 1]) {
            out.append(',');
        }
        hasElements[depth - 1] = true;
        newline();
    }

    private void newline() {
        if (indent != null) {
            out.append('\n').repeat(indent, depth);
        }
    }

    private static void quoteInto(StringBuilder b, String s) {
        escapeInto(b, s, true);
    }

    /**
     * {@code s} in double quotes, escaped as a JSON string literal by Go's encoding/json when
     * {@code json}, else as Go's {@code %q} escapes it for messages ({@code \\x01}, and nothing
     * done for {@code <>&} or surrogates). Both keep the text on one line.
     */
    static void escapeInto(StringBuilder b, String s, boolean json) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\u2028', '\u2029' -> unicodeEscape(b, c);
                // Go's JSON escapes these for safe embedding in HTML, and runc's output carries that.
                case '<', '>', '&' -> {
                    if (json) {
                        unicodeEscape(b, c);
                    } else {
                        b.append(c);
                    }
                }
                default -> {
                    if (c < 0x20 || (c == 0x7f && !json)) {
                        controlEscape(b, c, json);
                    } else if (json && Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            b.append(c).append(s.charAt(++i));
                        } else {
                            // A lone surrogate is not encodable in UTF-8; Go writes U+FFFD for invalid input.
                            b.append("\\ufffd");
                        }
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static void controlEscape(StringBuilder b, char c, boolean json) {
        if (!json) {
            b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        } else if (c == '\b') {
            b.append("\\b");
        } else if (c == '\f') {
            b.append("\\f");
        } else {
            unicodeEscape(b, c);
        }
    }

    private static void unicodeEscape(StringBuilder b, char c) {
        b.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }
}
