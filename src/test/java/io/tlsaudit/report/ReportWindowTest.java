package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.ingest.IngestListener;
import io.tlsaudit.ingest.Ingestor;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.SmtpLogFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWindowTest {

    private static final String SHADOW = "WITH smtp_sessions AS (SELECT * FROM main.smtp_sessions"
            + " WHERE (started_at >= ?) IS NOT FALSE AND (started_at < ?) IS NOT FALSE),"
            + " iis_requests AS (SELECT * FROM main.iis_requests"
            + " WHERE (logged_at >= ?) IS NOT FALSE AND (logged_at < ?) IS NOT FALSE),"
            + " report_window AS (SELECT CAST(? AS TIMESTAMP) AS since, CAST(? AS TIMESTAMP) AS until,"
            + " CAST(? AS TIMESTAMP) AS previous_since)";

    @Test
    void prependsTheWindowToAPlainSelectAndDropsCommentsAndSemicolon() {
        assertEquals(
                SHADOW + "\nSELECT count(*) FROM smtp_sessions",
                ReportWindow.restrict("-- what it answers\n-- more\nSELECT count(*) FROM smtp_sessions;\n"));
    }

    @Test
    void joinsTheWindowWithAQueryThatHasItsOwnCommonTableExpressions() {
        assertEquals(
                SHADOW + ",\npeers AS (SELECT 1) SELECT * FROM peers",
                ReportWindow.restrict("-- c\nWITH peers AS (SELECT 1) SELECT * FROM peers;"));
    }

    @Test
    void handlesBlockCommentsLineBreakAfterWithAndRecursive() {
        assertEquals(
                SHADOW + ",\npeers AS (SELECT 1) SELECT * FROM peers",
                ReportWindow.restrict("/* edited copy */\n-- c\nWITH\n  peers AS (SELECT 1) SELECT * FROM peers"));
        assertEquals(
                SHADOW.replace("WITH ", "WITH RECURSIVE ") + ",\nt(n) AS (SELECT 1) SELECT * FROM t",
                ReportWindow.restrict("with recursive t(n) AS (SELECT 1) SELECT * FROM t"));
    }

    @Test
    void openEndsAreNullParametersThatBoundNothing() {
        LocalDateTime since = LocalDateTime.of(2024, 3, 11, 0, 0);
        LocalDateTime until = LocalDateTime.of(2024, 3, 12, 0, 0);
        LocalDateTime dayBefore = LocalDateTime.of(2024, 3, 10, 0, 0);
        WindowBounds bounds = new WindowBounds(since, until);
        assertEquals(
                Arrays.asList(null, null, null, null, since, until, dayBefore), ReportWindow.ALL.parameters(bounds));
        assertEquals(
                Arrays.asList(since, null, since, null, since, until, dayBefore),
                new ReportWindow(Optional.of(since), Optional.empty()).parameters(bounds));
        assertEquals(
                List.of(since, until, since, until, since, until, dayBefore),
                new ReportWindow(Optional.of(since), Optional.of(until)).parameters(bounds));
    }

    @TempDir
    Path folder;

    private static String receive(String session, String time, int sequence, String rest) {
        return time + ",EX01\\Default Frontend EX01," + session + "," + sequence + ",10.0.0.11:25,203.0.113.45:61877,"
                + rest;
    }

    @Test
    void reportWithoutWindowCountsEveryStoredRowEvenAtTheEdgesOfTime() throws Exception {
        Path share = folder.resolve("share/EX01");
        SmtpLogFiles.writeLog(
                share.resolve("TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031210-1.LOG"),
                "Receive",
                List.of(
                        receive("08DC3B4192B4E001", "1990-01-01T00:00:00.000Z", 0, "+,,"),
                        receive("08DC3B4192B4E001", "1990-01-01T00:00:00.000Z", 1, "-,,Local"),
                        receive("08DC3B4192B4E002", "2100-12-31T23:59:59.999Z", 0, "+,,"),
                        receive("08DC3B4192B4E002", "2100-12-31T23:59:59.999Z", 1, "-,,Local"),
                        receive("08DC3B4192B4E003", "2024-03-12T10:00:00.000Z", 0, "+,,"),
                        receive("08DC3B4192B4E003", "2024-03-12T10:00:01.000Z", 1, "-,,Local")));
        Path iis = share.resolve("W3SVC1/u_ex240312.log");
        Files.createDirectories(iis.getParent());
        Files.writeString(
                iis,
                "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                        + "#Date: 2024-03-12 00:00:01\r\n#Fields: date time c-ip cs-uri-stem\r\n"
                        + "1990-01-01 00:00:00 203.0.113.9 /owa/\r\n"
                        + "2100-12-31 23:59:59 203.0.113.9 /owa/\r\n"
                        + "2024-03-12 10:00:00 203.0.113.9 /ews/\r\n",
                StandardCharsets.UTF_8);
        LogFileFinder.Found found =
                new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(folder.resolve("share")));
        Path file = folder.resolve("audit.duckdb");
        try (AuditDatabase database = AuditDatabase.openForWriting(file)) {
            new Ingestor(database, IngestListener.SILENT, IisFieldNames.standard()).run(found.logs(), found.skipped());
            // A database filled before placeholder dates were refused holds DateTime.MaxValue rows; they are stored
            // rows all the same.
            database.query(
                    "UPDATE smtp_sessions SET started_at = TIMESTAMP '9999-12-31 23:59:59.999'"
                            + " WHERE session_id = '08DC3B4192B4E003'",
                    List.of());
            database.query(
                    "UPDATE iis_requests SET logged_at = TIMESTAMP '9999-12-31 23:59:59.999' WHERE uri_stem = '/ews/'",
                    List.of());
            database.commit();
        }
        try (AuditDatabase database = AuditDatabase.openReadOnly(file)) {
            ResultTable overview = new LegacyTlsReport(database, NamedQueries.standard(), Clock.systemUTC())
                    .build(ReportWindow.ALL)
                    .overview()
                    .table();
            assertEquals(List.of(3L), overview.column("connections"));
            assertEquals(List.of(LocalDateTime.of(1990, 1, 1, 0, 0)), overview.column("first_seen"));
            assertEquals(
                    List.of(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000)), overview.column("last_seen"));
            assertEquals(3L, ((Number) overview.column("https_requests").get(0)).longValue());

            LocalDateTime y2000 = LocalDateTime.of(2000, 1, 1, 0, 0);
            ResultTable since2000 = new LegacyTlsReport(database, NamedQueries.standard(), Clock.systemUTC())
                    .build(new ReportWindow(Optional.of(y2000), Optional.empty()))
                    .overview()
                    .table();
            assertEquals(List.of(2L), since2000.column("connections"));
            ResultTable thisCentury = new LegacyTlsReport(database, NamedQueries.standard(), Clock.systemUTC())
                    .build(new ReportWindow(Optional.of(y2000), Optional.of(LocalDateTime.of(2100, 12, 31, 0, 0))))
                    .overview()
                    .table();
            assertEquals(List.of(0L), thisCentury.column("connections"));
            assertEquals(0L, ((Number) thisCentury.column("https_requests").get(0)).longValue());
        }
    }
}
