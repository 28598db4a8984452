package dev.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotingTest {
    @Test
    void quotesLikeGoPercentQ() {
        assertEquals("\"plain\"", Quoting.quote("plain"));
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\"", Quoting.quote("a\"b\\c\n\r\t"));
        assertEquals("\"\\x00\\x01\\x1f\\x7f\"", Quoting.quote("\u0000\u0001\u001f\u007f"));
        assertEquals("\"\\u2028\\u2029\"", Quoting.quote("\u2028\u2029"));
        assertEquals("\"<&> caf\u00e9 \uD83D\uDE00\"", Quoting.quote("<&> caf\u00e9 \uD83D\uDE00"));
    }

    @Test
    void quoteShortKeepsSixtyFourCharacters() {
        String sixtyFour = "x".repeat(64);
        assertEquals("\"" + sixtyFour + "\"", Quoting.quoteShort(sixtyFour));
        assertEquals("\"" + sixtyFour + "...\"", Quoting.quoteShort(sixtyFour + "y"));
    }

    @Test
    void describesValuesForMessages() {
        assertEquals("\"abc\"", Quoting.describe(new JsonValue.Str("abc")));
        assertEquals("1.5e9", Quoting.describe(new JsonValue.Num("1.5e9", false)));
        assertEquals("1".repeat(64) + "...", Quoting.describe(new JsonValue.Num("1".repeat(70), true)));
        assertEquals("false", Quoting.describe(new JsonValue.Bool(false)));
        assertEquals("null", Quoting.describe(JsonValue.NULL));
        assertEquals("an object", Quoting.describe(new JsonValue.Obj(Map.of())));
        assertEquals("an array", Quoting.describe(new JsonValue.Arr(List.of())));
    }
}
