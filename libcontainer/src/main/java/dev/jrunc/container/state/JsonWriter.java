package dev.jrunc.container.state;

/**
 * Writes JSON the way Go's encoding/json does, so the runtime's output matches runc byte for
 * byte: the same escaping (including {@code <>&} as \\u escapes) and, when indented, the layout
 * of {@code json.MarshalIndent(v, "", "  ")}. It is a small streaming writer rather than a data
 * binder because every JVM start pays for class loading, and the runtime's files are flat.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final StringBuilder out = new StringBuilder(256);
    private final boolean indent;
    // One bit per open container: whether it already holds an element (needs a comma first).
    private long hasElements;
    private int depth;
    private boolean afterName;

    private JsonWriter(boolean indent) {
        this.indent = indent;
    }

    /** A writer producing one line, like {@code json.Marshal}. */
    public static JsonWriter compact() {
        return new JsonWriter(false);
    }

    /** A writer indenting by two spaces, like {@code json.MarshalIndent(v, "", "  ")}. */
    public static JsonWriter indented() {
        return new JsonWriter(true);
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
        out.append(indent ? ": " : ":");
        afterName = true;
        return this;
    }

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

    /** The text written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    /** {@code s} as a JSON string literal, escaped as Go's encoding/json escapes it. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quoteInto(b, s);
        return b.toString();
    }

    private JsonWriter open(char bracket) {
        beforeElement();
        if (depth == Long.SIZE) {
            throw new IllegalStateException("JSON nested deeper than " + Long.SIZE + " levels");
        }
        out.append(bracket);
        depth++;
        hasElements &= ~(1L << (depth - 1));
        return this;
    }

    private JsonWriter close(char bracket) {
        if (depth == 0) {
            throw new IllegalStateException("no open JSON container to close");
        }
        boolean nonEmpty = (hasElements & (1L << (depth - 1))) != 0;
        depth--;
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
        long bit = 1L << (depth - 1);
        if ((hasElements & bit) != 0) {
            out.append(',');
        }
        hasElements |= bit;
        newline();
    }

    private void newline() {
        if (indent) {
            out.append('\n');
            out.repeat("  ", depth);
        }
    }

    private static void quoteInto(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                // Go escapes these for safe embedding in HTML, and runc output carries that.
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(b, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(b, c);
                    } else if (Character.isSurrogate(c)) {
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

    private static void unicodeEscape(StringBuilder b, char c) {
        b.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }
}
