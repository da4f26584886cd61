package io.tlsaudit.report.render;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.store.ResultRows;
import io.tlsaudit.store.ResultTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page that can be mailed and printed: the stylesheet and the SVG charts are inline, nothing
 * is fetched and nothing runs (no script, no URL). Semantic headings, tables and captions keep it readable where a
 * mail program strips the CSS or the SVG; each chart carries its numbers in words too. Every text from the report
 * goes through {@link HtmlEscaper}. The page is also well-formed XML, so tests can parse what it contains.
 */
final class HtmlRenderer implements Renderer {

    static final String STYLESHEET = stylesheet();

    private static final DateTimeFormatter ISO_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

    @Override
    public void renderReport(Report report, PrintWriter out) {
        String window = Windows.describe(report.window());
        open(report.title() + ", " + window, out);
        out.println("<header>");
        out.println("<h1>" + HtmlEscaper.escape(report.title()) + "</h1>");
        out.println("<dl class=\"facts\">");
        out.println("<dt>Window</dt><dd>" + HtmlEscaper.escape(window) + "</dd>");
        out.println("<dt>Database</dt><dd><code>" + HtmlEscaper.escape(report.database()) + "</code></dd>");
        out.println("<dt>Generated</dt><dd>" + time(report.generatedAt()) + "</dd>");
        out.println("</dl>");
        writeContents(report, out);
        out.println("</header>");
        out.println("<main>");
        writeOverview(report.overview(), out);
        for (ReportSection section : report.sections()) {
            writeSection(section, out);
        }
        out.println("</main>");
        close(out);
    }

    /** A page holding the one table, its row count after it: the count is known only once the rows are written. */
    @Override
    public void renderRows(ResultRows rows, PrintWriter out) throws SQLException {
        open("Query result", out);
        out.println("<main>");
        out.println("<h1>Query result</h1>");
        long count = HtmlTable.write(rows, "", out);
        out.println("<p class=\"count\">" + rowCount(count) + "</p>");
        out.println("</main>");
        close(out);
    }

    private static void open(String title, PrintWriter out) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\">");
        out.println("<head>");
        out.println("<meta charset=\"utf-8\"/>");
        out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
        out.println("<title>" + HtmlEscaper.escape(title) + "</title>");
        out.println("<style>");
        out.print(STYLESHEET);
        out.println("</style>");
        out.println("</head>");
        out.println("<body>");
    }

    private static void close(PrintWriter out) {
        out.println("</body>");
        out.println("</html>");
    }

    private static void writeContents(Report report, PrintWriter out) {
        out.println("<nav aria-label=\"Contents\">");
        out.println("<p class=\"toc-title\">Contents</p>");
        out.println("<ol>");
        out.println(contentsEntry(report.overview()));
        for (ReportSection section : report.sections()) {
            out.println(contentsEntry(section));
        }
        out.println("</ol>");
        out.println("</nav>");
    }

    private static String contentsEntry(ReportSection section) {
        return "<li><a href=\"#" + HtmlEscaper.escape(section.id()) + "\">" + HtmlEscaper.escape(section.title())
                + "</a></li>";
    }

    /** The overview's one row as a strip of headline numbers; measures about legacy TLS that are not zero stand out. */
    private static void writeOverview(ReportSection overview, PrintWriter out) {
        openSection(overview, out);
        ResultTable table = overview.table();
        if (table.rows().isEmpty()) {
            out.println("<p class=\"empty\">" + HtmlEscaper.escape(overview.whenEmpty()) + "</p>");
        } else {
            List<Object> row = table.rows().get(0);
            out.println("<dl class=\"headline\">");
            for (int i = 0; i < table.columns().size(); i++) {
                String measure = table.columns().get(i);
                Object value = row.get(i);
                boolean legacy = measure.contains("legacy") && Cells.isNumber(value) && !isZero(value);
                out.println((legacy ? "<div class=\"legacy\">" : "<div>") + "<dt>"
                        + HtmlEscaper.escape(measure.replace('_', ' ')) + "</dt><dd>"
                        + HtmlEscaper.escape(Cells.forPeople(value)) + "</dd></div>");
            }
            out.println("</dl>");
        }
        out.println("</section>");
    }

    private static void writeSection(ReportSection section, PrintWriter out) {
        openSection(section, out);
        ResultTable table = section.table();
        if (table.rows().isEmpty()) {
            out.println("<p class=\"empty\">" + HtmlEscaper.escape(section.whenEmpty()) + "</p>");
        } else {
            writeCharts(section, out);
            try {
                HtmlTable.write(
                        table.cursor(),
                        section.title() + ": " + rowCount(table.rows().size()),
                        out);
            } catch (SQLException e) {
                throw new IllegalStateException("an in-memory table cannot fail", e);
            }
        }
        out.println("</section>");
    }

    private static void openSection(ReportSection section, PrintWriter out) {
        String id = HtmlEscaper.escape(section.id());
        out.println("<section aria-labelledby=\"" + id + "\">");
        out.println("<h2 id=\"" + id + "\">" + HtmlEscaper.escape(section.title()) + "</h2>");
        out.println("<p class=\"explanation\">" + HtmlEscaper.escape(section.explanation()) + "</p>");
    }

    /** The charts of the sections that have one; a section whose table lacks the columns a chart reads has none. */
    private static void writeCharts(ReportSection section, PrintWriter out) {
        if (section.id().equals(TrendChart.SECTION)) {
            List<TrendChart> charts = TrendChart.from(section.table());
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).write(out, "trend-chart-" + (i + 1));
            }
        } else if (section.id().equals(ReadinessChart.SECTION)) {
            List<ReadinessChart> charts = ReadinessChart.from(section.table());
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).write(out, "readiness-chart-" + (i + 1));
            }
        }
    }

    private static String time(LocalDateTime utc) {
        return "<time datetime=\"" + ISO_UTC.format(utc) + "\">" + HtmlEscaper.escape(Cells.forPeople(utc))
                + " UTC</time>";
    }

    private static String rowCount(long count) {
        return count + (count == 1 ? " row" : " rows");
    }

    private static boolean isZero(Object number) {
        return ((Number) number).doubleValue() == 0;
    }

    private static String stylesheet() {
        try (InputStream css = HtmlRenderer.class.getResourceAsStream("report.css")) {
            if (css == null) {
                throw new IllegalStateException("report.css is missing from the class path");
            }
            return new String(css.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report.css", e);
        }
    }
}
