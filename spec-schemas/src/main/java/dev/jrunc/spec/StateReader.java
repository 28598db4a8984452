package dev.jrunc.spec;

/**
 * Reads a spec state document, as a hook receives it on stdin. Failures are
 * {@link InvalidSpecException}s naming the source and JSON path.
 */
public final class StateReader {

    private StateReader() {}

    /** Parses a state document; {@code sourceName} names it in messages. */
    public static State parse(byte[] json, String sourceName) {
        return StateCodec.read(JsonInput.parseObject(json, sourceName));
    }
}
