package dev.jrunc.container.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void escapesLikeGo() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\"", JsonWriter.quote("a\"b\\c\n\r\t\b\f\u0001\u001f"));
        assertEquals("\"\\u003cscript\\u003e \\u0026 \\u2028\\u2029\"", JsonWriter.quote("<script> & \u2028\u2029"));
        assertEquals("\"caf\u00e9 \uD83D\uDE00 /\"", JsonWriter.quote("caf\u00e9 \uD83D\uDE00 /"));
        assertEquals("\"\\ufffdx\"", JsonWriter.quote("\uD83Dx"));
    }

    @Test
    void compactHasNoSpaces() {
        String json = JsonWriter.compact().beginObject().name("a").value(1).name("b").beginArray().value("x")
                .value(true).nullValue().endArray().name("c").beginObject().endObject().endObject().toString();
        assertEquals("{\"a\":1,\"b\":[\"x\",true,null],\"c\":{}}", json);
    }

    @Test
    void indentedMatchesMarshalIndent() {
        String json = JsonWriter.indented().beginObject().name("a").value(1).name("b").beginArray().value("x")
                .beginObject().name("k").value("v").endObject().endArray().name("e").beginArray().endArray()
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
    void refusesToCloseWhatIsNotOpen() {
        assertThrows(IllegalStateException.class, () -> JsonWriter.compact().endObject());
    }
}
