package io.tlsaudit.cli;

import io.tlsaudit.report.LegacyTlsReport;
import io.tlsaudit.report.NamedQueries;
import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.report.render.OutputFormat;
import io.tlsaudit.report.render.Renderer;
import io.tlsaudit.report.render.Renderers;
import io.tlsaudit.store.AuditDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** The report step shared by {@code report} and {@code analyze}: build the report, print or write it, judge it. */
final class ReportPrinter {

    private ReportPrinter() {}

    /** Rejects an unknown {@code --section}, a bad window and an {@code --out} without a format, as usage errors. */
    static void checkOptions(ReportOptions options, FormatOption format, CommandLine commandLine) {
        options.window.check(commandLine);
        if (options.section != null && !LegacyTlsReport.sectionIds().contains(options.section)) {
            throw new CommandLine.ParameterException(
                    commandLine, "Unknown section '" + options.section + "'; one of " + LegacyTlsReport.sectionIds());
        }
        if (options.out != null) {
            String asGiven = outAsGiven(commandLine, options);
            if (ReportFiles.isFolder(options.out, asGiven)) {
                if (options.section != null) {
                    throw new CommandLine.ParameterException(
                            commandLine, "--section writes one table: give --out a file name, e.g. legacy.csv");
                }
            } else if (!formatGiven(commandLine)
                    && ReportFiles.formatOf(options.out).isEmpty()) {
                throw new CommandLine.ParameterException(
                        commandLine,
                        "cannot tell the format of --out " + asGiven + ": give --format or one of the extensions "
                                + Arrays.stream(OutputFormat.values())
                                        .map(known -> "." + known.extension())
                                        .toList());
            }
        }
    }

    /**
     * Builds the report over the window asked for ({@code otherwise} without one), prints it to stdout or writes it
     * to {@code --out}, and returns the exit code: {@code --fail-on}'s when a condition holds, else 0.
     */
    static int print(
            Path databaseFile,
            FormatOption format,
            ReportOptions options,
            ReportWindow otherwise,
            CommandLine commandLine,
            Clock clock)
            throws SQLException, IOException {
        checkOptions(options, format, commandLine);
        Report report;
        try (AuditDatabase database = AuditDatabase.openReadOnly(databaseFile)) {
            report = new LegacyTlsReport(database, NamedQueries.standard(), clock)
                    .build(options.window(clock, otherwise));
        }
        if (options.out == null) {
            PrintWriter out = commandLine.getOut();
            render(report, options.section, format.renderer(), out);
            out.flush();
        } else {
            for (Path written : write(report, format, options, commandLine)) {
                ErrorOutput.println(commandLine.getErr(), "report written: " + written);
            }
            commandLine.getErr().flush();
        }
        return FailOnCondition.exitCode(options.failOn, report);
    }

    private static List<Path> write(Report report, FormatOption format, ReportOptions options, CommandLine commandLine)
            throws IOException {
        if (ReportFiles.isFolder(options.out, outAsGiven(commandLine, options))) {
            List<OutputFormat> formats =
                    formatGiven(commandLine) ? List.of(format.format) : Arrays.asList(OutputFormat.values());
            return ReportFiles.writeInto(options.out, report, formats, format.wide);
        }
        OutputFormat chosen = formatGiven(commandLine)
                ? format.format
                : ReportFiles.formatOf(options.out).orElseThrow();
        ReportFiles.writeFile(
                options.out, out -> render(report, options.section, Renderers.of(chosen, format.wide), out));
        return List.of(options.out);
    }

    private static void render(Report report, String section, Renderer renderer, PrintWriter out) {
        if (section != null) {
            renderer.renderTable(report.section(section).orElseThrow().table(), out);
        } else {
            renderer.renderReport(report, out);
        }
    }

    private static boolean formatGiven(CommandLine commandLine) {
        return commandLine.getParseResult().hasMatchedOption("--format");
    }

    private static String outAsGiven(CommandLine commandLine, ReportOptions options) {
        var matched = commandLine.getParseResult().matchedOption("--out");
        return matched == null ? options.out.toString() : matched.stringValues().get(0);
    }
}
