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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * readiness.legacy_percent rests only on the connections whose TLS version is known, and unknown_version says how many
 * were left out: an IIS site that got the crypt-* fields in the middle of the week, and a connector where some
 * STARTTLS sessions have no result row.
 */
class ReadinessUnknownVersionTest {

    private static final String ANDROID = "Android/4.4.4-EAS-2.0";
    private static final String FRONTEND = "EX01\\Default Frontend EX01";
    private static final String EX02_FRONTEND = "EX02\\Default Frontend EX02";

    @TempDir
    Path folder;

    private long sessions;
    private LocalDateTime clock = LocalDateTime.of(2024, 3, 12, 9, 0);

    private SmtpConnectionRows next(String connector, String remoteIp) {
        clock = clock.plusMinutes(1);
        return SmtpConnectionRows.receive(connector, SmtpConnectionRows.sessionId(++sessions), clock, remoteIp)
                .peerName("host-" + remoteIp);
    }

    private static List<String> rows(List<SmtpConnectionRows> connections) {
        List<String> rows = new ArrayList<>();
        connections.forEach(connection -> rows.addAll(connection.rows()));
        return rows;
    }

    @Test
    void sharesLegacyOfTheConnectionsWhoseVersionIsKnownAndCountsTheRest() throws Exception {
        Path share = folder.resolve("share");
        // Monday: 90 ActiveSync requests before the crypt-* fields were added (one client, one hour: one row of 90).
        IisLogFiles.write(
                share.resolve("EX01/W3SVC1/u_ex240311.log"),
                false,
                Collections.nCopies(
                        90,
                        new Request(
                                LocalDateTime.of(2024, 3, 11, 10, 0),
                                "/Microsoft-Server-ActiveSync/default.eas",
                                "kim@contoso.com",
                                "203.0.113.171",
                                ANDROID,
                                null)));
        // Wednesday, with the fields: the same phone, 10 requests on TLS 1.0. Of the 10 known, 10 are legacy.
        IisLogFiles.write(
                share.resolve("EX01/W3SVC1/u_ex240313_x.log"),
                true,
                Collections.nCopies(
                        10,
                        new Request(
                                LocalDateTime.of(2024, 3, 13, 10, 0),
                                "/Microsoft-Server-ActiveSync/default.eas",
                                "kim@contoso.com",
                                "203.0.113.171",
                                ANDROID,
                                Crypto.TLS10)));
        Path receive = share.resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive");
        SmtpLogFiles.writeLog(
                receive.resolve("RECV2024031209-1.LOG"),
                "Receive",
                rows(List.of(
                        // 6 connections: 3 without a TLS result row, 1 TLS 1.0, 1 TLS 1.2, 1 plaintext.
                        // Known: 3 (plaintext loses nothing, so it counts as known); legacy 1 of them: 33.3.
                        next(FRONTEND, "192.0.2.50").unlogged(),
                        next(FRONTEND, "192.0.2.50").unlogged(),
                        next(FRONTEND, "192.0.2.51").unlogged(),
                        next(FRONTEND, "198.51.100.7").negotiated(TlsSuite.TLS10_AES_ECDHE),
                        next(FRONTEND, "198.51.100.8").negotiated(TlsSuite.TLS12_GCM),
                        next(FRONTEND, "10.20.5.17").plaintext())));
        SmtpLogFiles.writeLog(
                share.resolve("EX02/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031209-1.LOG"),
                "Receive",
                rows(List.of(
                        // Nothing known: no share.
                        next(EX02_FRONTEND, "192.0.2.60").unlogged(),
                        next(EX02_FRONTEND, "192.0.2.61").unlogged())));
        Path database = WindowedReports.ingest(share, folder.resolve("audit.duckdb"));

        ResultTable readiness = WindowedReports.section(database, ReportWindow.isoWeek(2024, 11), "readiness");

        int percentAt = readiness.columns().indexOf("legacy_percent");
        assertEquals(
                "unknown_version", readiness.columns().get(percentAt + 1), "unknown_version follows legacy_percent");
        assertEquals(
                List.of(
                        row("https", "EX01", "https", "W3SVC1 ActiveSync", 100, 10, 100.0, 90),
                        row("smtp", "EX01", "receive", FRONTEND, 6, 1, 33.3, 3),
                        row("smtp", "EX02", "receive", EX02_FRONTEND, 2, 0, null, 2)),
                readiness.rows().stream()
                        .map(found -> found.subList(0, percentAt + 2))
                        .toList());
    }

    private static List<Object> row(
            String source,
            String server,
            String direction,
            String entryPoint,
            long connections,
            long legacy,
            Double percent,
            long unknown) {
        return Arrays.asList(source, server, direction, entryPoint, connections, legacy, percent, unknown);
    }
}
