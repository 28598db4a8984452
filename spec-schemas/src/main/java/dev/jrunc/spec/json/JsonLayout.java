package dev.jrunc.spec.json;

/**
 * How a document is laid out, matching what runc prints for the same document so that output can
 * be compared byte for byte: {@code runc spec} indents with tabs, {@code runc state} with two
 * spaces, {@code runc features} with four; hook stdin, {@code runc list} and log lines are compact.
 * Indented layouts are Go's {@code json.MarshalIndent}: {@code "key": value}, one member or element
 * per line, and {@code {}} / {@code []} when empty.
 */
public enum JsonLayout {
    /** One line without spaces, like {@code json.Marshal}. */
    COMPACT(null),
    /** {@code json.MarshalIndent(v, "", "\t")}. */
    TABS("\t"),
    /** {@code json.MarshalIndent(v, "", "  ")}. */
    TWO_SPACES("  "),
    /** {@code json.MarshalIndent(v, "", "    ")}. */
    FOUR_SPACES("    ");

    private final String indent;

    JsonLayout(String indent) {
        this.indent = indent;
    }

    /** One level of indentation, or null for compact output. */
    String indent() {
        return indent;
    }
}
