package dev.jrunc.spec.json;

import java.io.Serial;

/**
 * Text that is not one well-formed JSON value. The message is one line:
 * {@code malformed JSON at line 3, column 5: <reason>}, or {@code malformed JSON: <reason>} when
 * the position is unknown.
 */
public final class MalformedJsonException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param line the 1-based line of the problem, or 0 when unknown
     * @param column the 1-based column of the problem, or 0 when unknown
     * @param reason what is wrong, one line
     * @param cause the parser's exception, if any
     */
    public MalformedJsonException(int line, int column, String reason, Throwable cause) {
        super(render(line, column, reason), cause);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    private static String render(int line, int column, String reason) {
        return line < 1
                ? "malformed JSON: " + reason
                : "malformed JSON at line " + line + ", column " + column + ": " + reason;
    }
}
