package dev.jrunc.container.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonParserTest {
    @Test
    void parsesNestedValues() {
        Object v = JsonParser.parse(" {\"a\": [1, -2.5, true, false, null, \"s\"], \"o\": {\"k\": {}} , \"e\":[]} ");
        assertEquals(Map.of("a", Arrays.asList(1L, -2.5, true, false, null, "s"), "o", Map.of("k", Map.of()), "e", List.of()), v);
    }

    @Test
    void decodesEscapes() {
        assertEquals("a\"b\\c/\n\r\t\b\f\u00e9\uD83D\uDE00<", JsonParser.parse("\"a\\\"b\\\\c\\/\\n\\r\\t\\b\\f\\u00e9\\ud83d\\ude00\\u003c\""));
    }

    @Test
    void keepsLargeIntegersApproximately() {
        assertEquals(18446744073709551615.0, JsonParser.parse("18446744073709551615"));
        assertEquals(Long.MAX_VALUE, JsonParser.parse("9223372036854775807"));
        assertNull(JsonParser.parse("null"));
    }

    @Test
    void reportsMalformedInputWithAnOffset() {
        assertEquals("expected ',' or '}' at offset 8", assertThrows(IllegalArgumentException.class,
                () -> JsonParser.parse("{\"a\":1 \"b\":2}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse(""));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("{} x"));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("\"unterminated"));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("\"bad \\x\""));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("[1,]"));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("tru"));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("\"a\nb\""));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parseObject("[]"));
    }
}
