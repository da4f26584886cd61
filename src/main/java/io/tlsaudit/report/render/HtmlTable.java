package io.tlsaudit.report.render;

import io.tlsaudit.store.ResultRows;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;

/**
 * A result as an HTML table with thead and tbody, written as the rows come: columns whose first
 * {@value Renderer#FIRST_PAGE} values are all numbers align right, and every name and cell goes through
 * {@link HtmlEscaper}.
 */
final class HtmlTable {

    private static final int LONG_WORD = 32;

    private HtmlTable() {}

    /** Writes the table under {@code caption} (none when empty) and returns the number of rows written. */
    static long write(ResultRows rows, String caption, PrintWriter out) throws SQLException {
        List<String> columns = rows.columns();
        List<List<Object>> firstPage = FirstPage.read(rows);
        boolean[] numeric = new boolean[columns.size()];
        for (int i = 0; i < numeric.length; i++) {
            int column = i;
            numeric[i] = !firstPage.isEmpty()
                    && firstPage.stream().map(row -> row.get(column)).allMatch(v -> v == null || Cells.isNumber(v));
        }
        out.println("<table>");
        if (!caption.isEmpty()) {
            out.println("<caption>" + HtmlEscaper.escape(caption) + "</caption>");
        }
        StringBuilder header = new StringBuilder("<thead><tr>");
        for (int i = 0; i < columns.size(); i++) {
            header.append(numeric[i] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">")
                    .append(columnName(columns.get(i)))
                    .append("</th>");
        }
        out.println(header.append("</tr></thead>"));
        out.println("<tbody>");
        for (List<Object> row : firstPage) {
            writeRow(row, out);
        }
        long count = firstPage.size();
        List<Object> row;
        while ((row = rows.next()) != null) {
            writeRow(row, out);
            count++;
        }
        out.println("</tbody>");
        out.println("</table>");
        return count;
    }

    /** Column names can come from data too (a PIVOT over peer names): escaped like cells. */
    static String columnName(String name) {
        // a break opportunity after each underscore, so legacy_only_connections wraps between words
        return HtmlEscaper.escape(name).replace("_", "_<wbr/>");
    }

    private static void writeRow(List<Object> row, PrintWriter out) {
        StringBuilder line = new StringBuilder("<tr>");
        for (Object value : row) {
            String text = Cells.forPeople(value);
            String open =
                    Cells.isNumber(value) ? "<td class=\"num\">" : hasLongWord(text) ? "<td class=\"long\">" : "<td>";
            line.append(open).append(HtmlEscaper.escape(text)).append("</td>");
        }
        out.println(line.append("</tr>"));
    }

    /**
     * True for text with a run of {@value #LONG_WORD} characters or more without a space (a user agent, a certificate
     * thumbprint): only such cells may break anywhere, so addresses and times keep their shape.
     */
    static boolean hasLongWord(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = Character.isWhitespace(text.charAt(i)) ? 0 : run + 1;
            if (run >= LONG_WORD) {
                return true;
            }
        }
        return false;
    }
}
