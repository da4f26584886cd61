package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.IisLogFiles;
import io.tlsaudit.testing.IisLogFiles.Crypto;
import io.tlsaudit.testing.IisLogFiles.Request;
import io.tlsaudit.testing.SmtpConnectionRows;
import io.tlsaudit.testing.SmtpLogFiles;
import io.tlsaudit.testing.TlsSuite;
import io.tlsaudit.testing.WindowedReports;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection at Sunday 23:59:59.999 UTC belongs to the ISO week that ends then, one at Monday 00:00:00.000 to the
 * week that starts then, in legacy-changes and in trend; the report is for ISO week 2024-W11 (Monday 2024-03-11).
 */
class IsoWeekBoundaryTest {

    private static final ReportWindow WEEK_11 = ReportWindow.isoWeek(2024, 11);
    private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final LocalDateTime LAST_OF_W03 = LocalDateTime.of(2024, 1, 21, 23, 59, 59, 999_000_000);
    private static final LocalDateTime FIRST_OF_W04 = LocalDateTime.of(2024, 1, 22, 0, 0);
    private static final LocalDateTime LAST_OF_W09 = LocalDateTime.of(2024, 3, 3, 23, 59, 59, 999_000_000);
    private static final LocalDateTime FIRST_OF_W10 = LocalDateTime.of(2024, 3, 4, 0, 0);
    private static final LocalDateTime LAST_OF_W10 = LocalDateTime.of(2024, 3, 10, 23, 59, 59, 999_000_000);
    private static final LocalDateTime FIRST_OF_W11 = LocalDateTime.of(2024, 3, 11, 0, 0);
    private static final LocalDateTime LAST_OF_W11 = LocalDateTime.of(2024, 3, 17, 23, 59, 59, 999_000_000);
    private static final LocalDateTime FIRST_OF_W12 = LocalDateTime.of(2024, 3, 18, 0, 0);

    @TempDir
    Path folder;

    private Path database;

    @BeforeEach
    void ingestConnectionsOnWeekEdges() throws Exception {
        Path share = folder.resolve("share");
        Map<LocalDate, List<String>> rowsByDay = new TreeMap<>();
        long session = 0;
        for (Object[] connection : new Object[][] {
            {"198.51.100.1", LAST_OF_W10, TlsSuite.TLS10_3DES},
            {"198.51.100.2", FIRST_OF_W11, TlsSuite.TLS10_3DES},
            {"198.51.100.3", LAST_OF_W09, TlsSuite.TLS10_3DES},
            {"198.51.100.4", FIRST_OF_W10, TlsSuite.TLS10_3DES},
            {"198.51.100.5", LAST_OF_W11, TlsSuite.TLS10_3DES},
            {"198.51.100.6", FIRST_OF_W12, TlsSuite.TLS10_3DES},
            {"198.51.100.7", LAST_OF_W10, TlsSuite.TLS12_GCM},
            {"198.51.100.8", LAST_OF_W03, TlsSuite.TLS10_3DES},
            {"198.51.100.9", FIRST_OF_W04, TlsSuite.TLS10_3DES}
        }) {
            LocalDateTime start = (LocalDateTime) connection[1];
            rowsByDay
                    .computeIfAbsent(start.toLocalDate(), day -> new ArrayList<>())
                    .addAll(SmtpConnectionRows.receive(
                                    "EX01\\Default Frontend EX01",
                                    SmtpConnectionRows.sessionId(++session),
                                    start,
                                    (String) connection[0])
                            .peerName("mx" + session + ".example.net")
                            .negotiated((TlsSuite) connection[2])
                            .rows());
        }
        Path receive = share.resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive");
        rowsByDay.forEach((day, rows) -> {
            List<String> lines = new ArrayList<>(SmtpLogFiles.header("Receive", day + "T00:00:00.000Z"));
            lines.addAll(rows);
            SmtpLogFiles.write(receive.resolve("RECV" + FILE_DAY.format(day) + "-1.LOG"), lines);
        });
        // IIS logs to the second: 23:59:59 is the last second of Sunday.
        IisLogFiles.write(
                share.resolve("EX01/W3SVC1/u_ex240310_x.log"),
                true,
                List.of(
                        new Request(
                                LAST_OF_W10.withNano(0),
                                "/owa/",
                                "kim@contoso.com",
                                "203.0.113.1",
                                "Android",
                                Crypto.TLS10),
                        new Request(FIRST_OF_W11, "/owa/", "lee@contoso.com", "203.0.113.2", "Android", Crypto.TLS10)));
        database = WindowedReports.ingest(share, folder.resolve("audit.duckdb"));
    }

    @Test
    void legacyChangesPutsSundayNightInThePreviousWeekAndMondayMidnightInTheReportedOne() throws Exception {
        ResultTable changes = WindowedReports.section(database, WEEK_11, "legacy-changes");
        assertEquals(
                List.of(
                        change("smtp", "receive", "198.51.100.2", "mx2.example.net", "new", 1, 0, FIRST_OF_W11),
                        change("smtp", "receive", "198.51.100.5", "mx5.example.net", "new", 1, 0, LAST_OF_W11),
                        change("https", "https", "203.0.113.2", "Android", "new", 1, 0, FIRST_OF_W11),
                        change("smtp", "receive", "198.51.100.1", "mx1.example.net", "silent", 0, 1, LAST_OF_W10),
                        change("smtp", "receive", "198.51.100.4", "mx4.example.net", "silent", 0, 1, FIRST_OF_W10),
                        change("https", "https", "203.0.113.1", "Android", "silent", 0, 1, LAST_OF_W10.withNano(0))),
                changes.rows());
    }

    private static List<Object> change(
            String source,
            String direction,
            String address,
            String names,
            String change,
            long now,
            long before,
            LocalDateTime seen) {
        return Arrays.asList(source, direction, address, names, change, now, now, before, before, seen, seen);
    }

    @Test
    void trendPutsSundayNightInTheWeekItEndsAndCoversTheEightWeeksUpToTheWindowsEnd() throws Exception {
        ResultTable trend = WindowedReports.section(database, WEEK_11, "trend");
        assertEquals(
                List.of(
                        trend("day", LocalDate.of(2024, 3, 11), "https", "TLS 1.0", 1, 100.0),
                        trend("day", LocalDate.of(2024, 3, 11), "smtp-receive", "TLS 1.0", 1, 100.0),
                        trend("day", LocalDate.of(2024, 3, 17), "smtp-receive", "TLS 1.0", 1, 100.0),
                        // Week 4 is the first of the eight; Sunday night of week 3 is outside.
                        trend("week", LocalDate.of(2024, 1, 22), "smtp-receive", "TLS 1.0", 1, 100.0),
                        trend("week", LocalDate.of(2024, 2, 26), "smtp-receive", "TLS 1.0", 1, 100.0),
                        trend("week", LocalDate.of(2024, 3, 4), "https", "TLS 1.0", 1, 100.0),
                        trend("week", LocalDate.of(2024, 3, 4), "smtp-receive", "TLS 1.2", 1, 33.3),
                        trend("week", LocalDate.of(2024, 3, 4), "smtp-receive", "TLS 1.0", 2, 66.7),
                        trend("week", LocalDate.of(2024, 3, 11), "https", "TLS 1.0", 1, 100.0),
                        // Monday 00:00 of week 12 is after the window.
                        trend("week", LocalDate.of(2024, 3, 11), "smtp-receive", "TLS 1.0", 2, 100.0)),
                trend.rows());
    }

    private static List<Object> trend(
            String granularity, LocalDate start, String source, String protocol, long connections, double share) {
        // legacy: the stored judgement of the protocol, TLS 1.0 here and TLS 1.2 not
        return List.of(granularity, start, source, protocol, connections, share, !protocol.equals("TLS 1.2"));
    }
}
