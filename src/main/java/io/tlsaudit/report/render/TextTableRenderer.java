package io.tlsaudit.report.render;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.store.ResultRows;
import io.tlsaudit.store.ResultTable;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Aligned plain-text tables for a terminal; long cells are cut with an ellipsis so rows stay on one line. */
final class TextTableRenderer implements Renderer {

    static final int CELL_LIMIT = 60;
    private static final int TEXT_WIDTH = 100;

    @Override
    public void renderReport(Report report, PrintWriter out) {
        out.println(report.title());
        out.println("=".repeat(report.title().length()));
        out.println("Database:  " + Cells.visible(report.database()));
        out.println("Window:    " + Windows.describe(report.window()));
        out.println();
        renderOverview(report.overview(), out);
        for (ReportSection section : report.sections()) {
            out.println();
            out.println(section.title() + " (" + section.id() + ")");
            out.println("-".repeat(section.title().length() + section.id().length() + 3));
            for (String line : wrap(section.explanation())) {
                out.println(line);
            }
            out.println();
            if (section.table().rows().isEmpty()) {
                out.println("  " + section.whenEmpty());
            } else {
                renderTable(section.table(), out);
            }
        }
    }

    private void renderOverview(ReportSection overview, PrintWriter out) {
        ResultTable table = overview.table();
        out.println(overview.title());
        out.println("-".repeat(overview.title().length()));
        if (table.rows().isEmpty()) {
            out.println("  " + overview.whenEmpty());
            return;
        }
        // An edited overview.sql can name its columns from data: they are shown like cells.
        List<String> names = table.columns().stream().map(Cells::visible).toList();
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        List<Object> row = table.rows().get(0);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            out.println("  " + name + " ".repeat(width - name.length()) + "  " + Cells.forPeople(row.get(i)));
        }
    }

    /**
     * Columns are sized and aligned from the first {@value Renderer#FIRST_PAGE} rows; a later, longer cell widens
     * only its own line.
     */
    @Override
    public void renderRows(ResultRows rows, PrintWriter out) throws SQLException {
        // Column names can come from data too (a PIVOT over peer names): shown like cells.
        List<String> columns =
                rows.columns().stream().map(name -> cut(Cells.visible(name))).toList();
        List<List<Object>> firstPage = FirstPage.read(rows);
        int[] widths = new int[columns.size()];
        boolean[] numeric = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            numeric[i] = true;
        }
        List<String[]> cells = new ArrayList<>();
        for (List<Object> row : firstPage) {
            String[] texts = texts(row);
            for (int i = 0; i < texts.length; i++) {
                widths[i] = Math.max(widths[i], texts[i].length());
                if (row.get(i) != null && !Cells.isNumber(row.get(i))) {
                    numeric[i] = false;
                }
            }
            cells.add(texts);
        }
        out.println(line(columns.toArray(String[]::new), widths, new boolean[columns.size()]));
        String[] rules = new String[columns.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = "-".repeat(widths[i]);
        }
        out.println(line(rules, widths, new boolean[columns.size()]));
        for (String[] texts : cells) {
            out.println(line(texts, widths, numeric));
        }
        long count = firstPage.size();
        List<Object> row;
        while ((row = rows.next()) != null) {
            out.println(line(texts(row), widths, numeric));
            count++;
        }
        out.println("(" + count + (count == 1 ? " row)" : " rows)"));
    }

    private static String[] texts(List<Object> row) {
        String[] texts = new String[row.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = cut(Cells.forPeople(row.get(i)));
        }
        return texts;
    }

    private static String line(String[] texts, int[] widths, boolean[] rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(Math.max(0, widths[i] - texts[i].length()));
            if (rightAligned[i]) {
                line.append(pad).append(texts[i]);
            } else {
                line.append(texts[i]);
                if (i < texts.length - 1) {
                    line.append(pad);
                }
            }
        }
        return line.toString().stripTrailing();
    }

    private static String cut(String text) {
        return text.length() <= CELL_LIMIT ? text : text.substring(0, CELL_LIMIT - 1) + "…";
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > TEXT_WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
