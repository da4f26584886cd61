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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * legacy-changes when the period before holds no data of a source: its legacy peers are 'no earlier data', not
 * 'new', because nothing was there to compare with. 2024-W10 holds IIS logs only, 2024-W11 SMTP and IIS logs.
 */
class LegacyChangesWithoutEarlierDataTest {

    private static final String ANDROID = "Android/4.4.4-EAS-2.0";
    private static final String OWA_BROWSER = "Mozilla/5.0";

    @TempDir
    Path folder;

    private Path database;

    @BeforeEach
    void ingestIisInBothWeeksAndSmtpOnlyInTheSecond() throws Exception {
        Path share = folder.resolve("share");
        // W10: one modern OWA request, so the previous week has HTTPS data but no SMTP data.
        IisLogFiles.write(
                share.resolve("EX01/W3SVC1/u_ex240305_x.log"),
                true,
                List.of(new Request(
                        LocalDateTime.of(2024, 3, 5, 10, 0),
                        "/owa/",
                        "CONTOSO\\a.schmidt",
                        "203.0.113.9",
                        OWA_BROWSER,
                        Crypto.TLS12)));
        // W11: kim's phone on TLS 1.0 twice, a.schmidt again on TLS 1.2.
        List<Request> week11 = new ArrayList<>(Collections.nCopies(
                2,
                new Request(
                        LocalDateTime.of(2024, 3, 12, 10, 0),
                        "/Microsoft-Server-ActiveSync/default.eas",
                        "kim@contoso.com",
                        "203.0.113.171",
                        ANDROID,
                        Crypto.TLS10)));
        week11.add(new Request(
                LocalDateTime.of(2024, 3, 12, 11, 0),
                "/owa/",
                "CONTOSO\\a.schmidt",
                "203.0.113.9",
                OWA_BROWSER,
                Crypto.TLS12));
        IisLogFiles.write(share.resolve("EX01/W3SVC1/u_ex240312_x.log"), true, week11);
        // W11: 198.51.100.1 on TLS 1.0 three times, 198.51.100.2 once.
        List<String> lines = new ArrayList<>(SmtpLogFiles.header("Receive", "2024-03-12T09:00:00.000Z"));
        LocalDateTime start = LocalDateTime.of(2024, 3, 12, 9, 0);
        String[] peers = {"198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.2"};
        for (int i = 0; i < peers.length; i++) {
            lines.addAll(SmtpConnectionRows.receive(
                            "EX01\\Default Frontend EX01",
                            SmtpConnectionRows.sessionId(i + 1),
                            start.plusMinutes(i),
                            peers[i])
                    .peerName("mx" + i + ".example.net")
                    .negotiated(TlsSuite.TLS10_3DES)
                    .rows());
        }
        SmtpLogFiles.write(
                share.resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031209-1.LOG"), lines);
        database = WindowedReports.ingest(share, folder.resolve("audit.duckdb"));
    }

    @Test
    void saysNoEarlierDataForTheSourceThePreviousWeekHasNoRowOfAndNewForTheOther() throws Exception {
        // Sorted where 'new' sorts: both together, most legacy connections first.
        assertEquals(
                List.of(
                        List.of("smtp", "198.51.100.1", "no earlier data", 3L, 3L, 0L),
                        List.of("https", "203.0.113.171", "new", 2L, 2L, 0L),
                        List.of("smtp", "198.51.100.2", "no earlier data", 1L, 1L, 0L)),
                changes(ReportWindow.isoWeek(2024, 11)));
    }

    @Test
    void saysNoEarlierDataForEveryPeerOverAllStoredData() throws Exception {
        // All data: 2024-03-05 to 2024-03-13, compared with the eight days before, where nothing is stored.
        List<List<Object>> expected = List.of(
                List.of("smtp", "198.51.100.1", "no earlier data", 3L, 3L, 0L),
                List.of("https", "203.0.113.171", "no earlier data", 2L, 2L, 0L),
                List.of("smtp", "198.51.100.2", "no earlier data", 1L, 1L, 0L));
        assertEquals(expected, changes(ReportWindow.ALL));
        // A start that reaches back to the first data, open or not at the end, compares with nothing just as well.
        assertEquals(
                expected,
                changes(new ReportWindow(Optional.of(LocalDate.of(2024, 3, 4).atStartOfDay()), Optional.empty())));
        assertEquals(
                expected,
                changes(ReportWindow.between(
                        LocalDate.of(2024, 3, 4).atStartOfDay(),
                        LocalDate.of(2024, 3, 18).atStartOfDay())));
    }

    /** Per row: source, remote_ip, change, connections, legacy_connections, previous_connections. */
    private List<List<Object>> changes(ReportWindow window) throws Exception {
        ResultTable changes = WindowedReports.section(database, window, "legacy-changes");
        List<String> columns =
                List.of("source", "remote_ip", "change", "connections", "legacy_connections", "previous_connections");
        return changes.rows().stream()
                .map(row -> columns.stream()
                        .map(column -> row.get(changes.columns().indexOf(column)))
                        .toList())
                .toList();
    }
}
