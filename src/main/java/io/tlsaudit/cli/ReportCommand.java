package io.tlsaudit.cli;

import io.tlsaudit.report.ReportWindow;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tlsaudit report}: the legacy-TLS report from the database. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prints the legacy-TLS report: readiness for switching TLS 1.0/1.1 off, changes since the previous"
                    + " period, peers still on legacy TLS (and whether they would break without it), weak crypto,"
                    + " peers that never use TLS, TLS failures, trends and the coverage of the logs read.",
            "The window is the last full ISO week (Monday to Monday, UTC) unless --week, --last or --since/--until"
                    + " say otherwise. The database is opened read-only.",
            "",
            "Examples:",
            "  java -jar tlsaudit.jar report --db audit.duckdb",
            "  java -jar tlsaudit.jar report --db audit.duckdb --week 2026-W47 --out reports/",
            "  java -jar tlsaudit.jar report --db audit.duckdb --last 24h --fail-on new-legacy --out today.html",
            "  java -jar tlsaudit.jar report --db audit.duckdb --since 2026-11-01 --until 2026-11-07 --format markdown",
            "  java -jar tlsaudit.jar report --db audit.duckdb --section legacy-peers --format csv > legacy.csv"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.HELP_OK,
            ExitCodes.HELP_FAILURE,
            ExitCodes.HELP_USAGE,
            ExitCodes.HELP_LEGACY_TLS,
            ExitCodes.HELP_LEGACY_ONLY,
            ExitCodes.HELP_WEAK_CRYPTO,
            ExitCodes.HELP_PLAINTEXT,
            ExitCodes.HELP_NEW_LEGACY
        })
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOption database;

    @Mixin
    FormatOption format;

    @Mixin
    ReportOptions options;

    @Mixin
    VerboseOption verbose;

    /** Tests fix the clock so the report's timestamp and default window are stable. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        return ReportPrinter.print(
                database.database,
                format,
                options,
                ReportWindow.lastFullWeek(LocalDateTime.now(clock)),
                spec.commandLine(),
                clock);
    }
}
