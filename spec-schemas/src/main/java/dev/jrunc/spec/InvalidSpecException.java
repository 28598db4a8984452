package dev.jrunc.spec;

import java.io.Serial;

/**
 * A JSON document (config.json, an exec process file, an update resources file) that cannot be
 * used. The message is always a single line of the form {@code <source>: <path>: <reason>}, for
 * example {@code config.json: linux.namespaces[2].type: unknown namespace type "foo"}; the path part
 * is left out when the problem concerns the document as a whole.
 */
public final class InvalidSpecException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;
    private final String reason;

    /**
     * @param source the document's name as the user knows it, e.g. {@code config.json}
     * @param path the JSON path of the offending value, empty for the whole document
     * @param reason what is wrong, one line
     */
    public InvalidSpecException(String source, String path, String reason) {
        this(source, path, reason, null);
    }

    /**
     * @param source the document's name as the user knows it, e.g. {@code config.json}
     * @param path the JSON path of the offending value, empty for the whole document
     * @param reason what is wrong, one line
     * @param cause the underlying failure, if any
     */
    public InvalidSpecException(String source, String path, String reason, Throwable cause) {
        super(render(source, path, reason), cause);
        this.source = source;
        this.path = path == null ? "" : path;
        this.reason = oneLine(reason);
    }

    static InvalidSpecException of(String source, SpecProblem problem) {
        return new InvalidSpecException(source, problem.path(), problem.reason());
    }

    /** The document's name, e.g. {@code config.json}. */
    public String source() {
        return source;
    }

    /** The JSON path of the offending value, e.g. {@code process.args}; empty for the whole document. */
    public String path() {
        return path;
    }

    /** What is wrong, without the source and path. */
    public String reason() {
        return reason;
    }

    private static String render(String source, String path, String reason) {
        StringBuilder out = new StringBuilder(oneLine(source)).append(": ");
        if (path != null && !path.isEmpty()) {
            out.append(oneLine(path)).append(": ");
        }
        return out.append(oneLine(reason)).toString();
    }

    // Callers print the message as one log line (runc's JSON log has one "msg" per error).
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
