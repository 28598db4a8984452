package dev.jrunc.spec;

import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonValue;
import dev.jrunc.spec.json.MalformedJsonException;
import dev.jrunc.spec.json.Quoting;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private static final String NUL_REASON = "must not contain a NUL character";

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
    private static JsonInput document(JsonValue value, String source) {
        return new JsonInput(source, JsonPath.root(), value, true);
    }

    /** Parses {@code json} and returns a cursor on its top level, which must be an object. */
    static JsonInput parseObject(byte[] json, String source) {
        JsonValue value;
        try {
            value = Json.parse(json);
        } catch (MalformedJsonException e) {
            throw new InvalidSpecException(source, "", e.getMessage(), e);
        }
        return document(value, source).requiredObject();
    }

    /** The named member of this object (callers reach here through {@link #optionalObject} or {@link #requiredObject}). */
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
    // Codecs walk these with plain calls and loops rather than passing readers as lambdas: each
    // lambda call site costs a class spin-up on a cold JVM, and jrunc starts a JVM per command.

    /** This object, or null when absent. */
    JsonInput optionalObject() {
        if (isAbsent()) {
            return null;
        }
        if (!(value instanceof JsonValue.Obj)) {
            throw mismatch("an object");
        }
        return this;
    }

    JsonInput requiredObject() {
        requirePresent();
        return optionalObject();
    }

    /** Cursors on this array's elements; empty when absent. */
    List<JsonInput> elements() {
        if (isAbsent()) {
            return List.of();
        }
        if (!(value instanceof JsonValue.Arr(List<JsonValue> values))) {
            throw mismatch("an array");
        }
        List<JsonInput> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(new JsonInput(source, path.index(i), values.get(i), true));
        }
        return out;
    }

    List<JsonInput> requiredElements() {
        requirePresent();
        return elements();
    }

    /** Cursors on this object's members, in document order; empty when absent. */
    Map<String, JsonInput> entries() {
        if (isAbsent()) {
            return Map.of();
        }
        if (!(value instanceof JsonValue.Obj(Map<String, JsonValue> members))) {
            throw mismatch("an object");
        }
        Map<String, JsonInput> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
            out.put(member.getKey(), new JsonInput(source, path.member(member.getKey()), member.getValue(), true));
        }
        return out;
    }

    List<String> texts() {
        List<JsonInput> elements = elements();
        List<String> out = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            out.add(element.requiredText());
        }
        return Collections.unmodifiableList(out);
    }

    List<String> requiredTexts() {
        requirePresent();
        return texts();
    }

    List<Long> uint32s() {
        List<JsonInput> elements = elements();
        List<Long> out = new ArrayList<>(elements.size());
        for (JsonInput element : elements) {
            out.add(element.requiredUint32());
        }
        return Collections.unmodifiableList(out);
    }

    Map<String, String> textMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonInput> entry : entries().entrySet()) {
            if (entry.getKey().indexOf('\0') >= 0) {
                throw entry.getValue().error(NUL_REASON);
            }
            out.put(entry.getKey(), entry.getValue().requiredText());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Like {@link #textMap} but keys and values may hold NUL characters: for annotations, which
     * are only stored and handed on as JSON, never passed to the kernel (runc takes them as is).
     */
    Map<String, String> opaqueTextMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonInput> entry : entries().entrySet()) {
            JsonInput value = entry.getValue();
            value.requirePresent();
            if (!(value.value instanceof JsonValue.Str(String text))) {
                throw value.mismatch("a string");
            }
            out.put(entry.getKey(), text);
        }
        return Collections.unmodifiableMap(out);
    }

    // ---- strings, booleans, enumerations

    /**
     * This string, or null when absent. A NUL character is refused: these strings end up as C
     * strings (paths, arguments, names), which would silently stop at it and mean something else
     * than what was checked.
     */
    String text() {
        if (isAbsent()) {
            return null;
        }
        if (!(value instanceof JsonValue.Str(String text))) {
            throw mismatch("a string");
        }
        if (text.indexOf('\0') >= 0) {
            throw error(NUL_REASON);
        }
        return text;
    }

    String requiredText() {
        requirePresent();
        return text();
    }

    /**
     * The required name of one of {@code values}, e.g. a namespace type; any other name is an
     * error such as {@code unknown namespace type "foo"}.
     */
    <E extends SpecNamed> E requiredName(E[] values, String what) {
        String name = requiredText();
        E value = SpecNamed.find(values, name);
        if (value == null) {
            throw error("unknown " + what + " " + Quoting.quoteShort(name));
        }
        return value;
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
            throw error(Problems.outOfRange(text, min.toString(), max.toString()));
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
