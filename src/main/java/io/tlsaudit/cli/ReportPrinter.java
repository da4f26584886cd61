package io.tlsaudit.cli;

import io.tlsaudit.report.LegacyTlsReport;
import io.tlsaudit.report.NamedQueries;
import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportRetention;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.report.render.OutputFormat;
import io.tlsaudit.report.render.Renderer;
import io.tlsaudit.report.render.Renderers;
import io.tlsaudit.store.AuditDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** The report step shared by {@code report} and {@code analyze}: build the report, print or write it, judge it. */
final class ReportPrinter {

    private ReportPrinter() {}

    /**
     * Rejects an unknown {@code --section}, a bad window, an {@code --out} file without a format and several formats
     * where one output is written, as usage errors.
     */
    static void checkOptions(ReportOptions options, FormatOption format, Path databaseFile, CommandLine commandLine) {
        options.window.check(commandLine);
        if (options.section != null && !LegacyTlsReport.sectionIds().contains(options.section)) {
            throw new CommandLine.ParameterException(
                    commandLine, "Unknown section '" + options.section + "'; one of " + LegacyTlsReport.sectionIds());
        }
        if (options.out != null && outAsGiven(commandLine, options).isBlank()) {
            throw new CommandLine.ParameterException(
                    commandLine, "--out is empty: give a file or folder (an unset variable in a script?)");
        }
        if (options.out != null && writesOver(options.out, databaseFile)) {
            throw new CommandLine.ParameterException(
                    commandLine, "--out " + options.out + " is the database (or its write-ahead log): not overwritten");
        }
        boolean intoFolder = options.out != null && ReportFiles.isFolder(options.out, outAsGiven(commandLine, options));
        if (!intoFolder) {
            format.format(); // one format, unless files are written into a folder
        }
        if (options.keep != null && (!intoFolder || options.keep < 1)) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    options.keep < 1
                            ? "--keep " + options.keep + ": expected at least 1 (the weeks of reports to keep)"
                            : "--keep prunes a report folder: give it with --out DIR");
        }
        if (options.out != null) {
            String asGiven = outAsGiven(commandLine, options);
            if (intoFolder) {
                if (options.section != null) {
                    throw new CommandLine.ParameterException(
                            commandLine, "--section writes one table: give --out a file name, e.g. legacy.csv");
                }
            } else if (!format.given() && ReportFiles.formatOf(options.out).isEmpty()) {
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
        checkOptions(options, format, databaseFile, commandLine);
        Report report;
        try (AuditDatabase database = AuditDatabase.openReadOnly(databaseFile)) {
            report = new LegacyTlsReport(database, NamedQueries.standard(), clock)
                    .build(options.window(clock, otherwise));
        }
        int conditionCode = FailOnCondition.exitCode(options.failOn, report);
        if (options.out == null) {
            PrintWriter out = commandLine.getOut();
            try {
                render(report, options.section, format.renderer(), out);
                out.flush();
            } catch (ConsoleStreams.OutputFailure failure) {
                if (failure.readerWentAway() && conditionCode != ExitCodes.OK) {
                    // | head stopped reading: the report was judged all the same, and monitoring needs its code.
                    return conditionCode;
                }
                throw failure;
            }
        } else {
            for (Path written : write(report, format, options, commandLine)) {
                ErrorOutput.println(commandLine.getErr(), "report written: " + written);
            }
            if (options.keep != null) {
                // Counted back from the week reported, so a report written for an earlier week is never its own victim,
                // and never from later than today, so a window in the future (a typo: 2042-W11) deletes nothing kept.
                LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
                LocalDate reportedUpTo = report.window()
                        .until()
                        .map(LocalDateTime::toLocalDate)
                        .filter(end -> end.isBefore(today))
                        .orElse(today);
                for (Path deleted : ReportRetention.prune(options.out, options.keep, reportedUpTo)) {
                    ErrorOutput.println(
                            commandLine.getErr(), "old report deleted (--keep " + options.keep + "): " + deleted);
                }
            }
            commandLine.getErr().flush();
        }
        return conditionCode;
    }

    private static List<Path> write(Report report, FormatOption format, ReportOptions options, CommandLine commandLine)
            throws IOException {
        if (ReportFiles.isFolder(options.out, outAsGiven(commandLine, options))) {
            List<OutputFormat> formats = format.given() ? format.all() : Arrays.asList(OutputFormat.values());
            return ReportFiles.writeInto(options.out, report, formats, format.wide);
        }
        OutputFormat chosen = format.given()
                ? format.format()
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

    /** True when writing {@code out} would replace the database or its write-ahead log. */
    private static boolean writesOver(Path out, Path databaseFile) {
        Path target = out.toAbsolutePath().normalize();
        Path database = databaseFile.toAbsolutePath().normalize();
        if (target.equals(database) || target.equals(Path.of(database + ".wal"))) {
            return true;
        }
        try {
            return Files.exists(target) && Files.isSameFile(target, database);
        } catch (IOException e) {
            return false;
        }
    }

    private static String outAsGiven(CommandLine commandLine, ReportOptions options) {
        var matched = commandLine.getParseResult().matchedOption("--out");
        return matched == null ? options.out.toString() : matched.stringValues().get(0);
    }
}
