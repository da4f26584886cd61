package io.tlsaudit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} against what a real share, a real operator and a killed process do to it: many days, long and
 * odd server names, a half-written marker, links and hand edits in the export folder, rows that move between days.
 * Each test states the behaviour wanted; every export is read back with DuckDB's {@code read_parquet(...,
 * hive_partitioning = true)} and compared with the database, as in {@link ParquetExportTest}.
 */
class ExportHostileTest {

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

    /**
     * One server with a bit more than a year of logs: 400 days, one connection a day. A single partitioned COPY
     * keeps every partition open (about 1 MB each), so at the 256 MB limit it fails from about 200 partitions on,
     * far below "years of logs from hundreds of servers".
     */
    @Test
    void anExportOfMoreThanAYearOfOneServerDoesNotRunOutOfMemory() throws Exception {
        sample.change(
                "INSERT INTO smtp_sessions SELECT s.* REPLACE (TIMESTAMP '2022-01-01 10:00' + to_days(d.i::INTEGER)"
                        + " AS started_at, s.session_id || '-' || d.i AS session_id) FROM (SELECT * FROM smtp_sessions"
                        + " WHERE server = 'EX01' LIMIT 1) s, range(0, 400) d(i)");

        ExportFixture.Run export = sample.export();

        assertEquals(0, export.exit(), export.err());
        sample.assertRoundTrip();
    }

    /** What a run killed after writing the marker's temporary file, before renaming it, leaves behind. */
    @Test
    void aRunKilledWhileClaimingTheFolderDoesNotLockTheFolderForever() throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve(ExportFolder.MARKER + ".partial"), "{\n  \"tlsaudit_export\": 1,\n");

        ExportFixture.Run export = sample.export();

        assertEquals(0, export.exit(), export.err());
        sample.assertRoundTrip();
    }

    /**
     * A table folder that is a link (planted, or made to move a table to another disk) must not let the export
     * write, replace or delete day folders somewhere else.
     */
    @Test
    void aTableFolderThatIsALinkDoesNotLetTheExportWriteOrDeleteOutsideTheFolder() throws Exception {
        assertEquals(0, sample.export().exit());
        Path elsewhere = Files.createDirectories(folder.resolve("elsewhere/day=2024-03-12"));
        Files.writeString(elsewhere.resolve("keep.txt"), "not the export's");
        ExportFixture.deleteTree(out.resolve("smtp_sessions"));
        Files.createSymbolicLink(out.resolve("smtp_sessions"), folder.resolve("elsewhere"));

        sample.export();

        assertTrue(Files.isRegularFile(elsewhere.resolve("keep.txt")), "a file outside the export was deleted");
        try (Stream<Path> left = Files.walk(folder.resolve("elsewhere"))) {
            assertEquals(
                    List.of(folder.resolve("elsewhere"), elsewhere, elsewhere.resolve("keep.txt")),
                    left.sorted().toList(),
                    "the export wrote outside its folder");
        }
    }

    /**
     * A server folder named with 45 Cyrillic letters is a valid folder name (90 bytes) on the share it was read
     * from, but DuckDB percent-encodes it to 277 bytes ({@code server=%D0%B4...}), beyond the 255 a file name may
     * have: the COPY failed and with it every export of the database, all tables. Such a name is exported under a
     * short ASCII partition name instead, with a warning naming it.
     */
    @Test
    void aServerNamedWithFortyFiveCyrillicLettersIsExportedUnderAShortName() throws Exception {
        String name = "д".repeat(45);
        sample.change("UPDATE smtp_sessions SET server = '" + name + "' WHERE server = 'EX02'");

        ExportFixture.Run export = sample.export();

        assertEquals(0, export.exit(), export.err());
        assertRenamed("smtp_sessions", name, "_".repeat(40) + "~" + md5Hex16(name), export);
    }

    /**
     * DuckDB's hive reader takes a partition value {@code NULL} (any case) and {@code __HIVE_DEFAULT_PARTITION__}
     * for a missing value, so these servers read back as NULL servers: their rows lost their server. They are
     * exported under a name that reads back as written, with a warning naming them.
     */
    @Test
    void serversNamedNullOrLikeTheHiveDefaultPartitionAreExportedUnderNamesThatReadBack() throws Exception {
        sample.change("UPDATE smtp_sessions SET server = 'NULL' WHERE server = 'EX02'");
        sample.change("UPDATE smtp_sessions SET server = 'null' WHERE server = 'EXHUB10'");
        sample.change("UPDATE iis_requests SET server = '__HIVE_DEFAULT_PARTITION__' WHERE server = 'EX02'");

        ExportFixture.Run export = sample.export();

        assertEquals(0, export.exit(), export.err());
        assertRenamed("smtp_sessions", "NULL", "NULL~" + md5Hex16("NULL"), export);
        assertRenamed("smtp_sessions", "null", "null~" + md5Hex16("null"), export);
        assertRenamed(
                "iis_requests",
                "__HIVE_DEFAULT_PARTITION__",
                "__HIVE_DEFAULT_PARTITION__~" + md5Hex16("__HIVE_DEFAULT_PARTITION__"),
                export);
        assertEquals(
                0L, sample.scalar("SELECT count(*) FROM " + sample.parquet("smtp_sessions") + " WHERE server IS NULL"));
    }

    /** The rows of {@code server} are exported, every other column as stored, under {@code partition}, as warned. */
    private void assertRenamed(String table, String server, String partition, ExportFixture.Run export)
            throws SQLException {
        assertTrue(export.err().contains("server '" + server + "' cannot be a partition folder's name"), export.err());
        assertTrue(export.err().contains("exported as server=" + partition), export.err());
        long stored = sample.scalar("SELECT count(*) FROM audit." + table + " WHERE server = '" + server + "'");
        assertTrue(stored > 0);
        assertEquals(
                stored,
                sample.scalar("SELECT count(*) FROM " + sample.parquet(table) + " WHERE server = '" + partition + "'"));
        assertEquals(
                0L,
                sample.scalar("SELECT count(*) FROM (SELECT * EXCLUDE (server) FROM audit." + table
                        + " EXCEPT ALL SELECT" + " * EXCLUDE (server, day) FROM " + sample.parquet(table) + ")"),
                "every other column as stored");
    }

    private static String md5Hex16(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A row moved by a later ingest from a day outside the window into it (the README names rows "moved to another
     * day") is written into its new day, and its old copy stays in the old day, which the window leaves alone: the
     * same connection twice in the export, although "re-running replaces, never duplicates".
     */
    @Test
    void aConnectionMovedIntoTheWindowFromADayOutsideItIsNotExportedTwice() throws Exception {
        assertEquals(0, sample.export().exit());
        sample.change("UPDATE smtp_sessions SET started_at = started_at + INTERVAL 8 DAY"
                + " WHERE started_at::DATE = DATE '2024-03-04'");

        ExportFixture.Run week = sample.export("--week", "2024-W11");

        assertEquals(0, week.exit(), week.err());
        assertEquals(
                0L,
                sample.scalar(
                        "SELECT count(*) FROM (SELECT session_id, server, source_file, started_at, count(*) AS copies"
                                + " FROM " + sample.parquet("smtp_sessions") + " GROUP BY ALL HAVING copies > 1)"),
                "connections exported twice");
        sample.assertRoundTrip();
    }

    /** "--incremental writes only the days whose rows changed ... or that are missing": part of a day is missing. */
    @Test
    void anIncrementalExportWritesADayAgainWhenOneOfItsServerFoldersWasDeleted() throws Exception {
        assertEquals(0, sample.export("--incremental").exit());
        ExportFixture.deleteTree(out.resolve("smtp_sessions/day=2024-03-12/server=EX01"));

        ExportFixture.Run again = sample.export("--incremental");

        assertEquals(0, again.exit(), again.err());
        sample.assertRoundTrip();
    }

    /**
     * The identity that keeps two databases out of one folder lives in the database file, so a copy of the file (a
     * second site set up from a copy, a restored backup running beside the original) passes as the same database:
     * its export replaces the original's days and removes the days it does not hold. Two such exports running at
     * once also break each other (NoSuchFileException, "DuckDB wrote no folder"), since nothing locks the folder.
     */
    @Test
    void aCopyOfTheDatabaseFileDoesNotReplaceOrRemoveTheOriginalsDays() throws Exception {
        assertEquals(0, sample.export().exit());
        Path copy = folder.resolve("copy.duckdb");
        Files.copy(database, copy);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + copy);
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM smtp_sessions WHERE started_at::DATE = DATE '2024-03-12'");
        }

        ExportFixture.run("export", "--db", copy.toString(), "--out", out.toString());

        assertTrue(Files.isDirectory(out.resolve("smtp_sessions/day=2024-03-12")), "the original's day was removed");
        sample.assertRoundTrip();
    }

    /** STYLE.md: messages say what is wrong and what was expected; not a Java exception's class name. */
    @Test
    void aFileGivenAsTheExportFolderIsRefusedInPlainWords() throws Exception {
        Path file = Files.writeString(folder.resolve("notes.txt"), "mine");

        ExportFixture.Run export = ExportFixture.run("export", "--db", database.toString(), "--out", file.toString());

        assertEquals(1, export.exit());
        assertTrue(export.err().contains("notes.txt"), export.err());
        assertFalse(export.err().contains("java.nio"), export.err());
        assertEquals("mine", Files.readString(file));
    }
}
