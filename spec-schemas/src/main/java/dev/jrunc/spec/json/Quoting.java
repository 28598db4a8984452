package dev.jrunc.spec.json;

/**
 * Quotes values for one-line messages the way Go's {@code %q} does for them: in double quotes,
 * with quotes, backslashes, control characters and line separators escaped, so a message stays on
 * one line whatever the value holds. (JSON string literals are {@link JsonWriter#quote}'s job.)
 */
public final class Quoting {

    /** How many characters of a value {@link #quoteShort} and {@link #describe} show. */
    public static final int SHORT_CHARS = 64;

    private Quoting() {}

    /** {@code s} in double quotes, escaped, e.g. {@code "a\"b\n"} or {@code "\x01"}. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        JsonWriter.escapeInto(b, s, false);
        return b.toString();
    }

    /** Like {@link #quote}, but at most {@link #SHORT_CHARS} characters of {@code s}, then {@code ...}. */
    public static String quoteShort(String s) {
        return quote(abbreviate(s));
    }

    /**
     * What a JSON value looks like in a message: strings quoted, numbers and booleans as written,
     * {@code null}, {@code an object} or {@code an array}; long values are shortened.
     */
    public static String describe(JsonValue value) {
        if (value instanceof JsonValue.Str(String s)) {
            return quoteShort(s);
        }
        if (value instanceof JsonValue.Num(String text, boolean integral)) {
            return abbreviate(text);
        }
        if (value instanceof JsonValue.Bool(boolean b)) {
            return Boolean.toString(b);
        }
        if (value instanceof JsonValue.Obj) {
            return "an object";
        }
        if (value instanceof JsonValue.Arr) {
            return "an array";
        }
        return "null";
    }

    private static String abbreviate(String s) {
        return s.length() > SHORT_CHARS ? s.substring(0, SHORT_CHARS) + "..." : s;
    }
}
