package io.tlsaudit.report.render;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.store.ResultRows;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV through Commons CSV. Text cells that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, tab or CR) are prefixed with an apostrophe: EHLO names and user agents come from peers. A report
 * prints each section as its own CSV block after a {@code # section-id} line; {@code --section} selects one block.
 */
final class CsvRenderer implements Renderer {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    @Override
    public void renderReport(Report report, PrintWriter out) {
        List<ReportSection> sections = new ArrayList<>();
        sections.add(report.overview());
        sections.addAll(report.sections());
        boolean first = true;
        for (ReportSection section : sections) {
            if (!first) {
                out.print("\r\n");
            }
            first = false;
            out.print("# " + section.id() + "\r\n");
            renderTable(section.table(), out);
        }
    }

    @Override
    public void renderRows(ResultRows rows, PrintWriter out) throws SQLException {
        try {
            CSVPrinter printer = new CSVPrinter(out, FORMAT);
            // Column names can come from data too (a PIVOT over peer names): the same care as cells.
            printer.printRecord(rows.columns().stream()
                    .map(name -> neutralized(Cells.visible(name)))
                    .toList());
            List<Object> row;
            while ((row = rows.next()) != null) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object value : row) {
                    cells.add(
                            value instanceof Number
                                    ? Cells.forMachines(value)
                                    : neutralized(Cells.visible(Cells.forMachines(value))));
                }
                printer.printRecord(cells);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps a spreadsheet from evaluating a cell as a formula. */
    static String neutralized(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky ? "'" + text : text;
    }
}
