package dev.jrunc.spec.json;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON value. Number literals keep their exact source text, so unsigned 64-bit values such as
 * 18446744073709551615 survive without loss, and object members keep their document order.
 * Objects and arrays are unmodifiable views of the collections they were made from.
 */
public sealed interface JsonValue {

    /** The {@code null} literal. */
    Null NULL = new Null();

    /** An object; member order is the document order. */
    record Obj(Map<String, JsonValue> members) implements JsonValue {
        public Obj {
            members = Collections.unmodifiableMap(members);
        }

        /** The named member, or null when there is none (a {@code null} member is {@link Null}). */
        public JsonValue get(String name) {
            return members.get(name);
        }
    }

    /** An array. */
    record Arr(List<JsonValue> elements) implements JsonValue {
        public Arr {
            elements = Collections.unmodifiableList(elements);
        }
    }

    /** A string. */
    record Str(String value) implements JsonValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A number, kept as its literal text.
     *
     * @param text the literal as written, e.g. {@code -1}, {@code 1.5e3}
     * @param integral whether the literal has neither fraction nor exponent
     */
    record Num(String text, boolean integral) implements JsonValue {
        public Num {
            Objects.requireNonNull(text, "text");
        }

        /** An integer. */
        public static Num of(long value) {
            return new Num(Long.toString(value), true);
        }

        /** The long's 64 bits as an unsigned integer. */
        public static Num ofUnsigned(long value) {
            return new Num(Long.toUnsignedString(value), true);
        }

        /** The value as a long, or null when it is not an integer or lies outside long's range. */
        public Long asLong() {
            if (!integral) {
                return null;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException outOfRange) {
                return null;
            }
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements JsonValue {}

    /** The {@code null} literal; all instances are equal, {@link JsonValue#NULL} is the usual one. */
    record Null() implements JsonValue {}
}
