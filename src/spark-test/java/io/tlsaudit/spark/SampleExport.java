package io.tlsaudit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.cli.ExitCodes;
import io.tlsaudit.cli.TlsAuditCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Logs ingested into a database and that database exported as hive-partitioned Parquet, the way a user does it,
 * with the commands run in-process: {@code ingest --db FILE LOGS...}, then {@code export --db FILE --out DIR}.
 *
 * @param database the DuckDB file
 * @param export the export's root: {@code <table>/day=YYYY-MM-DD/server=NAME/*.parquet} below it
 */
record SampleExport(Path database, Path export) {

    /** Ingests {@code logs} into the new database {@code database} and exports it to {@code export}. */
    static SampleExport write(Path database, Path export, String... logs) {
        ingest(database, logs);
        return export(database, export);
    }

    /** Ingests {@code logs} into {@code database}. */
    static void ingest(Path database, String... logs) {
        List<String> ingest = new ArrayList<>(List.of("ingest", "--db", database.toString()));
        ingest.addAll(List.of(logs));
        // Malformed lines of the samples are reported and counted, not fatal: ingest exits OK.
        run(ingest.toArray(String[]::new));
    }

    /** Exports {@code database} to {@code export}. */
    static SampleExport export(Path database, Path export) {
        run("export", "--db", database.toString(), "--out", export.toString());
        return new SampleExport(database, export);
    }

    private static void run(String... arguments) {
        CommandLine command = TlsAuditCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        assertEquals(ExitCodes.OK, command.execute(arguments), String.join(" ", arguments) + " failed:\n" + out + err);
    }
}
