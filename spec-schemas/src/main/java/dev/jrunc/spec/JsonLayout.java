package dev.jrunc.spec;

import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * How a document is laid out, matching what runc prints for the same document so that output can
 * be compared byte for byte: {@code runc spec} indents with tabs, {@code runc state} with two
 * spaces, {@code runc features} with four, and hook stdin and {@code runc list} are compact.
 */
enum JsonLayout {
    COMPACT(null),
    TABS("\t"),
    TWO_SPACES("  "),
    FOUR_SPACES("    ");

    private final String indent;

    JsonLayout(String indent) {
        this.indent = indent;
    }

    /** A fresh printer (pretty printers carry nesting state), or null for compact output. */
    PrettyPrinter newPrinter() {
        if (indent == null) {
            return null;
        }
        // Go's MarshalIndent writes "key": value, one element per line, and {} / [] when empty.
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
