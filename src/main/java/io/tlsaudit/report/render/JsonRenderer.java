package io.tlsaudit.report.render;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.report.WindowBounds;
import io.tlsaudit.store.ResultRows;
import io.tlsaudit.store.ResultTable;
import io.tlsaudit.text.InertText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * JSON with stable field names, documented in {@code docs/report-json.md}. A report is {@code {"schema_version",
 * "report", "title", "database", "generated_at", "window": {"since", "until", "bounds": {"since", "until",
 * "previous_since"}}, "overview": {column: value}, "sections": [{"id", "title", "explanation", "when_empty",
 * "columns", "rows": [{column: value}]}]}}; a query result is {@code {"schema_version", "columns", "rows"}}.
 * Timestamps are ISO-8601 UTC with a {@code Z}.
 */
final class JsonRenderer implements Renderer {

    /**
     * The version of the documents' shape. Consumers key on section ids and column names; new fields, sections and
     * columns leave it alone, a field or column removed, renamed or changed in type raises it.
     */
    static final int SCHEMA_VERSION = 1;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

    @Override
    public void renderReport(Report report, PrintWriter out) {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"schema_version\": ").append(SCHEMA_VERSION);
        json.append(",\n  \"report\": ").append(string("legacy-tls"));
        json.append(",\n  \"title\": ").append(string(report.title()));
        json.append(",\n  \"database\": ").append(string(report.database()));
        json.append(",\n  \"generated_at\": ").append(value(report.generatedAt()));
        WindowBounds bounds = report.bounds();
        json.append(",\n  \"window\": {\"since\": ")
                .append(value(report.window().since().orElse(null)))
                .append(", \"until\": ")
                .append(value(report.window().until().orElse(null)))
                .append(",\n             \"bounds\": {\"since\": ")
                .append(value(bounds.since()))
                .append(", \"until\": ")
                .append(value(bounds.until()))
                .append(", \"previous_since\": ")
                .append(value(bounds.previousSince()))
                .append("}}");
        ResultTable overview = report.overview().table();
        json.append(",\n  \"overview\": ");
        json.append(
                overview.rows().isEmpty()
                        ? "{}"
                        : object(overview.columns(), overview.rows().get(0)));
        json.append(",\n  \"sections\": [");
        boolean first = true;
        for (ReportSection section : report.sections()) {
            json.append(first ? "\n" : ",\n");
            first = false;
            json.append("    {\"id\": ").append(string(section.id()));
            json.append(", \"title\": ").append(string(section.title()));
            json.append(",\n     \"explanation\": ").append(string(section.explanation()));
            json.append(",\n     \"when_empty\": ").append(string(section.whenEmpty()));
            json.append(",\n     ");
            appendTable(json, section.table(), "     ");
            json.append('}');
        }
        json.append(first ? "]\n}" : "\n  ]\n}");
        out.println(json);
    }

    @Override
    public void renderRows(ResultRows rows, PrintWriter out) throws SQLException {
        out.print("{\"schema_version\": " + SCHEMA_VERSION + ", ");
        printTable(out, rows, "");
        out.println("}");
    }

    private static void appendTable(StringBuilder json, ResultTable table, String indent) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            printTable(out, table.cursor(), indent);
        } catch (SQLException e) {
            throw new IllegalStateException("an in-memory table cannot fail", e);
        }
        json.append(text);
    }

    private static void printTable(PrintWriter out, ResultRows rows, String indent) throws SQLException {
        List<String> columns = rows.columns();
        out.print("\"columns\": [");
        for (int i = 0; i < columns.size(); i++) {
            out.print((i == 0 ? "" : ", ") + string(columns.get(i)));
        }
        out.print("], \"rows\": [");
        boolean first = true;
        List<Object> row;
        while ((row = rows.next()) != null) {
            out.print((first ? "\n" : ",\n") + indent + "  ");
            out.print(object(columns, row));
            first = false;
        }
        out.print(first ? "]" : "\n" + indent + "]");
    }

    private static String object(List<String> columns, List<Object> row) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < columns.size(); i++) {
            json.append(i == 0 ? "" : ", ")
                    .append(string(columns.get(i)))
                    .append(": ")
                    .append(value(row.get(i)));
        }
        return json.append('}').toString();
    }

    static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isNaN(number) || Double.isInfinite(number) ? "null" : value.toString();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).toPlainString();
        }
        if (value instanceof LocalDateTime timestamp) {
            return string(TIMESTAMP.format(timestamp));
        }
        if (value instanceof Collection<?> list) {
            StringBuilder json = new StringBuilder("[");
            boolean first = true;
            for (Object element : list) {
                json.append(first ? "" : ", ").append(value(element));
                first = false;
            }
            return json.append(']').toString();
        }
        return string(value.toString());
    }

    /**
     * A JSON string literal; every control character and the characters HTML would read are escaped. An unpaired
     * surrogate, which no Unicode text holds and strict parsers reject even escaped, becomes U+FFFD.
     */
    static String string(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (Character.isSurrogate(c)) {
                        boolean paired = Character.isHighSurrogate(c)
                                && i + 1 < text.length()
                                && Character.isLowSurrogate(text.charAt(i + 1));
                        if (paired) {
                            escape(json, c);
                            escape(json, text.charAt(++i));
                        } else {
                            escape(json, '\uFFFD');
                        }
                    } else if (InertText.isUnsafe(c) || c == '<' || c == '>' || c == '&') {
                        escape(json, c);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static void escape(StringBuilder json, char c) {
        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
    }
}
