package io.tlsaudit.cli;

import io.tlsaudit.export.ExportDays;
import io.tlsaudit.export.ParquetExport;
import io.tlsaudit.export.ParquetExport.TableResult;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.store.AuditDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tlsaudit export}: the stored tables as hive-partitioned Parquet for Spark, Trino or DuckDB. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes smtp_sessions, iis_requests, ingest_errors and ingested_files (the ledger) into DIR as"
                    + " hive-partitioned Parquet: DIR/TABLE/day=YYYY-MM-DD/server=NAME/*.parquet (UTC days), which"
                    + " Spark, Trino, Hive and DuckDB read as tables (README.md gives the statements).",
            "Each day is written whole: --week, --last or --since/--until choose the days (a window that starts or"
                    + " ends inside a day covers that day), all days without them. Exporting a day again replaces it;"
                    + " a day that holds no rows any more is removed. --incremental writes only the days whose rows"
                    + " changed since they were last exported to DIR (recorded in the database's exported_days).",
            "DIR belongs to one database: it must be new or empty the first time, and another database's export in"
                    + " it is refused.",
            "",
            "Examples:",
            "  java -jar tlsaudit.jar export --db audit.duckdb --out /data/tlsaudit-export",
            "  java -jar tlsaudit.jar export --db audit.duckdb --out /data/tlsaudit-export --incremental",
            "  java -jar tlsaudit.jar export --db audit.duckdb --out /data/tlsaudit-export --week 2026-W47"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE})
final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOption database;

    @Mixin
    VerboseOption verbose;

    @Mixin
    WindowOptions window;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The export folder.")
    Path out;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "parquet",
            description = "parquet (the only format).")
    String format;

    @Option(
            names = "--incremental",
            description = "Write only the days that changed since the last export to DIR, or are missing from it.")
    boolean incremental;

    @Option(
            names = "--take-over",
            description = "Make DIR this database's export although another database, or another copy of this one,"
                    + " exported to it (after moving the database file, say): every day is written again, and days"
                    + " this database does not hold are removed.")
    boolean takeOver;

    @Override
    public Integer call() {
        window.check(spec.commandLine());
        if (!format.toLowerCase(Locale.ROOT).equals("parquet")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--format '" + format + "': export writes parquet only");
        }
        if (out.toString().isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out is empty; give the export folder");
        }
        ExportDays days = ExportDays.covering(window.window(Clock.systemUTC(), ReportWindow.ALL));
        // Taking a folder over writes every day again: there is nothing to compare with.
        boolean changedOnly = incremental && !takeOver;
        long started = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        ParquetExport.Result result;
        try (AuditDatabase store = AuditDatabase.openForExport(database.database)) {
            result = new ParquetExport(store)
                    .run(out, days, changedOnly, takeOver, warning -> ErrorOutput.println(err, "warning: " + warning));
        }
        print(result, days, changedOnly, (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }

    private void print(ParquetExport.Result result, ExportDays days, boolean changedOnly, double seconds) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "Exported %s (%s, UTC) to %s as Parquet%s%s:%n",
                database.database,
                days.label(),
                result.folder(),
                changedOnly ? ", changed days only" : "",
                result.takenOver() ? ", taken over from the database its marker named" : "");
        out.printf(
                Locale.ROOT,
                "  %-16s %8s %8s %10s %12s %10s%n",
                "table",
                "written",
                "removed",
                "unchanged",
                "rows",
                "MB");
        long rows = 0;
        long bytes = 0;
        int outside = 0;
        for (TableResult table : result.tables()) {
            out.printf(
                    Locale.ROOT,
                    "  %-16s %8d %8d %10d %12d %10.1f%n",
                    table.table().tableName(),
                    table.written(),
                    table.removed(),
                    table.unchanged(),
                    table.rows(),
                    table.bytes() / 1e6);
            rows += table.rows();
            bytes += table.bytes();
            outside += table.outside();
        }
        out.printf(Locale.ROOT, "  (days per table; %d rows, %.1f MB written in %.1f s)%n", rows, bytes / 1e6, seconds);
        if (outside > 0) {
            out.printf(
                    Locale.ROOT,
                    "  %d of the days written lie outside the window: the folder held them, and"
                            + " rows moved into or out of them since they were exported%n",
                    outside);
        }
        out.flush();
    }
}
