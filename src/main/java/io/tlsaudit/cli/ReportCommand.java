package io.tlsaudit.cli;

import java.time.Clock;
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
            "Prints the legacy-TLS report: connections by protocol, peers still on TLS 1.0/1.1 or SSL (and whether"
                    + " they would break without it), peers that never use TLS, TLS failures, and the ciphers in use.",
            "The database is opened read-only.",
            "",
            "Examples:",
            "  java -jar tlsaudit.jar report --db audit.duckdb",
            "  java -jar tlsaudit.jar report --db audit.duckdb --since 2026-11-01 --until 2026-11-07 --format markdown",
            "  java -jar tlsaudit.jar report --db audit.duckdb --section legacy-peers --format csv > legacy.csv"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE})
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

    @Override
    public Integer call() throws Exception {
        return ReportPrinter.print(database.database, format, options, spec.commandLine(), Clock.systemUTC());
    }
}
