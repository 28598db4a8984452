package dev.jrunc.spec;

/**
 * Renders values for one-line error messages: strings are JSON-quoted so control characters cannot
 * break the line, and long values are shortened so a message stays readable.
 */
final class Quoting {

    private static final int MAX_CHARS = 64;

    private Quoting() {}

    static String quote(String value) {
        String shown = value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) + "..." : value;
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** What a JSON value looks like in a message: the value itself for scalars, its kind otherwise. */
    static String describe(JsonValue value) {
        return switch (value) {
            case JsonValue.Str(String s) -> quote(s);
            case JsonValue.Num(String text, boolean integral) ->
                    text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "..." : text;
            case JsonValue.Bool(boolean b) -> Boolean.toString(b);
            case JsonValue.Null n -> "null";
            case JsonValue.Obj o -> "an object";
            case JsonValue.Arr a -> "an array";
        };
    }

    /** The reason used for every integer that lies outside its declared width. */
    static String outOfRange(String got, String min, String max) {
        return "expected an integer in " + min + ".." + max + ", got " + got;
    }
}
