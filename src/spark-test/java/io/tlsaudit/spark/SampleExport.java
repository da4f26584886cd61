package io.tlsaudit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.cli.ExitCodes;
import io.tlsaudit.cli.TlsAuditCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The sample logs ingested into a database and that database exported as hive-partitioned Parquet, the way a user
 * does it: {@code ingest --db FILE sample-logs}, then the export.
 *
 * @param database the DuckDB file
 * @param export the export's root: {@code <table>/day=YYYY-MM-DD/server=NAME/*.parquet} below it
 */
record SampleExport(Path database, Path export) {

    /** The tables the README declares on other engines, those the export partitions by day and server. */
    static final List<String> TABLES = List.of("smtp_sessions", "iis_requests");

    /** Ingests {@code sample-logs/} into {@code folder/samples.duckdb} and exports it to {@code folder/export}. */
    static SampleExport write(Path folder) throws IOException, SQLException {
        Path database = folder.resolve("samples.duckdb");
        Path export = folder.resolve("export");
        CommandLine ingest = TlsAuditCommand.commandLine();
        StringWriter err = new StringWriter();
        ingest.setErr(new PrintWriter(err, true));
        // Malformed lines of the samples are reported and counted, not fatal: ingest exits OK.
        assertEquals(
                ExitCodes.OK, ingest.execute("ingest", "--db", database.toString(), "sample-logs"), err.toString());
        exportWithDuckDb(database, export);
        return new SampleExport(database, export);
    }

    /**
     * Stand-in for {@code tlsaudit export} until it is merged: the layout and the statement the export command
     * documents, DuckDB's own hive-partitioned COPY.
     */
    private static void exportWithDuckDb(Path database, Path export) throws IOException, SQLException {
        Files.createDirectories(export);
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database, readOnly);
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT *, CAST(started_at AS DATE) AS day FROM smtp_sessions) TO '"
                    + export.resolve("smtp_sessions") + "' (FORMAT parquet, PARTITION_BY (day, server))");
            statement.execute("COPY (SELECT *, CAST(logged_at AS DATE) AS day FROM iis_requests) TO '"
                    + export.resolve("iis_requests") + "' (FORMAT parquet, PARTITION_BY (day, server))");
        }
    }
}
