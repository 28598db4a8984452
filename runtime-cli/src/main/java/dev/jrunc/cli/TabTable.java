package dev.jrunc.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns rows like Go's {@code tabwriter.NewWriter(out, 12, 1, 3, ' ', 0)}, which runc's list
 * uses: every cell but the last of a row is padded with spaces to its column's widest cell plus
 * 3, and to at least 12; the last cell is written as is.
 */
final class TabTable {
    private static final int MIN_WIDTH = 12;
    private static final int PADDING = 3;
    private final List<List<String>> rows = new ArrayList<>();

    TabTable row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    @Override
    public String toString() {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size() - 1; i++) {
                int width = Math.max(MIN_WIDTH, width(row.get(i)) + PADDING);
                if (i == widths.size()) {
                    widths.add(width);
                } else {
                    widths.set(i, Math.max(widths.get(i), width));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                out.append(cell);
                if (i < row.size() - 1) {
                    out.repeat(' ', widths.get(i) - width(cell));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
