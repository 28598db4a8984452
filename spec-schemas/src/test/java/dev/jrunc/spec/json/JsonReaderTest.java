package dev.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The RFC 8259 grammar, limits and UTF-8 rules of {@link JsonReader}, case by case. */
class JsonReaderTest {

    private static JsonValue parse(String text) {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonValue parseHex(String hex) {
        return Json.parse(HexFormat.ofDelimiter(" ").parseHex(hex));
    }

    private static MalformedJsonException refused(String text) {
        return refusedBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MalformedJsonException refusedBytes(byte[] bytes) {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> Json.parse(bytes));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    private static JsonValue.Str str(String s) {
        return new JsonValue.Str(s);
    }

    private static JsonValue.Num num(String text, boolean integral) {
        return new JsonValue.Num(text, integral);
    }

    static Stream<Arguments> validDocuments() {
        return Stream.of(
                Arguments.of("0", num("0", true)),
                Arguments.of("-0", num("-0", true)),
                Arguments.of("123", num("123", true)),
                Arguments.of("-123", num("-123", true)),
                Arguments.of("1.5", num("1.5", false)),
                Arguments.of("-0.0e0", num("-0.0e0", false)),
                Arguments.of("1E5", num("1E5", false)),
                Arguments.of("1e+5", num("1e+5", false)),
                Arguments.of("1e-05", num("1e-05", false)),
                Arguments.of("0.000", num("0.000", false)),
                Arguments.of("true", new JsonValue.Bool(true)),
                Arguments.of("false", new JsonValue.Bool(false)),
                Arguments.of("null", JsonValue.NULL),
                Arguments.of("\"\"", str("")),
                Arguments.of("\"a b\"", str("a b")),
                Arguments.of("\"\\u0000\"", str("\0")),
                Arguments.of("\"\\u001F\\u007f\"", str("\u001f\u007f")),
                Arguments.of("\"\u007f\"", str("\u007f")),
                Arguments.of("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", str("\"\\/\b\f\n\r\t")),
                Arguments.of("\"\\u00E9\\u00e9\"", str("\u00e9\u00e9")),
                Arguments.of("\"\\uD834\\uDD1E\"", str("\uD834\uDD1E")),
                Arguments.of("\"\\ud800\"", str("\ud800")),
                Arguments.of("\"\\udc00\\ud800x\"", str("\udc00\ud800x")),
                Arguments.of("\"\\ud800\\u0041\"", str("\ud800A")),
                Arguments.of("[]", new JsonValue.Arr(List.of())),
                Arguments.of("{}", new JsonValue.Obj(Map.of())),
                Arguments.of(" \t\r\n[ 1 , \"x\" ,{ } ]\r\n ", new JsonValue.Arr(List.of(num("1", true), str("x"),
                        new JsonValue.Obj(Map.of())))),
                Arguments.of("{\"\":1}", new JsonValue.Obj(Map.of("", num("1", true)))),
                Arguments.of("{\"a\":1,\"a\":2}", new JsonValue.Obj(Map.of("a", num("2", true)))),
                Arguments.of("\"\ufeff\"", str("\ufeff")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validDocuments")
    void acceptsValidDocuments(String text, JsonValue expected) {
        assertEquals(expected, parse(text));
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                // structure
                Arguments.of("", 1, 1, "the document is empty"),
                Arguments.of(" \n\t", 1, 1, "the document is empty"),
                Arguments.of("[1,]", 1, 4, "expected a value, got ']'"),
                Arguments.of("[,1]", 1, 2, "expected a value, got ','"),
                Arguments.of("[1,,2]", 1, 4, "expected a value, got ','"),
                Arguments.of("[1 2]", 1, 4, "expected ',' or ']' after an array element, got '2'"),
                Arguments.of("[1}", 1, 3, "expected ',' or ']' after an array element, got '}'"),
                Arguments.of("{\"a\":1,}", 1, 8, "expected a member name (a string), got '}'"),
                Arguments.of("{,}", 1, 2, "expected a member name (a string), got ','"),
                Arguments.of("{a:1}", 1, 2, "expected a member name (a string), got 'a'"),
                Arguments.of("{'a':1}", 1, 2, "expected a member name (a string), got \"'\""),
                Arguments.of("{1:2}", 1, 2, "expected a member name (a string), got '1'"),
                Arguments.of("{\"a\" 1}", 1, 6, "expected ':' after a member name, got '1'"),
                Arguments.of("{\"a\"}", 1, 5, "expected ':' after a member name, got '}'"),
                Arguments.of("{\"a\":}", 1, 6, "expected a value, got '}'"),
                Arguments.of("{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}' after an object member, got '\"'"),
                Arguments.of("]", 1, 1, "expected a value, got ']'"),
                Arguments.of("{]", 1, 2, "expected a member name (a string), got ']'"),
                Arguments.of("{} {}", 1, 4, "unexpected content after the top-level value"),
                Arguments.of("1 2", 1, 3, "unexpected content after the top-level value"),
                Arguments.of("[1]x", 1, 4, "unexpected content after the top-level value"),
                Arguments.of("{}\u0000", 1, 3, "unexpected content after the top-level value"),
                Arguments.of("/* c */ {}", 1, 1, "expected a value, got '/'"),
                Arguments.of("{} // c", 1, 4, "unexpected content after the top-level value"),
                Arguments.of("[1 # c\n]", 1, 4, "expected ',' or ']' after an array element, got '#'"),
                Arguments.of("'a'", 1, 1, "expected a value, got \"'\""),
                // end of input
                Arguments.of("[", 1, 2, "unexpected end of input: an array opened at line 1, column 1 is not closed"),
                Arguments.of("[1,", 1, 4, "unexpected end of input: an array opened at line 1, column 1 is not closed"),
                Arguments.of("{\n \"a\": [1,\n 2", 3, 3,
                        "unexpected end of input: an array opened at line 2, column 7 is not closed"),
                Arguments.of("{\"a\"", 1, 5, "unexpected end of input: an object opened at line 1, column 1 is not closed"),
                Arguments.of("{\"a\":", 1, 6, "unexpected end of input: an object opened at line 1, column 1 is not closed"),
                Arguments.of("\"abc", 1, 5, "unexpected end of input: a string opened at line 1, column 1 is not closed"),
                Arguments.of("{\"ab", 1, 5,
                        "unexpected end of input: a member name opened at line 1, column 2 is not closed"),
                Arguments.of("\"\\", 1, 3, "unexpected end of input: a string opened at line 1, column 1 is not closed"),
                Arguments.of("\"\\u12", 1, 6, "unexpected end of input: a string opened at line 1, column 1 is not closed"),
                // literals
                Arguments.of("tru", 1, 1, "unrecognized token 'tru', expected a value"),
                Arguments.of("truex", 1, 1, "unrecognized token 'truex', expected a value"),
                Arguments.of("[nulll]", 1, 2, "unrecognized token 'nulll', expected a value"),
                Arguments.of("True", 1, 1, "unrecognized token 'True', expected a value"),
                Arguments.of("NaN", 1, 1, "unrecognized token 'NaN', expected a value"),
                Arguments.of("Infinity", 1, 1, "unrecognized token 'Infinity', expected a value"),
                Arguments.of("x".repeat(40), 1, 1, "unrecognized token '" + "x".repeat(32) + "...', expected a value"),
                // numbers
                Arguments.of("-Infinity", 1, 2, "expected a digit after '-', got 'I'"),
                Arguments.of("-", 1, 2, "unexpected end of input in a number"),
                Arguments.of("+1", 1, 1, "expected a value, got '+'"),
                Arguments.of(".5", 1, 1, "expected a value, got '.'"),
                Arguments.of("-.5", 1, 2, "expected a digit after '-', got '.'"),
                Arguments.of("01", 1, 2, "a number must not have leading zeros"),
                Arguments.of("-00", 1, 3, "a number must not have leading zeros"),
                Arguments.of("1.", 1, 3, "unexpected end of input in a number: expected a digit after the decimal point"),
                Arguments.of("[1.]", 1, 4, "expected a digit after the decimal point, got ']'"),
                Arguments.of("1.e5", 1, 3, "expected a digit after the decimal point, got 'e'"),
                Arguments.of("1e", 1, 3, "unexpected end of input in a number: expected a digit in the exponent"),
                Arguments.of("[1e+]", 1, 5, "expected a digit in the exponent, got ']'"),
                Arguments.of("1e5.5", 1, 4, "unexpected content after the top-level value"),
                Arguments.of("0x1F", 1, 2, "unexpected content after the top-level value"),
                // strings
                Arguments.of("\"a\nb\"", 1, 3, "control character U+000A must be escaped in a string"),
                Arguments.of("\"\t\"", 1, 2, "control character U+0009 must be escaped in a string"),
                Arguments.of("{\"a\u0001\":1}", 1, 4, "control character U+0001 must be escaped in a member name"),
                Arguments.of("\"\\a\"", 1, 3, "invalid escape in a string: backslash followed by 'a'"),
                Arguments.of("\"\\'\"", 1, 3, "invalid escape in a string: backslash followed by \"'\""),
                Arguments.of("\"\\U0041\"", 1, 3, "invalid escape in a string: backslash followed by 'U'"),
                Arguments.of("\"\\x41\"", 1, 3, "invalid escape in a string: backslash followed by 'x'"),
                Arguments.of("\"\\u00zz\"", 1, 6, "expected a hex digit in a \\u escape, got 'z'"),
                Arguments.of("\"\\u 123\"", 1, 4, "expected a hex digit in a \\u escape, got ' '"),
                // whitespace other than the four of RFC 8259
                Arguments.of("\u000b1", 1, 1, "expected a value, got U+000B"),
                Arguments.of("\f[]", 1, 1, "expected a value, got U+000C"),
                Arguments.of("[1,\u00a02]", 1, 4, "expected a value, got U+00A0"),
                Arguments.of(" \ufeff{}", 1, 2, "expected a value, got U+FEFF"),
                // lines and columns
                Arguments.of("\n\n  x", 3, 3, "unrecognized token 'x', expected a value"),
                Arguments.of("\r\n\r\n x", 3, 2, "unrecognized token 'x', expected a value"),
                Arguments.of("\r\rx", 3, 1, "unrecognized token 'x', expected a value"),
                Arguments.of("[\"\u00e9\u00e9\u00e9\", x]", 1, 9, "unrecognized token 'x', expected a value"),
                Arguments.of("[\"\uD83D\uDE00\", x]", 1, 7, "unrecognized token 'x', expected a value"),
                Arguments.of("\ufeff\n x", 2, 2, "unrecognized token 'x', expected a value"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidDocuments")
    void refusesInvalidDocumentsAtTheOffendingCharacter(String text, int line, int column, String reason) {
        MalformedJsonException e = refused(text);
        assertEquals(reason, e.reason());
        assertEquals(line, e.line(), "line");
        assertEquals(column, e.column(), "column");
        assertEquals("malformed JSON at line " + line + ", column " + column + ": " + reason, e.getMessage());
    }

    @Test
    void nestingDepthIsLimitedTo1000() {
        assertEquals(new JsonValue.Arr(List.of()), unwrap(parse("[".repeat(1000) + "]".repeat(1000)), 999));
        String objects = "{\"a\":".repeat(999) + "[]" + "}".repeat(999);
        assertEquals(new JsonValue.Arr(List.of()), unwrapObjects(parse(objects), 999));

        MalformedJsonException arrays = refused("[".repeat(1001) + "]".repeat(1001));
        assertEquals("nesting depth (1001) exceeds the maximum allowed (1000)", arrays.reason());
        assertEquals(1001, arrays.column());
        MalformedJsonException mixed = refused("{\"a\":".repeat(1000) + "[]" + "}".repeat(1000));
        assertEquals("nesting depth (1001) exceeds the maximum allowed (1000)", mixed.reason());
        assertEquals(5001, mixed.column());
        // Far beyond the limit: refused at the limit, not by running out of stack.
        assertEquals(1001, refused("[".repeat(1_000_000)).column());
    }

    private static JsonValue unwrap(JsonValue v, int levels) {
        for (int i = 0; i < levels; i++) {
            v = ((JsonValue.Arr) v).elements().getFirst();
        }
        return v;
    }

    private static JsonValue unwrapObjects(JsonValue v, int levels) {
        for (int i = 0; i < levels; i++) {
            v = ((JsonValue.Obj) v).get("a");
        }
        return v;
    }

    @Test
    void bigAndUnsignedNumbersAreKeptAsWritten() {
        assertEquals(num("18446744073709551615", true), parse("18446744073709551615"));
        assertEquals(num("-9223372036854775809", true), parse("-9223372036854775809"));
        assertEquals(num("1e400", false), parse("1e400"));
        assertEquals(num("0.1000000000000000000000000001", false), parse("0.1000000000000000000000000001"));
        String thousand = "9".repeat(1000);
        assertEquals(num(thousand, true), parse(thousand));
        assertEquals(num("-" + thousand, true), parse("-" + thousand));
        assertEquals(num("1." + "5".repeat(499) + "e-" + "1".repeat(500), false),
                parse("1." + "5".repeat(499) + "e-" + "1".repeat(500)));

        MalformedJsonException tooLong = refused("[0, " + "9".repeat(1001) + "]");
        assertEquals("number length (1001 digits) exceeds the maximum allowed (1000)", tooLong.reason());
        assertEquals(5, tooLong.column());
        assertEquals("number length (1001 digits) exceeds the maximum allowed (1000)",
                refused("-1." + "5".repeat(500) + "E+" + "1".repeat(500)).reason());
    }

    @Test
    void stringAndNameLengthsAreLimited() {
        String name = "k".repeat(JsonReader.MAX_NAME_LENGTH);
        assertEquals(Map.of(name, JsonValue.NULL), Json.parseObject("{\"" + name + "\":null}").members());
        MalformedJsonException longName = refused("{\"a\":1,\n\"" + name + "k\":null}");
        assertEquals("member name length (50001) exceeds the maximum allowed (50000)", longName.reason());
        assertEquals(2, longName.line());
        assertEquals(1, longName.column());
        // Counted in chars after unescaping, whatever the bytes.
        assertEquals("member name length (50001) exceeds the maximum allowed (50000)",
                refused("{\"" + "\\u00e9".repeat(50_001) + "\":1}").reason());

        String value = "v".repeat(JsonReader.MAX_STRING_LENGTH);
        assertEquals(str(value), parse("\"" + value + "\""));
        assertEquals("string length (20000001) exceeds the maximum allowed (20000000)",
                refused("[\"" + value + "v\"]").reason());
    }

    @Test
    void unicodeEscapesAndSurrogates() {
        assertEquals(str("\uD83D\uDE00"), parse("\"\\ud83d\\ude00\""));
        assertEquals(str("\uD83D\uDE00"), parse("\"\uD83D\uDE00\""));
        assertEquals(str("a\uFFFFb\u0000"), parse("\"a\\uffffb\\u0000\""));
        // Lone and reversed surrogates stay what they were escaped as (jackson-core did the same).
        assertEquals(str("\uDE00"), parse("\"\\ude00\""));
        assertEquals(str("\uDE00\uD83D"), parse("\"\\ude00\\ud83d\""));
        assertEquals(str("x\uD83D"), parse("\"x\\ud83d\""));
        // In member names only pairs are accepted, as jackson-core did.
        assertEquals(List.of("\uD83D\uDE00"),
                List.copyOf(Json.parseObject("{\"\\uD83D\\uDE00\":1}").members().keySet()));
        for (String name : List.of("\\uD800", "x\\ud800", "\\uDC00\\uD800", "\\ud800x", "\\ud800\\u0041", "\\ud800\\ud800")) {
            MalformedJsonException e = refused("{\"" + name + "\":1}");
            assertTrue(e.reason().startsWith("a member name must not hold an unpaired surrogate (\\uD"), e.reason());
        }
        MalformedJsonException e = refused("{\"ab\\uDC00\":1}");
        assertEquals("a member name must not hold an unpaired surrogate (\\uDC00)", e.reason());
        assertEquals(5, e.column());
    }

    static Stream<Arguments> wellFormedUtf8() {
        return Stream.of(
                Arguments.of("22 C2 80 22", "\u0080"),
                Arguments.of("22 DF BF 22", "\u07ff"),
                Arguments.of("22 E0 A0 80 22", "\u0800"),
                Arguments.of("22 ED 9F BF 22", "\ud7ff"),
                Arguments.of("22 EE 80 80 22", "\ue000"),
                Arguments.of("22 EF BF BF 22", "\uffff"),
                Arguments.of("22 F0 90 80 80 22", "\uD800\uDC00"),
                Arguments.of("22 F4 8F BF BF 22", "\uDBFF\uDFFF"),
                Arguments.of("22 63 61 66 C3 A9 5C 6E E2 82 AC 22", "caf\u00e9\n\u20ac"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("wellFormedUtf8")
    void decodesWellFormedUtf8(String hex, String expected) {
        assertEquals(str(expected), parseHex(hex));
    }

    static Stream<Arguments> malformedUtf8() {
        return Stream.of(
                Arguments.of("22 C0 80 22", 2, "invalid UTF-8: overlong encoding"),
                Arguments.of("22 C1 BF 22", 2, "invalid UTF-8: overlong encoding"),
                Arguments.of("22 E0 80 80 22", 2, "invalid UTF-8: overlong encoding"),
                Arguments.of("22 E0 9F BF 22", 2, "invalid UTF-8: overlong encoding"),
                Arguments.of("22 F0 80 80 80 22", 2, "invalid UTF-8: overlong encoding"),
                Arguments.of("22 F0 8F BF BF 22", 2, "invalid UTF-8: overlong encoding"),
                Arguments.of("22 ED A0 80 22", 2, "invalid UTF-8: encoded surrogate (UTF-16 surrogates are not characters)"),
                // CESU-8: a surrogate pair encoded as two three-byte sequences
                Arguments.of("22 61 ED A0 BD ED B8 80 22", 3,
                        "invalid UTF-8: encoded surrogate (UTF-16 surrogates are not characters)"),
                Arguments.of("22 ED BF BF 22", 2, "invalid UTF-8: encoded surrogate (UTF-16 surrogates are not characters)"),
                Arguments.of("22 F4 90 80 80 22", 2, "invalid UTF-8: code point above U+10FFFF"),
                Arguments.of("22 F5 80 80 80 22", 2, "invalid UTF-8: byte 0xf5 starts a code point above U+10FFFF"),
                Arguments.of("22 F7 BF BF BF 22", 2, "invalid UTF-8: byte 0xf7 starts a code point above U+10FFFF"),
                Arguments.of("22 F8 88 80 80 80 22", 2, "invalid UTF-8: byte 0xf8 never appears in UTF-8"),
                Arguments.of("22 FF 22", 2, "invalid UTF-8: byte 0xff never appears in UTF-8"),
                Arguments.of("22 FE 22", 2, "invalid UTF-8: byte 0xfe never appears in UTF-8"),
                Arguments.of("22 80 22", 2, "invalid UTF-8: unexpected continuation byte 0x80"),
                Arguments.of("22 C3 A9 A9 22", 3, "invalid UTF-8: unexpected continuation byte 0xa9"),
                Arguments.of("22 C3 22", 2, "invalid UTF-8: the sequence starting with byte 0xc3 is cut short by '\"'"),
                Arguments.of("22 E2 82 22", 2, "invalid UTF-8: the sequence starting with byte 0xe2 is cut short by '\"'"),
                Arguments.of("22 F0 9F 98 41 22", 2,
                        "invalid UTF-8: the sequence starting with byte 0xf0 is cut short by 'A'"),
                Arguments.of("22 E2 C3 A9 22", 2,
                        "invalid UTF-8: the sequence starting with byte 0xe2 is cut short by byte 0xc3"),
                Arguments.of("22 C3", 2, "invalid UTF-8: the input ends inside a multi-byte sequence"),
                Arguments.of("22 F0 9F 98", 2, "invalid UTF-8: the input ends inside a multi-byte sequence"),
                Arguments.of("7B 22 61 FF 22 3A 31 7D", 4, "invalid UTF-8: byte 0xff never appears in UTF-8"),
                // Outside strings a non-ASCII byte is simply not JSON.
                Arguments.of("5B FF 5D", 2, "expected a value, got byte 0xff (not UTF-8)"),
                Arguments.of("5B C3 A9 5D", 2, "expected a value, got U+00E9"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedUtf8")
    void refusesMalformedUtf8(String hex, int column, String reason) {
        MalformedJsonException e = refusedBytes(HexFormat.ofDelimiter(" ").parseHex(hex));
        assertEquals(reason, e.reason());
        assertEquals(1, e.line());
        assertEquals(column, e.column(), "column");
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() {
        assertEquals(new JsonValue.Obj(Map.of()), parseHex("EF BB BF 7B 7D"));
        assertEquals(num("1", true), parseHex("EF BB BF 20 31 0A"));
        assertEquals("the document is empty", refusedBytes(HexFormat.of().parseHex("EFBBBF")).reason());
        // Only one, only first, and only whole.
        assertEquals("expected a value, got U+FEFF", refusedBytes(HexFormat.of().parseHex("EFBBBFEFBBBF7B7D")).reason());
        assertEquals("expected a value, got U+FEFF", refusedBytes(HexFormat.of().parseHex("20EFBBBF7B7D")).reason());
        assertEquals("expected a value, got byte 0xef (not UTF-8)",
                refusedBytes(HexFormat.of().parseHex("EFBB7B7D")).reason());
        // A UTF-16 document (with its BOM) is not UTF-8.
        assertTrue(refusedBytes(HexFormat.of().parseHex("FEFF007B007D")).reason().startsWith("expected a value"));
        assertEquals("expected a member name (a string), got U+0000",
                refusedBytes("{}".getBytes(StandardCharsets.UTF_16LE)).reason());
    }
}
