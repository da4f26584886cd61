package io.tlsaudit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.cli.TlsAuditCommand;
import io.tlsaudit.store.ResultTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code export} over the sample logs, read back with DuckDB's own {@code read_parquet(..., hive_partitioning =
 * true)} and compared row for row, column for column, with the database after every change: a re-export, a window,
 * an incremental export, a killed run, hostile server names.
 */
class ParquetExportTest {

    @TempDir
    Path folder;

    private Path database;
    private Path out;

    @BeforeEach
    void ingestSampleLogs() {
        database = folder.resolve("audit.duckdb");
        out = folder.resolve("export");
        Run ingest = run("ingest", "--quiet", "--db", database.toString(), "sample-logs");
        assertTrue(ingest.exit == 0 || ingest.exit == 3, ingest.err);
    }

    @Test
    void theExportHoldsEveryRowOfEveryTableAndNothingElse() throws Exception {
        Run export = export();
        assertEquals(0, export.exit, export.err);

        assertRoundTrip();
        // The sample logs' 95 connections (sample-logs/README.md) and their request groups, problems and files.
        assertEquals(95, exportedRows("smtp_sessions"));
        assertTrue(exportedRows("iis_requests") > 0);
        assertTrue(exportedRows("ingest_errors") > 0);
        assertTrue(exportedRows("ingested_files") > 0);
        // The partition columns are those of the rows: a connection's day is the day it started.
        assertEquals(
                0L,
                scalar("SELECT count(*) FROM " + parquet("smtp_sessions") + " WHERE day <> CAST(started_at AS DATE)"));
        assertTrue(Files.isDirectory(out.resolve("smtp_sessions/day=2024-03-12/server=EX01")));
        assertTrue(Files.isRegularFile(out.resolve(ExportFolder.MARKER)));
        assertFalse(Files.exists(out.resolve(ExportFolder.STAGING)), "the staging folder is removed");
        assertTrue(export.out.contains("smtp_sessions"), export.out);
    }

    @Test
    void exportingAgainReplacesDaysAndNeverDuplicatesRows() throws Exception {
        assertEquals(0, export().exit);
        change("UPDATE smtp_sessions SET cipher = 'CHANGED' WHERE started_at::DATE = DATE '2024-03-12'");
        Run again = export();

        assertEquals(0, again.exit, again.err);
        assertRoundTrip();
        assertEquals(95, exportedRows("smtp_sessions"));
    }

    @Test
    void aWindowReplacesItsDaysAndOnlyTheChangedDaysOutsideItThatTheFolderHolds() throws Exception {
        assertEquals(0, export("--week", "2024-W11").exit);
        assertEquals(0, export("--since", "2024-03-04", "--until", "2024-03-04").exit);
        change("UPDATE smtp_sessions SET cipher = 'INSIDE' WHERE started_at::DATE = DATE '2024-03-12'");
        change("UPDATE smtp_sessions SET cipher = 'OUTSIDE' WHERE started_at::DATE = DATE '2024-03-04'");
        change("UPDATE smtp_sessions SET cipher = 'NOT EXPORTED' WHERE started_at::DATE = DATE '2024-03-05'");
        change("DELETE FROM smtp_sessions WHERE started_at::DATE = DATE '2024-03-15'");

        Run week = export("--week", "2024-W11");

        assertEquals(0, week.exit, week.err);
        assertEquals(
                scalar("SELECT count(*) FROM audit.smtp_sessions WHERE started_at::DATE = DATE '2024-03-12'"),
                scalar("SELECT count(*) FROM " + parquet("smtp_sessions") + " WHERE cipher = 'INSIDE'"));
        // 2024-03-04 is in the folder and changed: brought up to date, or a row moved out of it would be there twice.
        assertEquals(5L, scalar("SELECT count(*) FROM " + parquet("smtp_sessions") + " WHERE cipher = 'OUTSIDE'"));
        assertTrue(week.out.contains("1 of the days written lie outside the window"), week.out);
        // 2024-03-05 was never exported to this folder: a window does not add it.
        assertFalse(Files.exists(out.resolve("smtp_sessions/day=2024-03-05")));
        assertFalse(Files.exists(out.resolve("smtp_sessions/day=2024-03-15")), "a day without rows is removed");

        assertEquals(0, export().exit);
        assertRoundTrip();
    }

    @Test
    void aDayWithMoreServersThanOneCopyWritesIsWrittenInPartsAndWhole() throws Exception {
        // 150 servers on one day, and ledger rows of 100 servers and no server on another: more partitions than one
        // COPY writes (ParquetExport.PARTITIONS_PER_COPY), so both days are written in parts by server.
        change("INSERT INTO smtp_sessions SELECT s.* REPLACE ('SRV' || n.i AS server, s.session_id || n.i AS"
                + " session_id) FROM (SELECT * FROM smtp_sessions WHERE started_at::DATE = DATE '2024-03-12' LIMIT 1)"
                + " s, range(150) n(i)");
        change("INSERT INTO ingested_files SELECT f.* REPLACE ('/logs/extra/' || n.i AS path, CASE WHEN n.i % 10 = 0"
                + " THEN NULL ELSE 'LEDGER' || n.i END AS server, TIMESTAMP '2023-01-05 10:00' AS modified_at) FROM"
                + " (SELECT * FROM ingested_files LIMIT 1) f, range(100) n(i)");

        Run export = export();

        assertEquals(0, export.exit, export.err);
        assertRoundTrip();
        try (Stream<Path> servers = Files.list(out.resolve("smtp_sessions/day=2024-03-12"))) {
            assertEquals(
                    150
                            + scalar("SELECT count(DISTINCT server) FROM audit.smtp_sessions WHERE started_at::DATE ="
                                    + " DATE '2024-03-12' AND server NOT LIKE 'SRV%'"),
                    servers.count(),
                    "the sample servers of the day and the 150 added");
        }
        assertTrue(Files.isDirectory(out.resolve("ingested_files/day=2023-01-05/server=__HIVE_DEFAULT_PARTITION__")));
    }

    @Test
    void aWindowThatStartsAndEndsInsideADayExportsTheWholeDay() throws Exception {
        Run hour = export("--since", "2024-03-12T10:00", "--until", "2024-03-12T11:00");

        assertEquals(0, hour.exit, hour.err);
        assertTrue(hour.out.contains("2024-03-12"), hour.out);
        assertEquals(
                scalar("SELECT count(*) FROM audit.smtp_sessions WHERE started_at::DATE = DATE '2024-03-12'"),
                exportedRows("smtp_sessions"));
    }

    @Test
    void anIncrementalExportWritesOnlyTheDaysThatChangedOrAreMissing() throws Exception {
        Run first = export("--incremental");
        assertEquals(0, first.exit, first.err);
        assertRoundTrip();

        Run nothing = export("--incremental");
        assertEquals(List.of(0, 0, 0, 0), writtenDays(nothing));

        change("UPDATE smtp_sessions SET peer_name = 'changed.example' WHERE started_at::DATE = DATE '2024-03-13'");
        Run oneDay = export("--incremental");
        assertEquals(List.of(1, 0, 0, 0), writtenDays(oneDay));
        assertRoundTrip();

        deleteTree(out.resolve("iis_requests/day=2024-03-13"));
        Run missing = export("--incremental");
        assertEquals(List.of(0, 1, 0, 0), writtenDays(missing));
        assertRoundTrip();

        change("DELETE FROM smtp_sessions WHERE started_at::DATE = DATE '2024-03-14'");
        assertEquals(0, export("--incremental").exit);
        assertFalse(Files.exists(out.resolve("smtp_sessions/day=2024-03-14")));
        assertRoundTrip();
    }

    @Test
    void aRunKilledBetweenItsRenamesIsMadeGoodByTheNextExport() throws Exception {
        assertEquals(0, export().exit);
        // What a run killed after moving a day aside, before moving its new copy in, leaves behind.
        Path aside = out.resolve(ExportFolder.STAGING).resolve("old/smtp_sessions/day=2024-03-12");
        Files.createDirectories(aside.getParent());
        Files.move(out.resolve("smtp_sessions/day=2024-03-12"), aside);
        Files.createDirectories(out.resolve(ExportFolder.STAGING).resolve("new/smtp_sessions/day=2024-03-12"));

        Run next = export("--incremental");

        assertEquals(0, next.exit, next.err);
        assertRoundTrip();
        assertFalse(Files.exists(out.resolve(ExportFolder.STAGING)));
    }

    @Test
    void serverNamesThatAreNotPlainWordsSurviveThePathAndStayInTheirTable() throws Exception {
        change("UPDATE smtp_sessions SET server = 'EX/02=a%b ü..' WHERE server = 'EX02'");
        change("UPDATE smtp_sessions SET server = '../..' WHERE server = 'EXHUB10'");
        change("UPDATE iis_requests SET server = '2024' WHERE server = 'EX02'");
        change("UPDATE ingested_files SET server = NULL WHERE server = 'EX02'");

        Run export = export();

        assertEquals(0, export.exit, export.err);
        assertRoundTrip();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path path : all.filter(Files::isRegularFile).toList()) {
                Path relative = out.relativize(path);
                assertTrue(
                        relative.getNameCount() == 1 || relative.getNameCount() == 4,
                        "a file outside TABLE/day=/server=: " + relative);
            }
        }
    }

    @Test
    void aFolderOfAnotherDatabaseOrOfOtherFilesIsRefusedAndLeftAlone() throws Exception {
        assertEquals(0, export().exit);
        Path other = folder.resolve("other.duckdb");
        assertTrue(List.of(0, 3).contains(run("ingest", "--quiet", "--db", other.toString(), "sample-logs").exit));

        Run refused = run("export", "--db", other.toString(), "--out", out.toString());

        assertEquals(1, refused.exit);
        assertTrue(refused.err.contains("holds the export of another database"), refused.err);
        assertRoundTrip();

        Path notAnExport = Files.createDirectories(folder.resolve("home"));
        Files.writeString(notAnExport.resolve("notes.txt"), "mine");
        Run notEmpty = run("export", "--db", database.toString(), "--out", notAnExport.toString());
        assertEquals(1, notEmpty.exit);
        assertTrue(notEmpty.err.contains("is not empty and holds no tlsaudit export"), notEmpty.err);
        try (Stream<Path> left = Files.list(notAnExport)) {
            assertEquals(List.of(notAnExport.resolve("notes.txt")), left.toList());
        }
    }

    @Test
    void usageErrorsAndAMissingDatabaseAreReportedWithoutWritingAnything() {
        Run csv = export("--format", "csv");
        assertEquals(2, csv.exit);
        assertTrue(csv.err.contains("export writes parquet only"), csv.err);

        Run noOut = run("export", "--db", database.toString());
        assertEquals(2, noOut.exit);

        Run noDatabase = run("export", "--db", folder.resolve("missing.duckdb").toString(), "--out", out.toString());
        assertEquals(1, noDatabase.exit);
        assertTrue(noDatabase.err.contains("no database at"), noDatabase.err);
        assertFalse(Files.exists(out));
    }

    // ---- helpers

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run export(String... options) {
        List<String> args = new ArrayList<>(List.of("export", "--db", database.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    /** The "written" column of an export's summary, in table order. */
    private static List<Integer> writtenDays(Run export) {
        assertEquals(0, export.exit, export.err);
        List<Integer> written = new ArrayList<>();
        for (ExportTable table : ExportTable.values()) {
            String line = export.out
                    .lines()
                    .filter(l -> l.strip().startsWith(table.tableName() + " "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(export.out));
            written.add(Integer.parseInt(line.strip().split("\\s+")[1]));
        }
        return written;
    }

    private String parquet(String table) {
        return "read_parquet('" + out.resolve(table) + "/**/*.parquet', hive_partitioning = true,"
                + " hive_types = {'day': DATE, 'server': VARCHAR})";
    }

    /** Every table's rows, all columns, sorted, equal in the database and in the export. */
    private void assertRoundTrip() throws SQLException {
        for (ExportTable table : ExportTable.values()) {
            List<String> columns = new ArrayList<>();
            try (Connection connection = attached();
                    Statement statement = connection.createStatement()) {
                try (ResultSet r = statement.executeQuery("SELECT column_name FROM information_schema.columns WHERE"
                        + " table_catalog = 'audit' AND table_name = '" + table.tableName()
                        + "' ORDER BY ordinal_position")) {
                    while (r.next()) {
                        columns.add('"' + r.getString(1) + '"');
                    }
                }
                String list = String.join(", ", columns);
                ResultTable stored =
                        read(statement, "SELECT " + list + " FROM audit." + table.tableName() + " ORDER BY ALL");
                ResultTable exported = Files.isDirectory(out.resolve(table.tableName()))
                        ? read(statement, "SELECT " + list + " FROM " + parquet(table.tableName()) + " ORDER BY ALL")
                        : new ResultTable(stored.columns(), List.of());
                assertEquals(stored.columns(), exported.columns(), table.tableName());
                assertEquals(stored.rows().size(), exported.rows().size(), table.tableName() + " rows");
                for (int i = 0; i < stored.rows().size(); i++) {
                    assertEquals(stored.rows().get(i), exported.rows().get(i), table.tableName() + " row " + i);
                }
            }
        }
    }

    private static ResultTable read(Statement statement, String sql) throws SQLException {
        try (ResultSet r = statement.executeQuery(sql)) {
            return ResultTable.read(r);
        }
    }

    private long exportedRows(String table) throws SQLException {
        return scalar("SELECT count(*) FROM " + parquet(table));
    }

    private long scalar(String sql) throws SQLException {
        try (Connection connection = attached();
                Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** An in-memory DuckDB with the database attached read-only as {@code audit}. */
    private Connection attached() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + database + "' AS audit (READ_ONLY)");
        }
        return connection;
    }

    private void change(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
