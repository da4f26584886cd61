package io.tlsaudit.report.render;

import java.io.PrintWriter;
import java.util.List;

/** Prints one row of cells, each already broken into lines, side by side in columns of given widths. */
final class TableLines {

    private TableLines() {}

    /**
     * Prints the row {@code cells} (per column, its lines) after {@code indent}, each cell padded to its column width
     * and right-aligned where {@code rightAligned}; a cell wider than its column pushes the rest of its line right.
     * Lines carry no trailing spaces.
     */
    static void print(PrintWriter out, String indent, List<List<String>> cells, int[] widths, boolean[] rightAligned) {
        int height = 0;
        for (List<String> cell : cells) {
            height = Math.max(height, cell.size());
        }
        StringBuilder line = new StringBuilder();
        for (int row = 0; row < height; row++) {
            line.setLength(0);
            line.append(indent);
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    line.append(TableLayout.SEPARATOR);
                }
                List<String> cell = cells.get(i);
                // spaces a cell's line ends with, where it was broken, print as padding
                String text = row < cell.size() ? cell.get(row).stripTrailing() : "";
                int pad = Math.max(0, widths[i] - DisplayWidth.of(text));
                if (rightAligned[i]) {
                    line.append(" ".repeat(pad)).append(text);
                } else {
                    line.append(text);
                    if (i < cells.size() - 1) {
                        line.append(" ".repeat(pad));
                    }
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
