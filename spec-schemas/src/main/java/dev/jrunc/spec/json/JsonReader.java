package dev.jrunc.spec.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict RFC 8259 parser over UTF-8 bytes, building {@link JsonValue} trees; {@link Json#parse}
 * is its one caller.
 *
 * <p>What it accepts: exactly one value, surrounded only by space, tab, CR and LF, after an
 * optional UTF-8 byte order mark; no comments, trailing commas, single quotes, NaN or Infinity,
 * leading zeros, '+' signs or bare decimal points; no unescaped control characters in strings;
 * well-formed UTF-8 only (overlong forms, encoded surrogates, truncated sequences and code points
 * above U+10FFFF are refused). The text must be UTF-8, as RFC 8259 section 8.1 requires: UTF-16
 * and UTF-32 are not detected. A pair of {@code \}{@code uXXXX} surrogate escapes gives one
 * supplementary character; an unpaired surrogate escape gives that lone char in a string value but
 * is refused in a member name, exactly as jackson-core (which this parser replaced) did. Later
 * duplicates of a member name replace earlier values, keeping the first one's place.
 *
 * <p>Limits are jackson-core's defaults, so documents it accepted are still accepted: nesting
 * depth 1000, 1000 digits in a number, 20,000,000 chars in a string and 50,000 in a member name.
 *
 * <p>Errors are {@link MalformedJsonException}s positioned at the offending character (or just
 * after the last one when the input ends early); lines end at LF, CR or CRLF, and columns count
 * characters (code points), not bytes. Positions are worked out only when an error is thrown, so
 * parsing tracks nothing but a byte offset.
 *
 * <p>Written for a cold JVM: the input is scanned once, strings without escapes are made straight
 * from the bytes, and nothing is loaded beyond the collections the tree is made of.
 */
final class JsonReader {

    /** The deepest nesting of arrays and objects accepted. */
    static final int MAX_DEPTH = 1000;
    /** The most digits a number literal may have (sign, point and exponent marker not counted). */
    static final int MAX_NUMBER_DIGITS = 1000;
    /** The longest string value accepted, in chars. */
    static final int MAX_STRING_LENGTH = 20_000_000;
    /** The longest member name accepted, in chars. */
    static final int MAX_NAME_LENGTH = 50_000;

    private static final JsonValue.Bool TRUE = new JsonValue.Bool(true);
    private static final JsonValue.Bool FALSE = new JsonValue.Bool(false);

    private final byte[] in;
    private final int start;
    private int pos;
    private int depth;

    private JsonReader(byte[] in) {
        this.in = in;
        this.start = hasByteOrderMark(in) ? 3 : 0;
        this.pos = start;
    }

    /** Parses one complete document; see the class comment for what is accepted. */
    static JsonValue parse(byte[] json) {
        return new JsonReader(json).document();
    }

    private static boolean hasByteOrderMark(byte[] in) {
        return in.length >= 3 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF;
    }

    private JsonValue document() {
        skipWhitespace();
        if (pos == in.length) {
            throw new MalformedJsonException(1, 1, "the document is empty", null);
        }
        JsonValue value = value();
        skipWhitespace();
        if (pos < in.length) {
            throw error(pos, "unexpected content after the top-level value");
        }
        return value;
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private JsonValue value() {
        if (pos == in.length) {
            throw error(pos, "unexpected end of input: expected a value");
        }
        byte b = in[pos];
        switch (b) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return new JsonValue.Str(string(false));
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
                return number();
            case 't':
                literal("true");
                return TRUE;
            case 'f':
                literal("false");
                return FALSE;
            case 'n':
                literal("null");
                return JsonValue.NULL;
            default:
                if (isTokenByte(b)) {
                    literal(null);
                }
                throw error(pos, "expected a value, got " + describe(pos));
        }
    }

    private JsonValue.Obj object() {
        int open = pos;
        enter(open);
        pos++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < in.length && in[pos] == '}') {
            pos++;
            depth--;
            return new JsonValue.Obj(members);
        }
        while (true) {
            if (pos == in.length) {
                throw unclosed(open, "object");
            }
            if (in[pos] != '"') {
                throw error(pos, "expected a member name (a string), got " + describe(pos));
            }
            String name = string(true);
            skipWhitespace();
            if (pos == in.length) {
                throw unclosed(open, "object");
            }
            if (in[pos] != ':') {
                throw error(pos, "expected ':' after a member name, got " + describe(pos));
            }
            pos++;
            skipWhitespace();
            if (pos == in.length) {
                throw unclosed(open, "object");
            }
            members.put(name, value());
            skipWhitespace();
            if (pos == in.length) {
                throw unclosed(open, "object");
            }
            byte b = in[pos];
            if (b == '}') {
                pos++;
                depth--;
                return new JsonValue.Obj(members);
            }
            if (b != ',') {
                throw error(pos, "expected ',' or '}' after an object member, got " + describe(pos));
            }
            pos++;
            skipWhitespace();
        }
    }

    private JsonValue.Arr array() {
        int open = pos;
        enter(open);
        pos++;
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (pos < in.length && in[pos] == ']') {
            pos++;
            depth--;
            return new JsonValue.Arr(elements);
        }
        while (true) {
            if (pos == in.length) {
                throw unclosed(open, "array");
            }
            elements.add(value());
            skipWhitespace();
            if (pos == in.length) {
                throw unclosed(open, "array");
            }
            byte b = in[pos];
            if (b == ']') {
                pos++;
                depth--;
                return new JsonValue.Arr(elements);
            }
            if (b != ',') {
                throw error(pos, "expected ',' or ']' after an array element, got " + describe(pos));
            }
            pos++;
            skipWhitespace();
        }
    }

    private void enter(int open) {
        if (++depth > MAX_DEPTH) {
            throw error(open, "nesting depth (" + depth + ") exceeds the maximum allowed (" + MAX_DEPTH + ")");
        }
    }

    /** Reads {@code expected} at pos, or reports the whole run of letters and digits there when it is not. */
    private void literal(String expected) {
        int end = pos;
        while (end < in.length && isTokenByte(in[end])) {
            end++;
        }
        int length = end - pos;
        if (expected != null && length == expected.length()) {
            boolean same = true;
            for (int i = 0; i < length; i++) {
                same &= in[pos + i] == expected.charAt(i);
            }
            if (same) {
                pos = end;
                return;
            }
        }
        String token = new String(in, pos, Math.min(length, 32), StandardCharsets.ISO_8859_1);
        throw error(pos, "unrecognized token '" + token + (length > 32 ? "...'" : "'") + ", expected a value");
    }

    // Letters and digits: what a mistyped literal (tru, NaN, Infinity, nulll, True) is made of.
    private static boolean isTokenByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }

    private JsonValue.Num number() {
        int begin = pos;
        if (in[pos] == '-') {
            pos++;
            if (pos == in.length) {
                throw error(pos, "unexpected end of input in a number");
            }
            if (!isDigit(in[pos])) {
                throw error(pos, "expected a digit after '-', got " + describe(pos));
            }
        }
        int digits;
        if (in[pos] == '0') {
            pos++;
            if (pos < in.length && isDigit(in[pos])) {
                throw error(pos, "a number must not have leading zeros");
            }
            digits = 1;
        } else {
            digits = digits();
        }
        boolean integral = true;
        if (pos < in.length && in[pos] == '.') {
            integral = false;
            pos++;
            expectDigit("after the decimal point");
            digits += digits();
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            integral = false;
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            expectDigit("in the exponent");
            digits += digits();
        }
        if (digits > MAX_NUMBER_DIGITS) {
            throw error(begin, "number length (" + digits + " digits) exceeds the maximum allowed ("
                    + MAX_NUMBER_DIGITS + ")");
        }
        return new JsonValue.Num(new String(in, begin, pos - begin, StandardCharsets.ISO_8859_1), integral);
    }

    private void expectDigit(String where) {
        if (pos == in.length) {
            throw error(pos, "unexpected end of input in a number: expected a digit " + where);
        }
        if (!isDigit(in[pos])) {
            throw error(pos, "expected a digit " + where + ", got " + describe(pos));
        }
    }

    private int digits() {
        int from = pos;
        while (pos < in.length && isDigit(in[pos])) {
            pos++;
        }
        return pos - from;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Reads the string literal (a member name or a value) whose opening quote is at pos, and its closing quote. */
    private String string(boolean name) {
        String what = name ? "member name" : "string";
        int maxLength = name ? MAX_NAME_LENGTH : MAX_STRING_LENGTH;
        int open = pos++;
        int run = pos;
        boolean ascii = true;
        StringBuilder escaped = null;
        while (true) {
            if (pos >= in.length) {
                throw unclosed(open, what);
            }
            int b = in[pos] & 0xFF;
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                if (escaped == null) {
                    escaped = new StringBuilder(Math.max(16, pos - run + 16));
                }
                if (pos > run) {
                    escaped.append(new String(in, run, pos - run, StandardCharsets.UTF_8));
                }
                escape(escaped, open, name);
                run = pos;
            } else if (b < 0x20) {
                throw error(pos, "control character " + codePoint(b) + " must be escaped in a " + what);
            } else if (b < 0x80) {
                pos++;
            } else {
                ascii = false;
                pos = endOfUtf8Sequence(pos);
            }
        }
        String s;
        if (escaped == null) {
            // Validated above: the decoder will not meet a malformed sequence.
            s = new String(in, run, pos - run, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        } else {
            s = escaped.append(new String(in, run, pos - run, StandardCharsets.UTF_8)).toString();
        }
        if (s.length() > maxLength) {
            throw error(open, what + " length (" + s.length() + ") exceeds the maximum allowed (" + maxLength + ")");
        }
        pos++;
        return s;
    }

    /** Decodes the escape at pos (its backslash) into {@code out}, leaving pos after it. */
    private void escape(StringBuilder out, int open, boolean name) {
        String what = name ? "member name" : "string";
        pos++;
        if (pos == in.length) {
            throw unclosed(open, what);
        }
        byte c = in[pos++];
        switch (c) {
            case '"', '\\', '/' -> out.append((char) c);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                int at = pos - 2;
                char unit = hex4(open, what);
                if (!Character.isSurrogate(unit) || !name) {
                    // Lone surrogates in values stay lone chars, as jackson-core kept them; pairs
                    // join by themselves.
                    out.append(unit);
                } else if (Character.isHighSurrogate(unit) && pos + 1 < in.length && in[pos] == '\\'
                        && in[pos + 1] == 'u' && Character.isLowSurrogate(peekHex4(pos + 2))) {
                    pos += 2;
                    out.append(unit).append(hex4(open, what));
                } else {
                    // jackson-core refused these in names (only), and so do we.
                    throw error(at, "a member name must not hold an unpaired surrogate (\\u"
                            + Integer.toHexString(unit).toUpperCase(Locale.ROOT) + ")");
                }
            }
            default -> throw error(pos - 1, "invalid escape in a " + what + ": backslash followed by "
                    + describe(pos - 1));
        }
    }

    /**
     * Checks the multi-byte UTF-8 sequence at {@code at} (lead byte 0x80 or above) and returns
     * the offset just past it; refuses overlong forms, surrogates, code points above U+10FFFF and
     * truncated sequences, as RFC 3629 requires.
     */
    private int endOfUtf8Sequence(int at) {
        int end = utf8End(at);
        if (end < 0) {
            throw error(at, utf8Problem(at));
        }
        return end;
    }

    /** The offset just past the well-formed sequence at {@code at}, or -1. */
    private int utf8End(int at) {
        int lead = in[at] & 0xFF;
        int length = utf8Length(lead);
        if (length < 0) {
            return -1;
        }
        for (int i = 1; i < length; i++) {
            if (at + i >= in.length) {
                return -1;
            }
            int b = in[at + i] & 0xFF;
            if (b < (i == 1 ? minSecond(lead) : 0x80) || b > (i == 1 ? maxSecond(lead) : 0xBF)) {
                return -1;
            }
        }
        return at + length;
    }

    private static int utf8Length(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        return lead >= 0xF0 && lead <= 0xF4 ? 4 : -1;
    }

    // The second byte's range is narrower after these leads: that is what rules out overlong
    // forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
    private static int minSecond(int lead) {
        return lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    }

    private static int maxSecond(int lead) {
        return lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    }

    /** Why the sequence at {@code at}, which {@link #utf8End} refused, is not UTF-8. */
    private String utf8Problem(int at) {
        int lead = in[at] & 0xFF;
        if (lead < 0xC0) {
            return "invalid UTF-8: unexpected continuation byte " + hexByte(lead);
        }
        if (lead < 0xC2) {
            return "invalid UTF-8: overlong encoding";
        }
        int length = utf8Length(lead);
        if (length < 0) {
            return "invalid UTF-8: byte " + hexByte(lead)
                    + (lead <= 0xF7 ? " starts a code point above U+10FFFF" : " never appears in UTF-8");
        }
        for (int i = 1; i < length; i++) {
            if (at + i >= in.length) {
                return "invalid UTF-8: the input ends inside a multi-byte sequence";
            }
            int b = in[at + i] & 0xFF;
            if (b < 0x80 || b > 0xBF) {
                return "invalid UTF-8: the sequence starting with byte " + hexByte(lead) + " is cut short by "
                        + (b < 0x80 ? describe(at + i) : "byte " + hexByte(b));
            }
            if (i == 1 && (b < minSecond(lead) || b > maxSecond(lead))) {
                return lead == 0xED ? "invalid UTF-8: encoded surrogate (UTF-16 surrogates are not characters)"
                        : lead == 0xF4 ? "invalid UTF-8: code point above U+10FFFF"
                        : "invalid UTF-8: overlong encoding";
            }
        }
        return "invalid UTF-8";
    }

    /** The four hex digits at pos as a UTF-16 unit, pos moved past them. */
    private char hex4(int open, String what) {
        int unit = 0;
        for (int i = 0; i < 4; i++) {
            if (pos == in.length) {
                throw unclosed(open, what);
            }
            int digit = hexDigit(in[pos]);
            if (digit < 0) {
                throw error(pos, "expected a hex digit in a \\u escape, got " + describe(pos));
            }
            unit = unit << 4 | digit;
            pos++;
        }
        return (char) unit;
    }

    /** The four hex digits at {@code at} as a UTF-16 unit, or 0 when they are not all there. */
    private char peekHex4(int at) {
        int unit = 0;
        for (int i = 0; i < 4; i++) {
            int digit = at + i < in.length ? hexDigit(in[at + i]) : -1;
            if (digit < 0) {
                return 0;
            }
            unit = unit << 4 | digit;
        }
        return (char) unit;
    }

    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
    }

    private static String hexByte(int b) {
        return "0x" + Character.forDigit(b >> 4, 16) + Character.forDigit(b & 0xF, 16);
    }

    private static String codePoint(int c) {
        String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
        return "U+" + "0000".substring(Math.min(4, hex.length())) + hex;
    }

    /** What is at {@code at}, for "got ..." in messages: 'x' for printable ASCII, U+XXXX otherwise. */
    private String describe(int at) {
        int b = in[at] & 0xFF;
        if (b == '\'') {
            return "\"'\"";
        }
        if (b > 0x20 && b < 0x7F) {
            return "'" + (char) b + "'";
        }
        if (b < 0x80) {
            return b == ' ' ? "' '" : codePoint(b);
        }
        int end = utf8End(at);
        return end < 0 ? "byte " + hexByte(b) + " (not UTF-8)"
                : codePoint(new String(in, at, end - at, StandardCharsets.UTF_8).codePointAt(0));
    }

    private MalformedJsonException unclosed(int open, String what) {
        int[] where = location(open);
        String article = what.charAt(0) == 'a' || what.charAt(0) == 'o' ? "an " : "a ";
        return error(in.length, "unexpected end of input: " + article + what + " opened at line " + where[0]
                + ", column " + where[1] + " is not closed");
    }

    private MalformedJsonException error(int at, String reason) {
        int[] where = location(at);
        return new MalformedJsonException(where[0], where[1], reason, null);
    }

    /** The 1-based line and column (in code points) of byte offset {@code at}. */
    private int[] location(int at) {
        int line = 1;
        int column = 1;
        for (int i = start; i < at && i < in.length; i++) {
            byte b = in[i];
            if (b == '\n' || (b == '\r' && (i + 1 >= in.length || in[i + 1] != '\n'))) {
                line++;
                column = 1;
            } else if (b != '\r' && (b & 0xC0) != 0x80) {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
