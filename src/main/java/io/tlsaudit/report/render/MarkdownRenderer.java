package io.tlsaudit.report.render;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.store.ResultRows;
import io.tlsaudit.store.ResultTable;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;

/** GitHub-flavoured Markdown, for tickets and wiki pages. Cell text is escaped so peer-supplied names stay text. */
final class MarkdownRenderer implements Renderer {

    @Override
    public void renderReport(Report report, PrintWriter out) {
        out.println("# " + report.title());
        out.println();
        out.println("- Database: `" + Cells.visible(report.database()).replace("`", "'") + "`");
        out.println("- Window: " + Windows.describe(report.window()));
        out.println();
        out.println("## " + report.overview().title());
        out.println();
        ResultTable overview = report.overview().table();
        if (overview.rows().isEmpty()) {
            out.println(report.overview().whenEmpty());
        } else {
            out.println("| measure | value |");
            out.println("|---|---:|");
            for (int i = 0; i < overview.columns().size(); i++) {
                out.println("| " + escape(Cells.visible(overview.columns().get(i))) + " | "
                        + escape(Cells.forPeople(overview.rows().get(0).get(i))) + " |");
            }
        }
        for (ReportSection section : report.sections()) {
            out.println();
            out.println("## " + section.title());
            out.println();
            out.println(section.explanation());
            out.println();
            if (section.table().rows().isEmpty()) {
                out.println("_" + section.whenEmpty() + "_");
            } else {
                renderTable(section.table(), out);
            }
        }
    }

    @Override
    public void renderRows(ResultRows rows, PrintWriter out) throws SQLException {
        List<String> columns = rows.columns();
        List<List<Object>> firstPage = FirstPage.read(rows);
        out.println("| "
                + String.join(
                        " | ",
                        columns.stream()
                                .map(name -> escape(Cells.visible(name)))
                                .toList())
                + " |");
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < columns.size(); i++) {
            boolean numeric = !firstPage.isEmpty() && isNumericColumn(firstPage, i);
            rule.append(numeric ? "---:|" : "---|");
        }
        out.println(rule);
        for (List<Object> row : firstPage) {
            printRow(row, out);
        }
        List<Object> row;
        while ((row = rows.next()) != null) {
            printRow(row, out);
        }
    }

    private static void printRow(List<Object> row, PrintWriter out) {
        StringBuilder line = new StringBuilder("|");
        for (Object value : row) {
            line.append(' ').append(escape(Cells.forPeople(value))).append(" |");
        }
        out.println(line);
    }

    private static boolean isNumericColumn(List<List<Object>> rows, int column) {
        return rows.stream().map(row -> row.get(column)).allMatch(v -> v == null || Cells.isNumber(v));
    }

    /** Escapes what Markdown or the HTML it becomes would interpret. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '|' -> escaped.append("\\|");
                case '\\' -> escaped.append("\\\\");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                // ~ strikes through; "://", "www." and '@' make GitHub link bare URLs and mail addresses
                case '*', '_', '`', '[', ']', '~', '@' -> escaped.append('\\').append(c);
                case ':' -> escaped.append(text.startsWith("//", i + 1) ? "\\:" : ":");
                case '.' -> escaped.append(text.regionMatches(true, i - 3, "www", 0, 3) ? "\\." : ".");
                case '\n', '\r' -> escaped.append(' ');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
