package dev.jrunc.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A cursor on one value of a parsed document that converts it to Java values, strictly as Go's
 * encoding/json would (no string-to-number or number-to-string coercion), and reports every
 * failure with the value's JSON path.
 *
 * <p>An absent member and a member set to {@code null} mean the same thing, as for runc. Inside
 * arrays and maps {@code null} is an error instead, because it cannot stand for anything there.
 */
final class JsonInput {

    private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT16_MAX = BigInteger.valueOf(0xFFFF);
    private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String source;
    private final JsonPath path;
    private final JsonValue value;
    private final boolean element;

    private JsonInput(String source, JsonPath path, JsonValue value, boolean element) {
        this.source = source;
        this.path = path;
        this.value = value;
        this.element = element;
    }

    /** The top-level value of a document called {@code source}. */
    static JsonInput document(JsonValue value, String source) {
        return new JsonInput(source, JsonPath.root(), value, true);
    }

    /** The named member of this object (callers reach here through {@link #object}). */
    JsonInput member(String name) {
        JsonValue child = ((JsonValue.Obj) value).members().get(name);
        return new JsonInput(source, path.member(name), child, false);
    }

    JsonPath path() {
        return path;
    }

    boolean isAbsent() {
        return value == null || (!element && value instanceof JsonValue.Null);
    }

    InvalidSpecException error(String reason) {
        return new InvalidSpecException(source, path.toString(), reason);
    }

    // ---- objects and collections

    /** The object read by {@code reader}, or null when absent. */
    <T> T object(Function<JsonInput, T> reader) {
        if (isAbsent()) {
            return null;
        }
        if (!(value instanceof JsonValue.Obj)) {
            throw mismatch("an object");
        }
        return reader.apply(this);
    }

    <T> T requiredObject(Function<JsonInput, T> reader) {
        requirePresent();
        return object(reader);
    }

    /** The elements read by {@code reader}; an empty list when absent. */
    <T> List<T> list(Function<JsonInput, T> reader) {
        if (isAbsent()) {
            return List.of();
        }
        if (!(value instanceof JsonValue.Arr(List<JsonValue> elements))) {
            throw mismatch("an array");
        }
        List<T> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            out.add(reader.apply(new JsonInput(source, path.index(i), elements.get(i), true)));
        }
        return Collections.unmodifiableList(out);
    }

    <T> List<T> requiredList(Function<JsonInput, T> reader) {
        requirePresent();
        return list(reader);
    }

    List<String> texts() {
        return list(JsonInput::requiredText);
    }

    /** The members read by {@code reader}, in document order; an empty map when absent. */
    <T> Map<String, T> map(Function<JsonInput, T> reader) {
        if (isAbsent()) {
            return Map.of();
        }
        if (!(value instanceof JsonValue.Obj(Map<String, JsonValue> members))) {
            throw mismatch("an object");
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
            JsonInput entry = new JsonInput(source, path.member(member.getKey()), member.getValue(), true);
            out.put(member.getKey(), reader.apply(entry));
        }
        return Collections.unmodifiableMap(out);
    }

    Map<String, String> textMap() {
        return map(JsonInput::requiredText);
    }

    // ---- strings, booleans, enumerations

    String text() {
        if (isAbsent()) {
            return null;
        }
        if (!(value instanceof JsonValue.Str(String text))) {
            throw mismatch("a string");
        }
        return text;
    }

    String requiredText() {
        requirePresent();
        return text();
    }

    /** The value looked up by its spec name; {@code what} names the vocabulary in the error. */
    <E> E requiredName(Function<String, E> lookup, String what) {
        String name = requiredText();
        E found = lookup.apply(name);
        if (found == null) {
            throw error("unknown " + what + " " + Quoting.quote(name));
        }
        return found;
    }

    Boolean optionalFlag() {
        if (isAbsent()) {
            return null;
        }
        if (!(value instanceof JsonValue.Bool(boolean flag))) {
            throw mismatch("a boolean");
        }
        return flag;
    }

    /** The boolean, false when absent (the spec's default for every optional boolean). */
    boolean flag() {
        Boolean flag = optionalFlag();
        return flag != null && flag;
    }

    boolean requiredFlag() {
        requirePresent();
        return flag();
    }

    // ---- integers, by declared width

    Integer int32() {
        BigInteger n = integer(INT32_MIN, INT32_MAX);
        return n == null ? null : n.intValue();
    }

    int requiredInt32() {
        requirePresent();
        return int32();
    }

    int int32OrZero() {
        Integer n = int32();
        return n == null ? 0 : n;
    }

    /** A uint32 that must also fit a Java int; used for the umask, whose real range is 0..0777. */
    Integer nonNegativeInt32() {
        BigInteger n = integer(BigInteger.ZERO, INT32_MAX);
        return n == null ? null : n.intValue();
    }

    Integer uint16() {
        BigInteger n = integer(BigInteger.ZERO, UINT16_MAX);
        return n == null ? null : n.intValue();
    }

    int requiredUint16() {
        requirePresent();
        return uint16();
    }

    Long uint32() {
        BigInteger n = integer(BigInteger.ZERO, UINT32_MAX);
        return n == null ? null : n.longValue();
    }

    long requiredUint32() {
        requirePresent();
        return uint32();
    }

    long uint32OrZero() {
        Long n = uint32();
        return n == null ? 0 : n;
    }

    Long int64() {
        BigInteger n = integer(INT64_MIN, INT64_MAX);
        return n == null ? null : n.longValue();
    }

    long requiredInt64() {
        requirePresent();
        return int64();
    }

    long int64OrZero() {
        Long n = int64();
        return n == null ? 0 : n;
    }

    /** A uint64 as the same 64 bits in a Java long: values above Long.MAX_VALUE come out negative. */
    Long uint64() {
        BigInteger n = integer(BigInteger.ZERO, UINT64_MAX);
        return n == null ? null : n.longValue();
    }

    long requiredUint64() {
        requirePresent();
        return uint64();
    }

    long uint64OrZero() {
        Long n = uint64();
        return n == null ? 0 : n;
    }

    private BigInteger integer(BigInteger min, BigInteger max) {
        if (isAbsent()) {
            return null;
        }
        if (!(value instanceof JsonValue.Num(String text, boolean integral)) || !integral) {
            throw mismatch("an integer");
        }
        BigInteger n = new BigInteger(text);
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw error(Quoting.outOfRange(text, min.toString(), max.toString()));
        }
        return n;
    }

    private void requirePresent() {
        if (value == null || (!element && value instanceof JsonValue.Null)) {
            throw error("is required");
        }
    }

    private InvalidSpecException mismatch(String expected) {
        return error("expected " + expected + ", got " + Quoting.describe(value));
    }
}
