package io.tlsaudit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tlsaudit ingest}: read logs into the database. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Reads Exchange SMTP protocol logs (one row per connection, table smtp_sessions) and IIS W3C logs (requests"
                    + " grouped per client and hour, table iis_requests) into the database.",
            "Files already read and unchanged are skipped, so it can run on the same share every night.",
            "Malformed lines are reported on stderr, counted and kept in table ingest_errors; they never stop the run.",
            "",
            "Example:  java -jar tlsaudit.jar ingest --db audit.duckdb /mnt/exchange-logs"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.HELP_OK,
            ExitCodes.HELP_FAILURE,
            ExitCodes.HELP_USAGE,
            ExitCodes.HELP_COMPLETED_WITH_PROBLEMS
        })
final class IngestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOption database;

    @Mixin
    LogSourceOptions sources;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        sources.iisFieldNames(); // checks --iis-field before the walk
        var summary = IngestRunner.run(
                sources, database.database, verbose, spec.commandLine().getErr());
        if (summary == null) {
            return ExitCodes.FAILURE;
        }
        return summary.completedWithProblems() ? ExitCodes.COMPLETED_WITH_PROBLEMS : ExitCodes.OK;
    }
}
