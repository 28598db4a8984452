package dev.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value. The module keeps its own small tree instead of Jackson's databind nodes so
 * that reading a config needs only jackson-core's streaming parser, which starts noticeably faster
 * than an ObjectMapper on a cold JVM, and so that number literals keep their exact source text:
 * unsigned 64-bit values such as 18446744073709551615 then survive without loss.
 */
sealed interface JsonValue {

    /** An object; member order is the document order. */
    record Obj(Map<String, JsonValue> members) implements JsonValue {}

    /** An array. */
    record Arr(List<JsonValue> elements) implements JsonValue {}

    /** A string. */
    record Str(String value) implements JsonValue {}

    /**
     * A number, kept as its literal text.
     *
     * @param text the literal as written, e.g. {@code -1}, {@code 1.5e3}
     * @param integral whether the literal has neither fraction nor exponent
     */
    record Num(String text, boolean integral) implements JsonValue {}

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements JsonValue {}

    /** The {@code null} literal. */
    record Null() implements JsonValue {}
}
