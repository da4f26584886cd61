package io.tlsaudit.cli;

import io.tlsaudit.report.ReportWindow;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tlsaudit analyze}: ingest, then report, in one go. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Ingests the logs under PATH (as 'ingest' does) and prints the legacy-TLS report (as 'report' does), over"
                    + " everything stored unless --week, --last or --since/--until give a window.",
            "Progress and problems go to stderr, the report to stdout.",
            "",
            "Example:  java -jar target/tlsaudit.jar analyze sample-logs"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.HELP_OK,
            ExitCodes.HELP_FAILURE,
            ExitCodes.HELP_USAGE,
            ExitCodes.HELP_COMPLETED_WITH_PROBLEMS_BEFORE_FAIL_ON,
            ExitCodes.HELP_LEGACY_TLS,
            ExitCodes.HELP_LEGACY_ONLY,
            ExitCodes.HELP_WEAK_CRYPTO,
            ExitCodes.HELP_PLAINTEXT,
            ExitCodes.HELP_NEW_LEGACY
        })
final class AnalyzeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOption database;

    @Mixin
    LogSourceOptions sources;

    @Mixin
    FormatOption format;

    @Mixin
    ReportOptions options;

    @Mixin
    VerboseOption verbose;

    /** Tests fix the clock so the report's timestamp is stable. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        // Options are checked before the ingest, so a typo does not cost a long read of the share.
        ReportPrinter.checkOptions(options, format, database.database, commandLine);
        sources.iisFieldNames();
        var summary = IngestRunner.run(sources, database.database, verbose, commandLine.getErr());
        if (summary == null) {
            return ExitCodes.FAILURE;
        }
        int reported = ReportPrinter.print(database.database, format, options, ReportWindow.ALL, commandLine, clock);
        // What --fail-on asks to be told, and a failed report, say more than files that could not be read.
        return reported == ExitCodes.OK && summary.completedWithProblems()
                ? ExitCodes.COMPLETED_WITH_PROBLEMS
                : reported;
    }
}
