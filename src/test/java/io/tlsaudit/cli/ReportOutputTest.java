package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.report.ReportSections;
import io.tlsaudit.testing.SmtpLogFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The report's window options, {@code --out} and {@code --fail-on}, run as a user runs them. */
class ReportOutputTest {

    @TempDir
    Path folder;

    private Path database;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static final String TLS_1_0 = "*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk"
            + " encryption algorithm CALG_AES_128 with strength 128 bits, MAC hash algorithm CALG_SHA1 with strength 160"
            + " bits and key exchange algorithm CALG_ECDHE with strength 256 bits\"";

    /** One receive connection from {@code peer} negotiating TLS 1.0, its rows at {@code time} (ISO, UTC). */
    private static List<String> legacyConnection(String session, String time, String peer) {
        String prefix = time + ",EX01\\Default Frontend EX01," + session + ",";
        String endpoints = ",10.0.0.11:25," + peer + ":49162,";
        List<String> rows = new ArrayList<>();
        rows.add(prefix + 0 + endpoints + "+,,");
        rows.add(prefix + 1 + endpoints + "<,EHLO mail.fabrikam.com,");
        rows.add(prefix + 2 + endpoints + "<,STARTTLS,");
        rows.add(prefix + 3 + endpoints + TLS_1_0);
        rows.add(prefix + 4 + endpoints + "-,,Local");
        return rows;
    }

    private static final String RECEIVE = "share/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/";

    @BeforeEach
    void ingestConnectionsEitherSideOfAWeekBoundary() {
        // Sunday 17 March 2024 23:59:59.999 is the last instant of 2024-W11; Monday 18 March 00:00 starts W12.
        SmtpLogFiles.writeLog(
                folder.resolve(RECEIVE + "RECV2024031723-1.LOG"),
                "Receive",
                legacyConnection("08DC3B4192B4C1A7", "2024-03-17T23:59:59.999Z", "198.51.100.7"));
        SmtpLogFiles.writeLog(
                folder.resolve(RECEIVE + "RECV2024031800-1.LOG"),
                "Receive",
                legacyConnection("08DC3B4192B4C1A8", "2024-03-18T00:00:00.000Z", "198.51.100.8"));
        database = folder.resolve("audit.duckdb");
        assertEquals(
                ExitCodes.OK,
                run(
                        "ingest",
                        "--db",
                        database.toString(),
                        folder.resolve("share").toString()));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    private int run(String... args) {
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String legacyPeersOf(String week) {
        out.getBuffer().setLength(0);
        assertEquals(
                ExitCodes.OK,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--week",
                        week,
                        "--section",
                        "legacy-peers",
                        "--format",
                        "csv"),
                err.toString());
        return out.toString();
    }

    @Test
    void aWeekEndsAtSundayMidnightUtc() {
        String w11 = legacyPeersOf("2024-W11");
        assertTrue(w11.contains("198.51.100.7"), w11);
        assertFalse(w11.contains("198.51.100.8"), w11);
        String w12 = legacyPeersOf("2024-W12");
        assertTrue(w12.contains("198.51.100.8"), w12);
        assertFalse(w12.contains("198.51.100.7"), w12);
        assertEquals(1, legacyPeersOf("2024-W10").lines().count(), "only the header");
    }

    @Test
    void weeksAndLengthsAreCheckedAsUsage() {
        String db = database.toString();
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--week", "2025-W53"));
        assertTrue(err.toString().contains("ISO year 2025 has weeks 01 to 52"), err.toString());
        assertEquals(ExitCodes.OK, run("report", "--db", db, "--week", "2026-W53"));
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--week", "2026-47"));
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--last", "0d"));
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--last", "1w"));
        assertEquals(ExitCodes.OK, run("report", "--db", db, "--last", "30d"));
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--last", "7d", "--week", "2024-W11"));
        assertTrue(err.toString().contains("give one of them"), err.toString());
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--week", "2024-W11", "--since", "2024-03-11"));
    }

    @Test
    void aNamedQueryRunsOverTheSameWindowAsTheReport() {
        assertEquals(
                ExitCodes.OK,
                run("query", "--db", database.toString(), "--week", "2024-W12", "--format", "csv", "legacy-peers"),
                err.toString());
        assertTrue(out.toString().contains("198.51.100.8"), out.toString());
        assertFalse(out.toString().contains("198.51.100.7"), out.toString());
        out.getBuffer().setLength(0);
        // Without a window a named query sees everything, as before.
        assertEquals(ExitCodes.OK, run("query", "--db", database.toString(), "--format", "csv", "legacy-peers"));
        assertEquals(3, out.toString().lines().count(), out.toString());
        out.getBuffer().setLength(0);
        // Ad-hoc SQL is windowed only when asked.
        assertEquals(
                ExitCodes.OK,
                run(
                        "query",
                        "--db",
                        database.toString(),
                        "--format",
                        "csv",
                        "--since",
                        "2024-03-18",
                        "SELECT count(*) AS n FROM smtp_sessions"));
        assertEquals(List.of("n", "1"), out.toString().lines().toList());
    }

    @Test
    void outFolderGetsOneFilePerFormatNamedAfterTheWeekAndCsvAsOneFilePerSection() throws Exception {
        Path reports = folder.resolve("reports");
        assertEquals(
                ExitCodes.OK,
                run("report", "--db", database.toString(), "--week", "2024-W11", "--out", reports + "/"),
                err.toString());
        assertTrue(Files.isRegularFile(reports.resolve("tlsaudit-2024-W11.txt")));
        assertTrue(Files.isRegularFile(reports.resolve("tlsaudit-2024-W11.md")));
        String html = Files.readString(reports.resolve("tlsaudit-2024-W11.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("198.51.100.7"), html);
        String json = Files.readString(reports.resolve("tlsaudit-2024-W11.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"legacy_connections\": 1"), json);
        Path csv = reports.resolve("tlsaudit-2024-W11");
        List<String> files;
        try (Stream<Path> listed = Files.list(csv)) {
            files = listed.map(file -> file.getFileName().toString()).sorted().toList();
        }
        assertEquals(
                ReportSections.ids().stream().map(id -> id + ".csv").sorted().toList(), files);
        String peers = Files.readString(csv.resolve("legacy-peers.csv"), StandardCharsets.UTF_8);
        assertTrue(peers.startsWith("direction,remote_ip,"), peers);
        assertTrue(peers.contains("198.51.100.7"), peers);
        assertTrue(
                err.toString().contains("report written: " + reports.resolve("tlsaudit-2024-W11.json")),
                err.toString());
        // A second run replaces the files; no partial files are left behind.
        assertEquals(
                ExitCodes.OK,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--week",
                        "2024-W11",
                        "--out",
                        reports.toString(),
                        "--format",
                        "markdown"));
        try (Stream<Path> listed = Files.list(reports)) {
            assertEquals(
                    List.of(
                            "tlsaudit-2024-W11",
                            "tlsaudit-2024-W11.html",
                            "tlsaudit-2024-W11.json",
                            "tlsaudit-2024-W11.md",
                            "tlsaudit-2024-W11.txt"),
                    listed.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void keepDeletesOnlyTheReportsOfWeeksBeforeTheKeptOnes() throws Exception {
        Path reports = Files.createDirectories(folder.resolve("reports"));
        for (String name : List.of(
                "tlsaudit-2024-W08.html",
                "tlsaudit-2024-W09.md",
                "tlsaudit-2024-W10.json",
                "notes.txt",
                "tlsaudit-2024-W08.html.bak")) {
            Files.writeString(reports.resolve(name), "older");
        }
        assertEquals(
                ExitCodes.OK,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--week",
                        "2024-W11",
                        "--out",
                        reports.toString(),
                        "--format",
                        "markdown,json",
                        "--keep",
                        "2"),
                err.toString());
        try (Stream<Path> listed = Files.list(reports)) {
            // W11 reported; W10 and W11 kept; W08 and W09 deleted; files not named like a report kept.
            assertEquals(
                    List.of(
                            "notes.txt",
                            "tlsaudit-2024-W08.html.bak",
                            "tlsaudit-2024-W10.json",
                            "tlsaudit-2024-W11.json",
                            "tlsaudit-2024-W11.md"),
                    listed.map(file -> file.getFileName().toString()).sorted().toList());
        }
        assertTrue(
                err.toString().contains("old report deleted (--keep 2): " + reports.resolve("tlsaudit-2024-W08.html")),
                err.toString());
        assertEquals(
                ExitCodes.USAGE,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--out",
                        folder.resolve("one.md").toString(),
                        "--keep",
                        "2"));
        assertEquals(ExitCodes.USAGE, run("report", "--db", database.toString(), "--format", "json,markdown"));
        assertTrue(err.toString().contains("give one --format here"), err.toString());
    }

    @Test
    void theCsvFolderIsNeitherWrittenThroughALinkNorEmptiedOfOtherFiles() throws Exception {
        Path precious = Files.createDirectories(folder.resolve("precious"));
        Files.writeString(precious.resolve("budget.xlsx"), "numbers");
        Path reports = Files.createDirectories(folder.resolve("reports"));
        Files.createSymbolicLink(reports.resolve("tlsaudit-2024-W11"), precious);
        assertEquals(
                ExitCodes.FAILURE,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--week",
                        "2024-W11",
                        "--out",
                        reports.toString(),
                        "--format",
                        "csv"));
        assertTrue(err.toString().contains("is a symbolic link"), err.toString());
        try (Stream<Path> listed = Files.list(precious)) {
            assertEquals(
                    List.of("budget.xlsx"),
                    listed.map(f -> f.getFileName().toString()).toList());
        }
        Path other = Files.createDirectories(folder.resolve("other/tlsaudit-2024-W11"));
        Files.writeString(other.resolve("README.txt"), "mine");
        Files.createDirectories(other.resolve("sub"));
        assertEquals(
                ExitCodes.OK,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--week",
                        "2024-W11",
                        "--out",
                        other.getParent().toString(),
                        "--format",
                        "csv"),
                err.toString());
        assertEquals("mine", Files.readString(other.resolve("README.txt")));
        assertTrue(Files.isDirectory(other.resolve("sub")));
        assertTrue(Files.readString(other.resolve("legacy-peers.csv")).contains("198.51.100.7"));
        try (Stream<Path> listed = Files.list(other.getParent())) {
            assertEquals(
                    List.of("tlsaudit-2024-W11"),
                    listed.map(f -> f.getFileName().toString()).toList(),
                    "no partial or old folders left");
        }
    }

    @Test
    void reportFilesGetThePermissionsOfAnyNewFileThere() throws Exception {
        Path reports = Files.createDirectories(folder.resolve("reports"));
        Path plain = Files.createFile(reports.resolve("plain.txt"));
        assertEquals(
                ExitCodes.OK,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--week",
                        "2024-W11",
                        "--out",
                        reports.toString(),
                        "--format",
                        "html,csv"));
        assertEquals(
                Files.getPosixFilePermissions(plain),
                Files.getPosixFilePermissions(reports.resolve("tlsaudit-2024-W11.html")));
        assertEquals(
                Files.getPosixFilePermissions(plain),
                Files.getPosixFilePermissions(reports.resolve("tlsaudit-2024-W11/overview.csv")));
    }

    @Test
    void keepNeverCountsBackFromAWindowInTheFuture() throws Exception {
        Path reports = Files.createDirectories(folder.resolve("reports"));
        Files.writeString(reports.resolve("tlsaudit-2024-W10.json"), "kept");
        Files.writeString(reports.resolve("tlsaudit-2024-W11.json"), "kept");
        // Enough weeks to keep 2024-W10 counted from today, far too few counted from a window 16 years ahead (a
        // typo): the future window must not count as "now".
        long weeksSince = java.time.temporal.ChronoUnit.WEEKS.between(
                java.time.LocalDate.of(2024, 3, 4), java.time.LocalDate.now());
        String future = (java.time.LocalDate.now().getYear() + 16) + "-W11";
        assertEquals(
                ExitCodes.OK,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--week",
                        future,
                        "--out",
                        reports.toString(),
                        "--format",
                        "json",
                        "--keep",
                        String.valueOf(weeksSince + 10)),
                err.toString());
        assertTrue(Files.exists(reports.resolve("tlsaudit-2024-W10.json")), err.toString());
        assertTrue(Files.exists(reports.resolve("tlsaudit-2024-W11.json")), err.toString());
    }

    @Test
    void outNeverReplacesTheDatabaseAndMustNameSomething() throws Exception {
        long before = Files.size(database);
        assertEquals(
                ExitCodes.USAGE,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--week",
                        "2024-W11",
                        "--out",
                        database.toString(),
                        "--format",
                        "json"));
        assertTrue(err.toString().contains("is the database"), err.toString());
        assertEquals(before, Files.size(database));
        assertEquals(ExitCodes.USAGE, run("report", "--db", database.toString(), "--out", "", "--keep", "1"));
        assertTrue(err.toString().contains("--out is empty"), err.toString());
    }

    @Test
    void yearsNoLogCanHoldAreUsageErrors() {
        String db = database.toString();
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--week", "0000-W01"));
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--since", "0999-01-01"));
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--until", "9999-12-31"));
        assertTrue(err.toString().contains("the year must be from 1990 to 2100"), err.toString());
    }

    @Test
    void aWindowIsRefusedForStatementsThatCannotTakeIt() {
        assertEquals(
                ExitCodes.USAGE,
                run("query", "--db", database.toString(), "--week", "2024-W11", "SUMMARIZE smtp_sessions"));
        assertTrue(err.toString().contains("for DESCRIBE, SHOW or SUMMARIZE leave them out"), err.toString());
        assertEquals(ExitCodes.OK, run("query", "--db", database.toString(), "SUMMARIZE smtp_sessions"));
    }

    @Test
    void outFileTakesItsFormatFromTheExtensionOrFormat() throws Exception {
        Path markdown = folder.resolve("week.md");
        assertEquals(
                ExitCodes.OK,
                run("report", "--db", database.toString(), "--week", "2024-W11", "--out", markdown.toString()));
        assertTrue(Files.readString(markdown).startsWith("# Legacy TLS report"), Files.readString(markdown));
        Path section = folder.resolve("peers.csv");
        assertEquals(
                ExitCodes.OK,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--week",
                        "2024-W12",
                        "--section",
                        "legacy-peers",
                        "--out",
                        section.toString()));
        assertTrue(Files.readString(section).startsWith("direction,remote_ip,"), Files.readString(section));
        assertEquals(
                ExitCodes.USAGE,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--out",
                        folder.resolve("week.xyz").toString()));
        assertTrue(err.toString().contains("cannot tell the format of --out"), err.toString());
        assertEquals(
                ExitCodes.USAGE,
                run(
                        "report",
                        "--db",
                        database.toString(),
                        "--section",
                        "legacy-peers",
                        "--out",
                        folder.resolve("reports").toString()));
        assertEquals("", out.toString(), "with --out nothing goes to stdout");
    }

    @Test
    void failOnGivesItsOwnExitCodeOnlyWhenTheConditionHolds() {
        String db = database.toString();
        assertEquals(ExitCodes.LEGACY_TLS, run("report", "--db", db, "--week", "2024-W11", "--fail-on", "legacy"));
        assertTrue(out.toString().contains("198.51.100.7"), "the report is printed all the same");
        assertEquals(ExitCodes.OK, run("report", "--db", db, "--week", "2024-W10", "--fail-on", "legacy"));
        // The peer never negotiated TLS 1.2: legacy-only holds; it did use TLS, so plaintext does not.
        assertEquals(
                ExitCodes.LEGACY_ONLY,
                run("report", "--db", db, "--week", "2024-W12", "--fail-on", "plaintext,legacy-only"));
        assertEquals(
                ExitCodes.LEGACY_ONLY,
                run("report", "--db", db, "--week", "2024-W12", "--fail-on", "legacy-only", "--fail-on", "legacy"));
        assertEquals(ExitCodes.OK, run("report", "--db", db, "--week", "2024-W12", "--fail-on", "plaintext"));
        // AES in CBC mode with a SHA1 MAC is a weak MAC; in W10 nothing was negotiated.
        assertEquals(ExitCodes.WEAK_CRYPTO, run("report", "--db", db, "--week", "2024-W11", "--fail-on", "weak"));
        assertEquals(ExitCodes.OK, run("report", "--db", db, "--week", "2024-W10", "--fail-on", "weak"));
        // 198.51.100.8 is legacy in W12 and was not seen in W11, which has data: new.
        assertEquals(ExitCodes.NEW_LEGACY, run("report", "--db", db, "--week", "2024-W12", "--fail-on", "new-legacy"));
        assertEquals(ExitCodes.OK, run("report", "--db", db, "--week", "2024-W13", "--fail-on", "new-legacy"));
        assertEquals(ExitCodes.USAGE, run("report", "--db", db, "--fail-on", "tls10"));
        assertTrue(
                err.toString().contains("is not one of [legacy, legacy-only, weak, plaintext, new-legacy]"),
                err.toString());
    }
}
