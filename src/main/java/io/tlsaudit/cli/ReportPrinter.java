package io.tlsaudit.cli;

import io.tlsaudit.report.LegacyTlsReport;
import io.tlsaudit.report.NamedQueries;
import io.tlsaudit.report.Report;
import io.tlsaudit.store.AuditDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import picocli.CommandLine;

/** The report step shared by {@code report} and {@code analyze}. */
final class ReportPrinter {

    private ReportPrinter() {}

    /** Rejects an unknown {@code --section} and a window that ends before it starts as usage errors. */
    static void checkOptions(ReportOptions options, CommandLine commandLine) {
        if (options.since != null && options.until != null && !options.since.isBefore(options.until)) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    "the window is empty: it starts at "
                            + options.since.toString().replace('T', ' ') + " and ends before "
                            + options.until.toString().replace('T', ' ')
                            + " (UTC; --until DATE includes that whole day)");
        }
        if (options.section != null && !LegacyTlsReport.sectionIds().contains(options.section)) {
            throw new CommandLine.ParameterException(
                    commandLine, "Unknown section '" + options.section + "'; one of " + LegacyTlsReport.sectionIds());
        }
    }

    static int print(
            Path databaseFile, FormatOption format, ReportOptions options, CommandLine commandLine, Clock clock)
            throws SQLException {
        checkOptions(options, commandLine);
        Report report;
        try (AuditDatabase database = AuditDatabase.openReadOnly(databaseFile)) {
            report = new LegacyTlsReport(database, NamedQueries.standard(), clock).build(options.window());
        }
        PrintWriter out = commandLine.getOut();
        if (options.section != null) {
            format.renderer()
                    .renderTable(report.section(options.section).orElseThrow().table(), out);
        } else {
            format.renderer().renderReport(report, out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
