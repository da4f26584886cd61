package io.tlsaudit.report.render;

import io.tlsaudit.store.ResultRows;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A result as an HTML table with thead and tbody, written as the rows come: columns whose first
 * {@value Renderer#FIRST_PAGE} values are all numbers align right, and every name and cell goes through
 * {@link HtmlEscaper}.
 */
final class HtmlTable {

    private static final int LONG_WORD = 16;

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
            line.append(cellOpening(value, text)).append(cellText(value, text)).append("</td>");
        }
        out.println(line.append("</tr>"));
    }

    /**
     * Numbers align right; times keep their date and time of day whole; a long word (a host name, a cipher suite, a user agent) may break
     * anywhere, and only such a word, so that the columns of a wide table share the page without splitting addresses.
     */
    private static String cellOpening(Object value, String text) {
        if (Cells.isNumber(value)) {
            return "<td class=\"num\">";
        }
        if (value instanceof LocalDateTime || value instanceof LocalDate) {
            return "<td class=\"time\">";
        }
        return hasLongWord(text) ? "<td class=\"long\">" : "<td>";
    }

    /**
     * The escaped text of a cell; a time as its date and its time of day, each kept whole, so that a narrow column
     * breaks it at the space and never after a hyphen of the date.
     */
    private static String cellText(Object value, String text) {
        int space = text.indexOf(' ');
        if (value instanceof LocalDateTime && space > 0) {
            return "<span>" + HtmlEscaper.escape(text.substring(0, space)) + "</span> <span>"
                    + HtmlEscaper.escape(text.substring(space + 1)) + "</span>";
        }
        return HtmlEscaper.escape(text);
    }

    /** True for text with a run of {@value #LONG_WORD} characters or more without a space. */
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
