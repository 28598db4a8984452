package dev.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static JsonValue.Str str(String s) {
        return new JsonValue.Str(s);
    }

    @Test
    void parsesNestedValuesInDocumentOrder() {
        JsonValue v = Json.parse(" {\"a\": [1, -2.5, true, false, null, \"s\"], \"o\": {\"k\": {}} , \"e\":[]} ");
        assertEquals(new JsonValue.Obj(Map.of(
                "a", new JsonValue.Arr(List.of(JsonValue.Num.of(1), new JsonValue.Num("-2.5", false),
                        new JsonValue.Bool(true), new JsonValue.Bool(false), JsonValue.NULL, str("s"))),
                "o", new JsonValue.Obj(Map.of("k", new JsonValue.Obj(Map.of()))),
                "e", new JsonValue.Arr(List.of()))), v);
        assertEquals(List.of("z", "a", "m"),
                List.copyOf(Json.parseObject("{\"z\":1,\"a\":2,\"m\":3}").members().keySet()));
    }

    @Test
    void decodesEscapes() {
        assertEquals(str("a\"b\\c/\n\r\t\b\f\u00e9\uD83D\uDE00<"),
                Json.parse("\"a\\\"b\\\\c\\/\\n\\r\\t\\b\\f\\u00e9\\ud83d\\ude00\\u003c\""));
        assertEquals(str("caf\u00e9"), Json.parse("\"caf\u00e9\"".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keepsNumbersExactly() {
        JsonValue.Num max = (JsonValue.Num) Json.parse("18446744073709551615");
        assertEquals("18446744073709551615", max.text());
        assertNull(max.asLong());
        assertEquals(Long.MAX_VALUE, ((JsonValue.Num) Json.parse("9223372036854775807")).asLong());
        assertEquals(-3L, ((JsonValue.Num) Json.parse("-3")).asLong());
        assertNull(((JsonValue.Num) Json.parse("1e3")).asLong());
        assertEquals(JsonValue.NULL, Json.parse("null"));
    }

    @Test
    void roundTripsThroughTheWriter() {
        String text = "{\"a\":[1,-2.5,true,null,\"\\u003cx\\u003e\"],\"u\":18446744073709551615,\"o\":{}}";
        assertEquals(text, Json.toString(Json.parse(text), JsonLayout.COMPACT));
    }

    @Test
    void objectsAndArraysAreUnmodifiable() {
        JsonValue.Obj o = Json.parseObject("{\"a\":[1]}");
        assertThrows(UnsupportedOperationException.class, () -> o.members().put("b", JsonValue.NULL));
        assertThrows(UnsupportedOperationException.class, () -> ((JsonValue.Arr) o.get("a")).elements().clear());
        assertNull(o.get("missing"));
    }

    @Test
    void reportsMalformedInputWithLineAndColumn() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> Json.parse("{\"a\":1\n \"b\":2}"));
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        assertEquals("malformed JSON at line 2, column 2: expected ',' or '}' after an object member, got '\"'",
                e.getMessage());
        assertEquals("malformed JSON at line 1, column 1: the document is empty",
                assertThrows(MalformedJsonException.class, () -> Json.parse(" ")).getMessage());
        assertEquals("malformed JSON at line 1, column 4: unexpected content after the top-level value",
                assertThrows(MalformedJsonException.class, () -> Json.parse("{} {}")).getMessage());
        assertThrows(MalformedJsonException.class, () -> Json.parse("{} x"));
        assertThrows(MalformedJsonException.class, () -> Json.parse("\"unterminated"));
        assertThrows(MalformedJsonException.class, () -> Json.parse("\"bad \\x\""));
        assertThrows(MalformedJsonException.class, () -> Json.parse("[1,]"));
        assertThrows(MalformedJsonException.class, () -> Json.parse("tru"));
        assertThrows(MalformedJsonException.class, () -> Json.parse("\"a\nb\""));
        assertThrows(MalformedJsonException.class, () -> Json.parse(new byte[] {'"', (byte) 0xff, '"'}));
    }

    @Test
    void parseObjectRequiresAnObject() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[]"));
        assertEquals("expected a JSON object, got an array", e.getMessage());
        assertEquals("expected a JSON object, got \"x\"",
                assertThrows(IllegalArgumentException.class, () -> Json.parseObject("\"x\"")).getMessage());
    }
}
