package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.testing.SmtpLogFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    private static final String ROW =
            "2024-03-12T10:00:0%d.000Z,EX01\\Default Frontend EX01,08DC3B4192B4C1A7,%d,10.0.0.11:25,10.40.8.23:49162,";

    @TempDir
    Path folder;

    private Path database;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeOneLegacyConnection() {
        SmtpLogFiles.writeLog(
                folder.resolve("share/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031210-1.LOG"),
                "Receive",
                List.of(
                        String.format(ROW, 0, 0) + "+,,",
                        String.format(ROW, 1, 1) + "<,EHLO =cmd|' /C calc'!A0,",
                        String.format(ROW, 2, 2) + "<,STARTTLS,",
                        String.format(ROW, 3, 3) + "*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using"
                                + " bulk encryption algorithm CALG_3DES with strength 168 bits, MAC hash algorithm CALG_SHA1"
                                + " with strength 160 bits and key exchange algorithm CALG_RSA_KEYX with strength 2048 bits\"",
                        String.format(ROW, 4, 4) + "-,,Local"));
        database = folder.resolve("audit.duckdb");
    }

    /** Runs {@code args} on the command line {@code main} builds for them. */
    private int run(String... args) {
        CommandLine commandLine = TlsAuditCommand.commandLine(args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private int ingest() {
        return run(
                "ingest", "--db", database.toString(), folder.resolve("share").toString());
    }

    @Test
    void analyzePrintsLegacyPeerAndExitsZero() {
        int exit = run(
                "analyze",
                "--db",
                database.toString(),
                "--wide",
                folder.resolve("share").toString());
        assertEquals(ExitCodes.OK, exit, err.toString());
        assertTrue(out.toString().contains("receive    10.40.8.23"), out.toString());
        assertTrue(out.toString().contains("TLS 1.0"));
        assertTrue(err.toString().contains("Ingested 1 log file ("), err.toString());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(ExitCodes.USAGE, run("report", "--format", "xml"));
        assertTrue(err.toString().contains("--format"), err.toString());
        assertEquals(ExitCodes.USAGE, run("ingest"));
        assertEquals(ExitCodes.USAGE, run("frobnicate"));
        assertEquals(ExitCodes.USAGE, run("report", "--since", "last tuesday"));
    }

    @Test
    void reportWithoutDatabaseFailsWithOneLine() {
        assertEquals(
                ExitCodes.FAILURE,
                run("report", "--db", folder.resolve("none.duckdb").toString()));
        assertTrue(err.toString().startsWith("tlsaudit report: no database at "), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void ingestOfFolderWithoutLogsFails() throws Exception {
        Files.createDirectories(folder.resolve("empty"));
        assertEquals(
                ExitCodes.FAILURE,
                run(
                        "ingest",
                        "--db",
                        database.toString(),
                        folder.resolve("empty").toString()));
        assertTrue(err.toString().contains("no Exchange SMTP protocol logs or IIS logs found"), err.toString());
    }

    @Test
    void queryRunsNamedQueryAndNeutralisesFormulasInCsv() {
        assertEquals(ExitCodes.OK, ingest());
        assertEquals(ExitCodes.OK, run("query", "--db", database.toString(), "--format", "csv", "legacy-peers"));
        String csv = out.toString();
        assertTrue(csv.startsWith("direction,remote_ip,peer_names,"), csv);
        assertTrue(csv.contains("receive,10.40.8.23,'=cmd|' /C calc'!A0,EX01,"), csv);
    }

    @Test
    void queryReportsSqlErrorsWithoutStackTrace() {
        assertEquals(ExitCodes.OK, ingest());
        assertEquals(ExitCodes.FAILURE, run("query", "--db", database.toString(), "SELECT nope FROM smtp_sessions"));
        assertTrue(err.toString().contains("nope"), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void queryOpensTheDatabaseReadOnly() {
        assertEquals(ExitCodes.OK, ingest());
        assertEquals(ExitCodes.FAILURE, run("query", "--db", database.toString(), "DELETE FROM smtp_sessions"));
        assertTrue(
                err.toString().toLowerCase().contains("read-only")
                        || err.toString().toLowerCase().contains("read only"),
                err.toString());
        out.getBuffer().setLength(0);
        assertEquals(
                ExitCodes.OK,
                run(
                        "query",
                        "--db",
                        database.toString(),
                        "--format",
                        "json",
                        "SELECT count(*) AS n FROM smtp_sessions"));
        assertEquals("{\"schema_version\": 1, \"columns\": [\"n\"], \"rows\": [\n  {\"n\": 1}\n]}\n", out.toString());
    }

    @Test
    void queryRunsExactlyOneStatement() {
        assertEquals(ExitCodes.OK, ingest());
        assertEquals(
                ExitCodes.USAGE,
                run("query", "--db", database.toString(), "SELECT 1; SELECT count(*) FROM smtp_sessions"));
        assertTrue(err.toString().contains("exactly one SQL statement; found 2"), err.toString());
    }

    @Test
    void queryCannotReachOtherFilesUnlessAllowed() throws Exception {
        assertEquals(ExitCodes.OK, ingest());
        Path raw = Files.createDirectories(folder.resolve("raw"));
        Path outside = raw.resolve("outside.csv");
        Files.writeString(outside, "secret\nvalue\n");
        String readOutside = "SELECT * FROM read_csv('" + outside + "')";
        assertEquals(ExitCodes.FAILURE, run("query", "--db", database.toString(), readOutside));
        assertFalse(out.toString().contains("value"), out.toString());
        assertTrue(err.toString().contains("tlsaudit query: "), err.toString());
        assertEquals(
                ExitCodes.OK,
                run("query", "--db", database.toString(), "--allow-files", raw.toString(), readOutside),
                err.toString());
        assertTrue(out.toString().contains("value"), out.toString());
    }

    @Test
    void databaseThatWouldLoseTheRunOrBlockIsAUsageError() throws Exception {
        for (String db :
                List.of("", "  ", ":memory:", ":MEMORY:x", "md:my_db", "s3://bucket/audit.duckdb", "file:x.duckdb")) {
            err.getBuffer().setLength(0);
            assertEquals(
                    ExitCodes.USAGE,
                    run("ingest", "--db", db, folder.resolve("share").toString()),
                    db);
            assertTrue(err.toString().contains("--db"), err.toString());
        }
        assertEquals(ExitCodes.USAGE, run("report", "--db", folder.toString()));
        Path fifo = folder.resolve("audit.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20),
                () -> assertEquals(ExitCodes.USAGE, run("report", "--db", fifo.toString())));
        assertTrue(err.toString().contains("not a regular file"), err.toString());
    }

    @Test
    void singleLogFileGivenByARelativePathIsRead() throws Exception {
        Path folderUnderWorkingDirectory = Files.createTempDirectory(Path.of("target"), "relative-");
        Path log = folderUnderWorkingDirectory.resolve("RECV2024031210-1.LOG");
        Files.copy(
                folder.resolve("share/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031210-1.LOG"),
                log);
        Path relative = Path.of("").toAbsolutePath().relativize(log.toAbsolutePath());
        assertEquals(ExitCodes.OK, run("ingest", "--db", database.toString(), relative.toString()), err.toString());
        assertTrue(err.toString().contains("Ingested 1 log file ("), err.toString());
    }

    @Test
    void windowThatEndsBeforeItStartsOrLiesOutOfRangeIsAUsageError() {
        assertEquals(ExitCodes.OK, ingest());
        String db = database.toString();
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--since", "2026-11-07", "--until", "2026-11-01"));
        assertTrue(
                err.toString()
                        .contains(
                                "the window is empty: it starts at 2026-11-07 00:00 and ends before 2026-11-02 00:00"),
                err.toString());
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--since", "+1000000-01-01"));
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--until", "99999-01-01"));
    }

    @Test
    void reportPrintsTheOverviewAlone() {
        assertEquals(ExitCodes.OK, ingest());
        assertEquals(
                ExitCodes.OK, run("report", "--db", database.toString(), "--section", "overview", "--format", "csv"));
        assertTrue(out.toString().startsWith("connections,servers,"), out.toString());
    }

    @Test
    void queryDoesNotOpenTheDatabasesOwnFolderOrRunStatementsWithoutRows() throws Exception {
        assertEquals(ExitCodes.OK, ingest());
        assertEquals(
                ExitCodes.FAILURE,
                run("query", "--db", database.toString(), "--allow-files", folder.toString(), "SELECT 1"));
        assertTrue(err.toString().contains("it holds the database"), err.toString());
        Path raw = Files.createDirectories(folder.resolve("raw"));
        assertEquals(
                ExitCodes.FAILURE,
                run(
                        "query",
                        "--db",
                        database.toString(),
                        "--allow-files",
                        raw.toString(),
                        "COPY (SELECT 1) TO '" + raw.resolve("x.csv") + "'"));
        assertTrue(err.toString().contains("exactly one query runs here"), err.toString());
        assertFalse(Files.exists(raw.resolve("x.csv")));
    }

    @Test
    void databasePathWithConnectionSettingsIsAUsageError() throws Exception {
        assertEquals(ExitCodes.OK, ingest());
        Files.createFile(Path.of(database + ";duckdb.read_only=false"));
        assertEquals(ExitCodes.USAGE, run("query", "--db", database + ";duckdb.read_only=false", "SELECT 1"));
        assertTrue(err.toString().contains("connection settings"), err.toString());
        assertEquals(ExitCodes.USAGE, run("report", "--db", database + "?access_mode=read_write"));
    }

    @Test
    void unknownQueryNameFails() {
        assertEquals(ExitCodes.OK, ingest());
        assertEquals(ExitCodes.FAILURE, run("query", "--db", database.toString(), "no-such-query"));
        assertTrue(err.toString().contains("no query named 'no-such-query'"), err.toString());
    }

    @Test
    void reportWindowExcludesConnectionsOutsideIt() {
        assertEquals(ExitCodes.OK, ingest());
        assertEquals(
                ExitCodes.OK, run("report", "--db", database.toString(), "--since", "2024-03-13", "--format", "json"));
        assertTrue(out.toString().contains("\"connections\": 0"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(
                ExitCodes.OK, run("report", "--db", database.toString(), "--until", "2024-03-12", "--format", "json"));
        assertTrue(out.toString().contains("\"connections\": 1"), out.toString());
        assertTrue(out.toString().contains("\"until\": \"2024-03-13T00:00:00Z\""), out.toString());
    }

    @Test
    void versionAndHelpWork() {
        assertEquals(ExitCodes.OK, run("--version"));
        assertTrue(out.toString().startsWith("tlsaudit "), out.toString());
        assertEquals(ExitCodes.OK, run("report", "--help"));
        assertTrue(out.toString().contains("Exit codes:"), out.toString());
        assertTrue(out.toString().contains("--since"), out.toString());
    }
}
