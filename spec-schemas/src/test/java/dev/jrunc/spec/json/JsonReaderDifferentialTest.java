package dev.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Our parser against jackson-core (which {@link Json} used before): a seeded generator makes a
 * few thousand random documents, and byte flips, truncations, deletions and insertions of control
 * characters, commas, quotes, brackets and stray UTF-8 bytes make invalid (and sometimes still
 * valid) variants of them. For each, both parsers must accept, with equal trees (member order
 * included), or both refuse.
 *
 * <p>The reference is jackson's byte parser, the one {@link Json} used, but only for bytes the
 * JDK's strict UTF-8 decoder accepts: jackson lets overlong forms and code points above U+10FFFF
 * through, which RFC 8259 (and we) refuse, so bytes that are not UTF-8 must simply be refused by
 * us. Jackson's byte parser also guesses UTF-16 or UTF-32 from zero bytes at the start; such
 * documents (never JSON: a raw NUL is allowed nowhere) go to its char parser, which refuses NUL
 * too. (The char parser is not the reference otherwise: it takes any char whose low byte is a hex
 * digit in a {@code \}{@code u} escape, and does not check the length of a float at the end of the
 * input.) Run with {@code -Djrunc.json.seed=N} to try another seed.
 */
class JsonReaderDifferentialTest {

    private static final int DOCUMENTS = 2500;
    private static final int MUTANTS_PER_DOCUMENT = 3;
    private static final JsonFactory JACKSON = JsonFactory.builder().build();

    /** What a parser made of a document: a tree, or the reason it refused. */
    private record Outcome(JsonValue tree, String refusal) {
        boolean accepted() {
            return refusal == null;
        }
    }

    @Test
    void agreesWithJacksonOnRandomDocumentsAndTheirMutations() throws InterruptedException {
        // Trees 1000 levels deep are compared (records' equals, the writer) recursively: more
        // stack than a test thread has by default.
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                compareRandomDocuments();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "json-differential", 256L << 20);
        thread.start();
        thread.join();
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    private static void compareRandomDocuments() {
        long seed = Long.getLong("jrunc.json.seed", 20260124L);
        Random random = new Random(seed);
        DocumentGenerator generator = new DocumentGenerator(random);
        List<String> disagreements = new ArrayList<>();
        int[] counts = new int[3]; // accepted, refused by both parsers, refused as not UTF-8
        // Generated documents are valid but for the odd unpaired surrogate escape in a member name.
        int originalsAccepted = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            byte[] document = generator.document();
            if (compare(document, counts, disagreements).accepted()) {
                originalsAccepted++;
            }
            for (int m = 0; m < MUTANTS_PER_DOCUMENT; m++) {
                compare(generator.mutate(document), counts, disagreements);
            }
            if (disagreements.size() >= 10) {
                break;
            }
        }
        if (!disagreements.isEmpty()) {
            fail("seed " + seed + ": " + disagreements.size() + " disagreement(s) with jackson-core:\n"
                    + String.join("\n", disagreements));
        }
        System.out.printf("JSON differential, seed %d: %d generated documents (%d accepted), %d accepted in all,"
                + " %d refused by both parsers, %d refused as not UTF-8%n",
                seed, DOCUMENTS, originalsAccepted, counts[0], counts[1], counts[2]);
        // Both sides of the comparison must have been exercised, or the test proves little.
        assertTrue(originalsAccepted > DOCUMENTS * 9 / 10, "generated documents accepted: " + originalsAccepted);
        assertTrue(counts[0] > DOCUMENTS, "accepted: " + counts[0]);
        assertTrue(counts[1] > DOCUMENTS, "refused: " + counts[1]);
        assertTrue(counts[2] > 50, "refused as not UTF-8: " + counts[2]);
    }

    @Test
    void theReferenceSeesWhatItShould() {
        // Guards the oracle itself: with it silently refusing (or accepting) everything, the
        // differential test would agree with a broken parser.
        assertEquals(JsonValue.Num.of(1), jackson("\ufeff 1".getBytes(StandardCharsets.UTF_8)).tree());
        assertEquals("not UTF-8", jackson(new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'}).refusal());
        assertTrue(!jackson("[1,]".getBytes(StandardCharsets.UTF_8)).accepted());
        assertTrue(!jackson("{} {}".getBytes(StandardCharsets.UTF_8)).accepted());
        assertEquals(new JsonValue.Obj(Map.of("a", JsonValue.Num.of(2))),
                jackson("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)).tree());
    }

    private static Outcome compare(byte[] document, int[] counts, List<String> disagreements) {
        Outcome ours = ours(document);
        Outcome reference = jackson(document);
        if (ours.accepted() != reference.accepted()) {
            disagreements.add((ours.accepted() ? "we accept, jackson refuses (" + reference.refusal() + ")"
                    : "we refuse (" + ours.refusal() + "), jackson accepts") + ": " + show(document));
        } else if (ours.accepted()) {
            String oursText = Json.toString(ours.tree(), JsonLayout.COMPACT);
            String referenceText = Json.toString(reference.tree(), JsonLayout.COMPACT);
            if (!ours.tree().equals(reference.tree()) || !oursText.equals(referenceText)) {
                disagreements.add("different trees, ours " + abbreviate(oursText) + " jackson's "
                        + abbreviate(referenceText) + ": " + show(document));
            }
            counts[0]++;
        } else {
            counts["not UTF-8".equals(reference.refusal()) ? 2 : 1]++;
        }
        return ours;
    }

    private static Outcome ours(byte[] document) {
        try {
            return new Outcome(Json.parse(document), null);
        } catch (MalformedJsonException e) {
            // Every refusal is one positioned line, whatever the input.
            assertTrue(e.line() >= 1 && e.column() >= 1, e::getMessage);
            assertTrue(!e.getMessage().contains("\n") && !e.reason().isEmpty(), e::getMessage);
            return new Outcome(null, e.reason());
        }
    }

    private static Outcome jackson(byte[] document) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document))
                    .toString();
        } catch (CharacterCodingException e) {
            return new Outcome(null, "not UTF-8");
        }
        boolean zeroAtStart = false;
        for (int i = 0; i < Math.min(8, document.length); i++) {
            zeroAtStart |= document[i] == 0;
        }
        try (JsonParser parser = zeroAtStart
                ? JACKSON.createParser(text.startsWith("\ufeff") ? text.substring(1) : text)
                : JACKSON.createParser(document)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Outcome(null, "empty");
            }
            JsonValue tree = read(parser, first);
            if (parser.nextToken() != null) {
                return new Outcome(null, "content after the value");
            }
            return new Outcome(tree, null);
        } catch (JacksonException e) {
            return new Outcome(null, e.getOriginalMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // How Json built its trees on jackson's tokens before it had its own parser.
    private static JsonValue read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    members.put(name, read(parser, parser.nextToken()));
                }
                yield new JsonValue.Obj(members);
            }
            case START_ARRAY -> {
                List<JsonValue> elements = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    elements.add(read(parser, next));
                }
                yield new JsonValue.Arr(elements);
            }
            case VALUE_STRING -> new JsonValue.Str(parser.getText());
            case VALUE_NUMBER_INT -> new JsonValue.Num(parser.getText(), true);
            case VALUE_NUMBER_FLOAT -> new JsonValue.Num(parser.getText(), false);
            case VALUE_TRUE -> new JsonValue.Bool(true);
            case VALUE_FALSE -> new JsonValue.Bool(false);
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    private static String show(byte[] document) {
        StringBuilder b = new StringBuilder(document.length + 2).append('[');
        for (int i = 0; i < Math.min(document.length, 300); i++) {
            int c = document[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        return b.append(document.length > 300 ? "...] (" + document.length + " bytes)" : "]").toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Random JSON text, and random damage to it. */
    private static final class DocumentGenerator {
        private static final String[] WHITESPACE = {"", "", "", " ", "\n", "\t", "\r\n", "  ", "\r"};
        private static final String[] ESCAPES = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"};
        private static final String[] WORDS = {"ociVersion", "process", "args", "linux", "a", "", "k", "\u00e9t\u00e9",
                "\u20ac", "\uD83D\uDE00", "x y", "\u2028", "\ufeff", "\u007f"};
        private static final byte[] INTERESTING = {0, 1, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1F, ' ', '"', '\\', ',', ':',
                '{', '}', '[', ']', '.', '-', '+', 'e', '0', '1', 'u', 'n', '/', '\'', 0x7F, (byte) 0x80, (byte) 0xBF,
                (byte) 0xC0, (byte) 0xC3, (byte) 0xE2, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5,
                (byte) 0xFF};

        private final Random random;

        DocumentGenerator(Random random) {
            this.random = random;
        }

        byte[] document() {
            StringBuilder b = new StringBuilder();
            if (random.nextInt(20) == 0) {
                b.append('\ufeff');
            }
            space(b);
            switch (random.nextInt(40)) {
                case 0 -> nested(b, 990 + random.nextInt(20));
                case 1 -> b.append(number(990 + random.nextInt(20)));
                default -> value(b, random.nextInt(6));
            }
            space(b);
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }

        private void nested(StringBuilder b, int depth) {
            StringBuilder close = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                if (random.nextBoolean()) {
                    b.append('[');
                    close.append(']');
                } else {
                    b.append("{\"d\":");
                    close.append('}');
                }
            }
            b.append(random.nextBoolean() ? "[]" : "{}");
            b.append(close.reverse());
        }

        private void value(StringBuilder b, int depth) {
            int kind = depth <= 0 ? 2 + random.nextInt(4) : random.nextInt(6);
            switch (kind) {
                case 0 -> {
                    b.append('{');
                    int n = random.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            b.append(',');
                        }
                        space(b);
                        string(b, random.nextInt(4) == 0 ? WORDS[random.nextInt(4)] : null);
                        space(b);
                        b.append(':');
                        space(b);
                        value(b, depth - 1);
                        space(b);
                    }
                    b.append('}');
                }
                case 1 -> {
                    b.append('[');
                    int n = random.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            b.append(',');
                        }
                        space(b);
                        value(b, depth - 1);
                        space(b);
                    }
                    b.append(']');
                }
                case 2, 3 -> string(b, null);
                case 4 -> b.append(number(0));
                default -> b.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
            }
        }

        private void space(StringBuilder b) {
            b.append(WHITESPACE[random.nextInt(WHITESPACE.length)]);
        }

        private void string(StringBuilder b, String fixed) {
            b.append('"');
            if (fixed != null) {
                b.append(fixed);
            } else {
                int n = random.nextInt(12);
                for (int i = 0; i < n; i++) {
                    switch (random.nextInt(10)) {
                        case 0 -> b.append(ESCAPES[random.nextInt(ESCAPES.length)]);
                        case 1 -> b.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", unit()));
                        case 2 -> b.append(WORDS[random.nextInt(WORDS.length)]);
                        case 3 -> b.appendCodePoint(0x80 + random.nextInt(0xD800 - 0x80));
                        case 4 -> b.appendCodePoint(0x10000 + random.nextInt(0x110000 - 0x10000));
                        default -> {
                            char c = (char) (0x20 + random.nextInt(0x5F));
                            b.append(c == '"' || c == '\\' ? 'q' : c);
                        }
                    }
                }
            }
            b.append('"');
        }

        // Any UTF-16 unit, surrogates (lone, paired or reversed) included.
        private int unit() {
            return switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0xD800 + random.nextInt(0x800);
                default -> random.nextInt(0x10000);
            };
        }

        private String number(int digits) {
            StringBuilder b = new StringBuilder();
            if (random.nextBoolean()) {
                b.append('-');
            }
            int intDigits = digits > 0 ? digits - random.nextInt(3) : 1 + random.nextInt(random.nextInt(4) == 0 ? 25 : 4);
            if (random.nextInt(4) == 0 && digits == 0) {
                b.append('0');
            } else {
                b.append((char) ('1' + random.nextInt(9)));
                for (int i = 1; i < intDigits; i++) {
                    b.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(3) == 0) {
                b.append('.');
                int n = 1 + random.nextInt(digits > 0 ? 3 : 8);
                for (int i = 0; i < n; i++) {
                    b.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(4) == 0) {
                b.append(random.nextBoolean() ? 'e' : 'E');
                b.append(new String[] {"", "+", "-"}[random.nextInt(3)]);
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    b.append((char) ('0' + random.nextInt(10)));
                }
            }
            return b.toString();
        }

        byte[] mutate(byte[] document) {
            byte[] d = document;
            int rounds = 1 + random.nextInt(random.nextInt(5) == 0 ? 4 : 1);
            for (int r = 0; r < rounds; r++) {
                int at = d.length == 0 ? 0 : random.nextInt(d.length);
                switch (random.nextInt(6)) {
                    case 0 -> { // flip a byte
                        if (d.length > 0) {
                            d = d.clone();
                            d[at] = random.nextBoolean() ? (byte) random.nextInt(256) : interesting();
                        }
                    }
                    case 1 -> d = java.util.Arrays.copyOf(d, at); // truncate
                    case 2 -> { // delete a byte
                        if (d.length > 0) {
                            d = splice(d, at, 1, new byte[0]);
                        }
                    }
                    default -> d = splice(d, at, 0, new byte[] {interesting()}); // insert
                }
            }
            return d;
        }

        private byte interesting() {
            return INTERESTING[random.nextInt(INTERESTING.length)];
        }

        private static byte[] splice(byte[] d, int at, int remove, byte[] insert) {
            byte[] out = new byte[d.length - remove + insert.length];
            System.arraycopy(d, 0, out, 0, at);
            System.arraycopy(insert, 0, out, at, insert.length);
            System.arraycopy(d, at + remove, out, at + insert.length, d.length - at - remove);
            return out;
        }
    }
}
