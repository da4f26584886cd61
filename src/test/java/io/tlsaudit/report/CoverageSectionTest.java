package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.store.AuditDatabase;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * coverage, reported for ISO week 2024-W11, over servers whose logs stop before the window, start after it, carry no
 * TLS results or fields, hold malformed lines and open connections, or could not be read.
 */
class CoverageSectionTest {

    private static final LocalDateTime TUESDAY = LocalDateTime.of(2024, 3, 12, 9, 0);
    private static final LocalDateTime WEDNESDAY = LocalDateTime.of(2024, 3, 13, 9, 0);

    @TempDir
    Path folder;

    private long session;

    private SmtpConnectionRows receive(String connector, LocalDateTime start) {
        return SmtpConnectionRows.receive(connector, SmtpConnectionRows.sessionId(++session), start, "203.0.113.5")
                .peerName("mail.fabrikam.com");
    }

    private static Path receiveLogs(Path share, String server, String service) {
        return share.resolve(server + "/TransportRoles/Logs/" + service + "/ProtocolLog/SmtpReceive");
    }

    @Test
    void saysForEveryServerAndLogTypeWhetherTheWindowIsCovered() throws Exception {
        Path share = folder.resolve("share");
        String frontend = "EX01\\Default Frontend EX01";
        // EX01 FrontEnd receive, two files in the window: one malformed line, one connection still open at the end.
        List<String> tuesday = new ArrayList<>(
                receive(frontend, TUESDAY).negotiated(TlsSuite.TLS12_GCM).rows());
        tuesday.add("2024-03-12T09:10:00.000Z,EX01\\Default Frontend EX01,08DC0000000000FF,0,10.0.0.11:25,+,,");
        List<String> open = receive(frontend, TUESDAY.plusMinutes(20))
                .negotiated(TlsSuite.TLS12_GCM)
                .rows();
        SmtpLogFiles.writeLog(
                receiveLogs(share, "EX01", "FrontEnd").resolve("RECV2024031209-1.LOG"), "Receive", tuesday);
        SmtpLogFiles.writeLog(
                receiveLogs(share, "EX01", "FrontEnd").resolve("RECV2024031309-1.LOG"),
                "Receive",
                open.subList(0, open.size() - 1)); // no disconnect row: open when the logs end
        SmtpLogFiles.writeLog(
                share.resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend/SEND2024031309-1.LOG"),
                "Send",
                SmtpConnectionRows.send(
                                "Internet Send Connector",
                                SmtpConnectionRows.sessionId(++session),
                                WEDNESDAY,
                                "198.51.100.30")
                        .negotiated(TlsSuite.TLS12_GCM)
                        .rows());
        // EX01 Hub: only the week before.
        SmtpLogFiles.writeLog(
                receiveLogs(share, "EX01", "Hub").resolve("RECV2024030509-1.LOG"),
                "Receive",
                receive("EX01\\Default EX01", LocalDateTime.of(2024, 3, 5, 9, 0))
                        .negotiated(TlsSuite.TLS12_GCM)
                        .rows());
        // EX02: only the week after.
        SmtpLogFiles.writeLog(
                receiveLogs(share, "EX02", "FrontEnd").resolve("RECV2024031909-1.LOG"),
                "Receive",
                receive("EX02\\Default Frontend EX02", LocalDateTime.of(2024, 3, 19, 9, 0))
                        .negotiated(TlsSuite.TLS12_GCM)
                        .rows());
        // EX03: a log with its header and nothing else.
        SmtpLogFiles.writeLog(
                receiveLogs(share, "EX03", "FrontEnd").resolve("RECV2024031209-1.LOG"), "Receive", List.of());
        // EXHUB10, Exchange 2010: STARTTLS, never a result row.
        SmtpLogFiles.writeLog(
                share.resolve("EXHUB10/V14/TransportRoles/Logs/ProtocolLog/SmtpReceive/RECV20240312-1.LOG"),
                "Receive",
                receive("EXHUB10\\Default EXHUB10", TUESDAY).unlogged().rows());
        // IIS: with the crypt-* fields on EX01, without on EX02, and on W3SVC2 in one file of two.
        Request owa = new Request(TUESDAY, "/owa/", "CONTOSO\\kim", "203.0.113.9", "Edge", Crypto.TLS12);
        Request plain = new Request(WEDNESDAY, "/owa/", "CONTOSO\\kim", "203.0.113.9", "Edge", null);
        IisLogFiles.write(share.resolve("EX01/W3SVC1/u_ex240312_x.log"), true, List.of(owa));
        IisLogFiles.write(share.resolve("EX02/W3SVC1/u_ex240313.log"), false, List.of(plain));
        // Another client on W3SVC2: a byte-identical copy of a file is skipped as a duplicate.
        Request ews =
                new Request(TUESDAY, "/EWS/Exchange.asmx", "CONTOSO\\lee", "203.0.113.10", "Outlook", Crypto.TLS12);
        Request plainEws =
                new Request(WEDNESDAY, "/EWS/Exchange.asmx", "CONTOSO\\lee", "203.0.113.10", "Outlook", null);
        IisLogFiles.write(share.resolve("EX01/W3SVC2/u_ex240312_x.log"), true, List.of(ews));
        IisLogFiles.write(share.resolve("EX01/W3SVC2/u_ex240313.log"), false, List.of(plainEws));
        Path database = WindowedReports.ingest(share, folder.resolve("audit.duckdb"));
        String sendFile = share.resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend/SEND2024031309-1.LOG")
                .toAbsolutePath()
                .normalize()
                .toString();
        try (AuditDatabase writing = AuditDatabase.openForWriting(database)) {
            // What an ingest records when a read fails or the file changes under it (which a test cannot provoke
            // portably): the file's entry marked unfinished with a whole-file problem, or, for a file that could not
            // even be opened, the problem alone.
            writing.query("UPDATE ingested_files SET size_bytes = -1 WHERE path = ?", List.of(sendFile));
            writing.query(
                    "INSERT INTO ingest_errors VALUES (?, 0, 'changed while it was read', '', TIMESTAMP '2024-03-18')",
                    List.of(sendFile));
            writing.query(
                    "INSERT INTO ingest_errors VALUES ('/mnt/logs/EX04/RECV2024031209-1.LOG', 0,"
                            + " 'cannot read: Permission denied', '', TIMESTAMP '2024-03-18')",
                    List.of());
            writing.commit();
        }

        ResultTable coverage = WindowedReports.section(database, ReportWindow.isoWeek(2024, 11), "coverage");

        assertEquals(
                List.of(
                        "source",
                        "server",
                        "log_type",
                        "first_seen",
                        "last_seen",
                        "files",
                        "malformed_lines",
                        "open_connections",
                        "status"),
                coverage.columns());
        assertEquals(
                List.of(
                        row("smtp", "EX01", "SmtpReceive FrontEnd", TUESDAY, TUESDAY.plusMinutes(20), 2, 1, 1L, "ok"),
                        row("smtp", "EX01", "SmtpReceive Hub", null, null, 0, 0, 0L, "silent in window"),
                        row(
                                "smtp",
                                "EX01",
                                "SmtpSend FrontEnd",
                                WEDNESDAY,
                                WEDNESDAY,
                                1,
                                0,
                                0L,
                                "1 file not read completely"),
                        row("smtp", "EX02", "SmtpReceive FrontEnd", null, null, 0, 0, 0L, "first seen after window"),
                        row("smtp", "EX03", "SmtpReceive FrontEnd", null, null, 0, 0, 0L, "no rows read"),
                        row(
                                "smtp",
                                "EXHUB10",
                                "SmtpReceive Transport",
                                TUESDAY,
                                TUESDAY,
                                1,
                                0,
                                0L,
                                "no TLS results logged"),
                        row("https", "EX01", "W3SVC1", TUESDAY, TUESDAY, 1, 0, null, "ok"),
                        row("https", "EX01", "W3SVC2", TUESDAY, WEDNESDAY, 2, 0, null, "TLS fields partly missing"),
                        row("https", "EX02", "W3SVC1", WEDNESDAY, WEDNESDAY, 1, 0, null, "no TLS fields"),
                        row(
                                "file",
                                null,
                                "/mnt/logs/EX04/RECV2024031209-1.LOG",
                                null,
                                null,
                                1,
                                0,
                                null,
                                "not read: cannot read: Permission denied")),
                coverage.rows());
    }

    private static List<Object> row(
            String source,
            String server,
            String logType,
            LocalDateTime first,
            LocalDateTime last,
            long files,
            long malformed,
            Long open,
            String status) {
        return Arrays.asList(source, server, logType, first, last, files, malformed, open, status);
    }
}
