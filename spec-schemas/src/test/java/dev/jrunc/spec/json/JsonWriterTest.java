package dev.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void escapesLikeGo() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\"", JsonWriter.quote("a\"b\\c\n\r\t\b\f\u0001\u001f"));
        assertEquals("\"\\u003cscript\\u003e \\u0026 \\u2028\\u2029\"", JsonWriter.quote("<script> & \u2028\u2029"));
        assertEquals("\"caf\u00e9 \uD83D\uDE00 / \u007f\"", JsonWriter.quote("caf\u00e9 \uD83D\uDE00 / \u007f"));
        assertEquals("\"\\ufffdx\"", JsonWriter.quote("\uD83Dx"));
        assertEquals("\"x\\ufffd\"", JsonWriter.quote("x\uDE00"));
    }

    @Test
    void compactHasNoSpaces() {
        String json = JsonWriter.compact().beginObject().name("a").value(1).name("b").beginArray().value("x")
                .value(true).nullValue().value((String) null).endArray().name("c").beginObject().endObject()
                .endObject().toString();
        assertEquals("{\"a\":1,\"b\":[\"x\",true,null,null],\"c\":{}}", json);
    }

    @Test
    void indentedMatchesMarshalIndent() {
        String json = new JsonWriter(JsonLayout.TWO_SPACES).beginObject().name("a").value(1).name("b").beginArray()
                .value("x").beginObject().name("k").value("v").endObject().endArray().name("e").beginArray().endArray()
                .endObject().toString();
        assertEquals("""
                {
                  "a": 1,
                  "b": [
                    "x",
                    {
                      "k": "v"
                    }
                  ],
                  "e": []
                }""", json);
    }

    @Test
    void everyLayoutIndentsByItsOwnUnit() {
        JsonValue tree = new JsonValue.Obj(Map.of("a", new JsonValue.Arr(List.of(JsonValue.Num.of(1)))));
        assertEquals("{\"a\":[1]}", Json.toString(tree, JsonLayout.COMPACT));
        assertEquals("{\n\t\"a\": [\n\t\t1\n\t]\n}", Json.toString(tree, JsonLayout.TABS));
        assertEquals("{\n  \"a\": [\n    1\n  ]\n}", Json.toString(tree, JsonLayout.TWO_SPACES));
        assertEquals("{\n    \"a\": [\n        1\n    ]\n}", Json.toString(tree, JsonLayout.FOUR_SPACES));
    }

    @Test
    void writesTreesWithNumbersAsWritten() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("big", JsonValue.Num.ofUnsigned(-1));
        members.put("float", new JsonValue.Num("1.5e3", false));
        members.put("s", new JsonValue.Str("<\u00e9>"));
        members.put("t", new JsonValue.Bool(true));
        members.put("n", JsonValue.NULL);
        members.put("o", new JsonValue.Obj(Map.of()));
        members.put("l", new JsonValue.Arr(List.of()));
        JsonValue tree = new JsonValue.Obj(members);
        String expected = "{\"big\":18446744073709551615,\"float\":1.5e3,\"s\":\"\\u003c\u00e9\\u003e\",\"t\":true,"
                + "\"n\":null,\"o\":{},\"l\":[]}";
        assertEquals(expected, Json.toString(tree, JsonLayout.COMPACT));
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), Json.render(tree, JsonLayout.COMPACT));
        assertEquals("null", Json.toString(JsonValue.NULL, JsonLayout.TWO_SPACES));
    }

    @Test
    void nestsDeeperThanItsInitialBookkeeping() {
        JsonWriter w = JsonWriter.compact();
        for (int i = 0; i < 100; i++) {
            w.beginArray();
        }
        w.value(1).value(2);
        for (int i = 0; i < 100; i++) {
            w.endArray();
        }
        assertEquals("[".repeat(100) + "1,2" + "]".repeat(100), w.toString());
    }

    @Test
    void refusesToCloseWhatIsNotOpen() {
        assertThrows(IllegalStateException.class, () -> JsonWriter.compact().endObject());
    }
}
