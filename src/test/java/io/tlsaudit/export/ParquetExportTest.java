package io.tlsaudit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} over the sample logs, read back with DuckDB's own {@code read_parquet(..., hive_partitioning =
 * true)} and compared row for row, column for column, with the database after every change: a re-export, a window,
 * an incremental export, a killed run, hostile server names.
 */
class ParquetExportTest {

    @TempDir
    Path folder;

    private ExportFixture sample;
    private Path database;
    private Path out;

    @BeforeEach
    void ingestSampleLogs() {
        sample = ExportFixture.sampleLogs(folder);
        database = sample.database;
        out = sample.out;
    }

    @Test
    void theExportHoldsEveryRowOfEveryTableAndNothingElse() throws Exception {
        ExportFixture.Run export = sample.export();
        assertEquals(0, export.exit(), export.err());

        sample.assertRoundTrip();
        // The sample logs' 95 connections (sample-logs/README.md) and their request groups, problems and files.
        assertEquals(95, sample.exportedRows("smtp_sessions"));
        assertTrue(sample.exportedRows("iis_requests") > 0);
        assertTrue(sample.exportedRows("ingest_errors") > 0);
        assertTrue(sample.exportedRows("ingested_files") > 0);
        // The partition columns are those of the rows: a connection's day is the day it started.
        assertEquals(
                0L,
                sample.scalar("SELECT count(*) FROM " + sample.parquet("smtp_sessions")
                        + " WHERE day <> CAST(started_at AS DATE)"));
        assertTrue(Files.isDirectory(out.resolve("smtp_sessions/day=2024-03-12/server=EX01")));
        assertTrue(Files.isRegularFile(out.resolve(ExportFolder.MARKER)));
        assertFalse(Files.exists(out.resolve(ExportFolder.STAGING)), "the staging folder is removed");
        assertTrue(export.out().contains("smtp_sessions"), export.out());
    }

    @Test
    void exportingAgainReplacesDaysAndNeverDuplicatesRows() throws Exception {
        assertEquals(0, sample.export().exit());
        sample.change("UPDATE smtp_sessions SET cipher = 'CHANGED' WHERE started_at::DATE = DATE '2024-03-12'");
        ExportFixture.Run again = sample.export();

        assertEquals(0, again.exit(), again.err());
        sample.assertRoundTrip();
        assertEquals(95, sample.exportedRows("smtp_sessions"));
    }

    @Test
    void aWindowReplacesItsDaysAndOnlyTheChangedDaysOutsideItThatTheFolderHolds() throws Exception {
        assertEquals(0, sample.export("--week", "2024-W11").exit());
        assertEquals(
                0,
                sample.export("--since", "2024-03-04", "--until", "2024-03-04").exit());
        sample.change("UPDATE smtp_sessions SET cipher = 'INSIDE' WHERE started_at::DATE = DATE '2024-03-12'");
        sample.change("UPDATE smtp_sessions SET cipher = 'OUTSIDE' WHERE started_at::DATE = DATE '2024-03-04'");
        sample.change("UPDATE smtp_sessions SET cipher = 'NOT EXPORTED' WHERE started_at::DATE = DATE '2024-03-05'");
        sample.change("DELETE FROM smtp_sessions WHERE started_at::DATE = DATE '2024-03-15'");

        ExportFixture.Run week = sample.export("--week", "2024-W11");

        assertEquals(0, week.exit(), week.err());
        assertEquals(
                sample.scalar("SELECT count(*) FROM audit.smtp_sessions WHERE started_at::DATE = DATE '2024-03-12'"),
                sample.scalar("SELECT count(*) FROM " + sample.parquet("smtp_sessions") + " WHERE cipher = 'INSIDE'"));
        // 2024-03-04 is in the folder and changed: brought up to date, or a row moved out of it would be there twice.
        assertEquals(
                5L,
                sample.scalar("SELECT count(*) FROM " + sample.parquet("smtp_sessions") + " WHERE cipher = 'OUTSIDE'"));
        assertTrue(week.out().contains("1 of the days written lie outside the window"), week.out());
        // 2024-03-05 was never exported to this folder: a window does not add it.
        assertFalse(Files.exists(out.resolve("smtp_sessions/day=2024-03-05")));
        assertFalse(Files.exists(out.resolve("smtp_sessions/day=2024-03-15")), "a day without rows is removed");

        assertEquals(0, sample.export().exit());
        sample.assertRoundTrip();
    }

    @Test
    void aDayWithMoreServersThanOneCopyWritesIsWrittenInPartsAndWhole() throws Exception {
        // 150 servers on one day, and ledger rows of 100 servers and no server on another: more partitions than one
        // COPY writes (ParquetExport.PARTITIONS_PER_COPY), so both days are written in parts by server.
        sample.change("INSERT INTO smtp_sessions SELECT s.* REPLACE ('SRV' || n.i AS server, s.session_id || n.i AS"
                + " session_id) FROM (SELECT * FROM smtp_sessions WHERE started_at::DATE = DATE '2024-03-12' LIMIT 1)"
                + " s, range(150) n(i)");
        sample.change(
                "INSERT INTO ingested_files SELECT f.* REPLACE ('/logs/extra/' || n.i AS path, CASE WHEN n.i % 10 = 0"
                        + " THEN NULL ELSE 'LEDGER' || n.i END AS server, TIMESTAMP '2023-01-05 10:00' AS modified_at) FROM"
                        + " (SELECT * FROM ingested_files LIMIT 1) f, range(100) n(i)");

        ExportFixture.Run export = sample.export();

        assertEquals(0, export.exit(), export.err());
        sample.assertRoundTrip();
        try (Stream<Path> servers = Files.list(out.resolve("smtp_sessions/day=2024-03-12"))) {
            assertEquals(
                    150
                            + sample.scalar(
                                    "SELECT count(DISTINCT server) FROM audit.smtp_sessions WHERE started_at::DATE ="
                                            + " DATE '2024-03-12' AND server NOT LIKE 'SRV%'"),
                    servers.count(),
                    "the sample servers of the day and the 150 added");
        }
        assertTrue(Files.isDirectory(out.resolve("ingested_files/day=2023-01-05/server=__HIVE_DEFAULT_PARTITION__")));
    }

    @Test
    void aWindowThatStartsAndEndsInsideADayExportsTheWholeDay() throws Exception {
        ExportFixture.Run hour = sample.export("--since", "2024-03-12T10:00", "--until", "2024-03-12T11:00");

        assertEquals(0, hour.exit(), hour.err());
        assertTrue(hour.out().contains("2024-03-12"), hour.out());
        assertEquals(
                sample.scalar("SELECT count(*) FROM audit.smtp_sessions WHERE started_at::DATE = DATE '2024-03-12'"),
                sample.exportedRows("smtp_sessions"));
    }

    @Test
    void anIncrementalExportWritesOnlyTheDaysThatChangedOrAreMissing() throws Exception {
        ExportFixture.Run first = sample.export("--incremental");
        assertEquals(0, first.exit(), first.err());
        sample.assertRoundTrip();

        ExportFixture.Run nothing = sample.export("--incremental");
        assertEquals(List.of(0, 0, 0, 0), writtenDays(nothing));

        sample.change(
                "UPDATE smtp_sessions SET peer_name = 'changed.example' WHERE started_at::DATE = DATE '2024-03-13'");
        ExportFixture.Run oneDay = sample.export("--incremental");
        assertEquals(List.of(1, 0, 0, 0), writtenDays(oneDay));
        sample.assertRoundTrip();

        ExportFixture.deleteTree(out.resolve("iis_requests/day=2024-03-13"));
        ExportFixture.Run missing = sample.export("--incremental");
        assertEquals(List.of(0, 1, 0, 0), writtenDays(missing));
        sample.assertRoundTrip();

        sample.change("DELETE FROM smtp_sessions WHERE started_at::DATE = DATE '2024-03-14'");
        assertEquals(0, sample.export("--incremental").exit());
        assertFalse(Files.exists(out.resolve("smtp_sessions/day=2024-03-14")));
        sample.assertRoundTrip();
    }

    @Test
    void aRunKilledBetweenItsRenamesIsMadeGoodByTheNextExport() throws Exception {
        assertEquals(0, sample.export().exit());
        // What a run killed after moving a day aside, before moving its new copy in, leaves behind.
        Path aside = out.resolve(ExportFolder.STAGING).resolve("old/smtp_sessions/day=2024-03-12");
        Files.createDirectories(aside.getParent());
        Files.move(out.resolve("smtp_sessions/day=2024-03-12"), aside);
        Files.createDirectories(out.resolve(ExportFolder.STAGING).resolve("new/smtp_sessions/day=2024-03-12"));

        ExportFixture.Run next = sample.export("--incremental");

        assertEquals(0, next.exit(), next.err());
        sample.assertRoundTrip();
        assertFalse(Files.exists(out.resolve(ExportFolder.STAGING)));
    }

    @Test
    void serverNamesThatAreNotPlainWordsSurviveThePathAndStayInTheirTable() throws Exception {
        sample.change("UPDATE smtp_sessions SET server = 'EX/02=a%b ü..' WHERE server = 'EX02'");
        sample.change("UPDATE smtp_sessions SET server = '../..' WHERE server = 'EXHUB10'");
        sample.change("UPDATE iis_requests SET server = '2024' WHERE server = 'EX02'");
        sample.change("UPDATE ingested_files SET server = NULL WHERE server = 'EX02'");

        ExportFixture.Run export = sample.export();

        assertEquals(0, export.exit(), export.err());
        sample.assertRoundTrip();
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
        assertEquals(0, sample.export().exit());
        Path other = folder.resolve("other.duckdb");
        assertTrue(List.of(0, 3)
                .contains(ExportFixture.run("ingest", "--quiet", "--db", other.toString(), "sample-logs")
                        .exit()));

        ExportFixture.Run refused = ExportFixture.run("export", "--db", other.toString(), "--out", out.toString());

        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("holds the export of another database"), refused.err());
        sample.assertRoundTrip();

        Path notAnExport = Files.createDirectories(folder.resolve("home"));
        Files.writeString(notAnExport.resolve("notes.txt"), "mine");
        ExportFixture.Run notEmpty =
                ExportFixture.run("export", "--db", database.toString(), "--out", notAnExport.toString());
        assertEquals(1, notEmpty.exit());
        assertTrue(notEmpty.err().contains("is not empty and holds no tlsaudit export"), notEmpty.err());
        try (Stream<Path> left = Files.list(notAnExport)) {
            assertEquals(List.of(notAnExport.resolve("notes.txt")), left.toList());
        }
    }

    @Test
    void usageErrorsAndAMissingDatabaseAreReportedWithoutWritingAnything() {
        ExportFixture.Run csv = sample.export("--format", "csv");
        assertEquals(2, csv.exit());
        assertTrue(csv.err().contains("export writes parquet only"), csv.err());

        ExportFixture.Run noOut = ExportFixture.run("export", "--db", database.toString());
        assertEquals(2, noOut.exit());

        ExportFixture.Run noDatabase = ExportFixture.run(
                "export", "--db", folder.resolve("missing.duckdb").toString(), "--out", out.toString());
        assertEquals(1, noDatabase.exit());
        assertTrue(noDatabase.err().contains("no database at"), noDatabase.err());
        assertFalse(Files.exists(out));
    }

    /** The "written" column of an export's summary, in table order. */
    private static List<Integer> writtenDays(ExportFixture.Run export) {
        assertEquals(0, export.exit(), export.err());
        List<Integer> written = new ArrayList<>();
        for (ExportTable table : ExportTable.values()) {
            String line = export.out()
                    .lines()
                    .filter(l -> l.strip().startsWith(table.tableName() + " "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(export.out()));
            written.add(Integer.parseInt(line.strip().split("\\s+")[1]));
        }
        return written;
    }
}
