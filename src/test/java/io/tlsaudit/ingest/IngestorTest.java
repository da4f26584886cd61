package io.tlsaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.SmtpLogFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {

    private static final String SESSION_A =
            "2024-03-12T10:00:0%d.000Z,EX01\\Default Frontend EX01,08DC3B4192B4C1A7,%d,10.0.0.11:25,203.0.113.45:61877,";
    private static final String TLS10 =
            "*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk encryption algorithm CALG_3DES with strength 168 bits, MAC hash algorithm CALG_SHA1 with strength 160 bits and key exchange algorithm CALG_RSA_KEYX with strength 2048 bits\"";

    @TempDir
    Path folder;

    private Path receiveLog(String server, String name) {
        return folder.resolve("share")
                .resolve(server)
                .resolve("TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive")
                .resolve(name);
    }

    private static String a(int second, String rest) {
        return String.format(SESSION_A, second, second) + rest;
    }

    private IngestSummary ingest(Path database) throws Exception {
        LogFileFinder.Found found =
                new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(folder.resolve("share")));
        try (AuditDatabase store = AuditDatabase.openForWriting(database)) {
            return new Ingestor(store, IngestListener.SILENT, IisFieldNames.standard())
                    .run(found.logs(), found.skipped());
        }
    }

    private static ResultTable query(Path database, String sql) throws Exception {
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            return store.query(sql, List.of());
        }
    }

    @Test
    void storesOneRowPerConnectionWithServerAndServiceFromTheLocation() throws Exception {
        SmtpLogFiles.writeLog(
                receiveLog("EX01", "RECV2024031210-1.LOG"),
                "Receive",
                List.of(
                        a(0, "+,,"),
                        a(1, "<,EHLO scanner.contoso.com,"),
                        a(2, "<,STARTTLS,"),
                        a(3, TLS10),
                        a(4, "-,,Local")));
        Path database = folder.resolve("audit.duckdb");
        IngestSummary summary = ingest(database);
        assertEquals(1, summary.filesRead());
        assertEquals(5, summary.dataRows());
        assertEquals(1, summary.connectionsStored());
        ResultTable rows = query(
                database,
                "SELECT server, service, direction, remote_ip, peer_name, tls_protocol, cipher,"
                        + " cipher_bits, mac, key_exchange, tls_outcome, first_line, sender_domains FROM smtp_sessions");
        assertEquals(
                List.of(List.of(
                        "EX01",
                        "FrontEnd",
                        "receive",
                        "203.0.113.45",
                        "scanner.contoso.com",
                        "TLS 1.0",
                        "3DES",
                        168,
                        "SHA1",
                        "RSA_KEYX",
                        "negotiated",
                        6L,
                        List.of())),
                rows.rows());
    }

    @Test
    void secondRunOverUnchangedFilesStoresNothingTwice() throws Exception {
        SmtpLogFiles.writeLog(
                receiveLog("EX01", "RECV2024031210-1.LOG"),
                "Receive",
                List.of(a(0, "+,,"), a(3, TLS10), a(4, "-,,Local")));
        Path database = folder.resolve("audit.duckdb");
        ingest(database);
        IngestSummary again = ingest(database);
        assertEquals(0, again.filesRead());
        assertEquals(1, again.filesUnchanged());
        assertEquals(
                List.of(List.of(1L)),
                query(database, "SELECT count(*) FROM smtp_sessions").rows());
    }

    @Test
    void truncatedLastLineIsLeftForTheRunAfterTheWriterFinishesIt() throws Exception {
        Path log = receiveLog("EX01", "RECV2024031210-1.LOG");
        SmtpLogFiles.writeLog(log, "Receive", List.of(a(0, "+,,"), a(3, TLS10)));
        String partial = a(4, "-,,Lo");
        Files.writeString(log, partial, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path database = folder.resolve("audit.duckdb");
        IngestSummary first = ingest(database);
        assertEquals(2, first.dataRows(), "the half-written row is not read");
        assertEquals(
                List.of(List.of(false, 6L)),
                query(database, "SELECT closed, first_line FROM smtp_sessions").rows());
        assertEquals(
                List.of(List.of(Files.size(log) - partial.getBytes(StandardCharsets.UTF_8).length)),
                query(database, "SELECT complete_bytes FROM ingested_files").rows());

        Files.writeString(log, "cal\r\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(log, FileTime.from(Instant.now().plusSeconds(60)));
        IngestSummary second = ingest(database);
        assertEquals(1, second.filesRead());
        assertEquals(1, second.dataRows(), "only the line the writer finished is read");
        assertEquals(
                List.of(List.of(true, "Local", 6L)),
                query(database, "SELECT closed, disconnect_reason, first_line FROM smtp_sessions")
                        .rows(),
                "the connection left open by the first run is completed, not stored twice");
    }

    @Test
    void malformedLinesAreCountedAndKeptWithFileAndLine() throws Exception {
        SmtpLogFiles.writeLog(
                receiveLog("EX01", "RECV2024031210-1.LOG"),
                "Receive",
                List.of(
                        a(0, "+,,"),
                        "yyyy-MM-ddTHH:mm:ss.fffZ,Partner Relay to Fabrikam,<SessionId>,31,10.0.0.12:52904,203.0.113.25:25,*,,Sending certificate",
                        "2024-03-12T10:00:01.000Z,EX01\\Default Frontend EX01,08DC3B4192B4C1A7,2,10.0.0.11:25,203.0.113.45:61877,*,relay.contoso.com Certificate alternate names",
                        a(3, TLS10),
                        a(4, "-,,Local")));
        Path database = folder.resolve("audit.duckdb");
        IngestSummary summary = ingest(database);
        assertEquals(2, summary.rejectedLines());
        assertEquals(1, summary.connectionsStored());
        ResultTable errors = query(database, "SELECT line, reason FROM ingest_errors ORDER BY line");
        assertEquals(List.of(7L, 8L), errors.column("line"));
        assertEquals(
                "date-time is not yyyy-MM-ddTHH:mm:ss.fffZ",
                errors.rows().get(0).get(1));
        assertEquals("expected 9 columns, found 8", errors.rows().get(1).get(1));
        assertEquals(
                List.of(List.of(3L, 2L, 2L)),
                query(database, "SELECT data_rows, rejected_lines, problems FROM ingested_files")
                        .rows());
    }

    @Test
    void skipsOtherExchangeLogsAndUtf16FilesWithReasons() throws Exception {
        SmtpLogFiles.writeLog(
                receiveLog("EX01", "RECV2024031210-1.LOG"), "Receive", List.of(a(0, "+,,"), a(4, "-,,Local")));
        Path connectivity =
                folder.resolve("share/EX01/TransportRoles/Logs/FrontEnd/Connectivity/CONNECTLOG20240312-1.LOG");
        SmtpLogFiles.write(
                connectivity,
                List.of(
                        "#Software: Microsoft Exchange Server",
                        "#Log-type: Transport Connectivity Log",
                        "#Fields: date-time,session,source,Destination,direction,description",
                        "2024-03-12T10:00:00.000Z,08DC3B4192B4C1A7,SMTP,mx1.fabrikam.com,>,TLS STARTTLS"));
        Path utf16 = receiveLog("EX02", "RECV20240314-9.LOG");
        Files.createDirectories(utf16.getParent());
        Files.write(utf16, ("\uFEFF#Software: Microsoft Exchange Server\r\n").getBytes(StandardCharsets.UTF_16LE));
        Path database = folder.resolve("audit.duckdb");
        IngestSummary summary = ingest(database);
        assertEquals(1, summary.filesRead());
        assertEquals(2, summary.filesSkipped());
        assertEquals(1, summary.filesWithProblems(), "only the UTF-16 file needs the admin");
        assertEquals(
                List.of(List.of(1L)),
                query(database, "SELECT count(*) FROM smtp_sessions").rows());
    }

    @Test
    void connectionContinuedInTheNextRunsFileIsStoredOnceAndComplete() throws Exception {
        Path database = folder.resolve("audit.duckdb");
        SmtpLogFiles.writeLog(
                receiveLog("EX01", "RECV2024031208-1.LOG"),
                "Receive",
                List.of(a(0, "+,,"), a(1, "<,EHLO scanner.contoso.com,"), a(2, "<,STARTTLS,"), a(3, TLS10)));
        IngestSummary first = ingest(database);
        assertEquals(0, first.connectionsStored());
        assertEquals(1, first.connectionsUnfinished());
        assertEquals(
                List.of(List.of("negotiated", "TLS 1.0", false, true)),
                query(database, "SELECT tls_outcome, tls_protocol, closed, pending FROM smtp_sessions")
                        .rows(),
                "the open connection is visible to reports, marked pending");

        SmtpLogFiles.writeLog(
                receiveLog("EX01", "RECV2024031209-1.LOG"),
                "Receive",
                List.of(
                        a(5, "<,EHLO scanner.contoso.com,"),
                        a(6, "<,MAIL FROM:<scan@contoso.com>,"),
                        a(7, "-,,Local")));
        IngestSummary second = ingest(database);
        assertEquals(1, second.filesRead());
        assertEquals(1, second.connectionsStored());
        assertEquals(0, second.connectionsUnfinished());
        assertEquals(
                List.of(List.of("negotiated", "TLS 1.0", true, false, 1, 7, "scanner.contoso.com", 6L)),
                query(
                                database,
                                "SELECT tls_outcome, tls_protocol, closed, pending, messages, row_count, peer_name,"
                                        + " first_line FROM smtp_sessions")
                        .rows());
    }

    @Test
    void grownFileIsReadOnFromWhereTheLastRunStopped() throws Exception {
        Path log = receiveLog("EX01", "RECV2024031210-1.LOG");
        String other =
                "2024-03-12T10:00:0%d.000Z,EX01\\Default Frontend EX01,08DC3B4192B4C1B0,%d,10.0.0.11:25,192.0.2.9:1000,";
        SmtpLogFiles.writeLog(
                log,
                "Receive",
                List.of(
                        String.format(other, 0, 0) + "+,,",
                        String.format(other, 1, 1) + "-,,Local",
                        a(2, "+,,"),
                        a(3, TLS10)));
        Path database = folder.resolve("audit.duckdb");
        ingest(database);
        Files.writeString(log, a(4, "-,,Local") + "\r\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(log, FileTime.from(Instant.now().plusSeconds(60)));
        IngestSummary second = ingest(database);
        assertEquals(1, second.dataRows(), "only the new line is read");
        assertEquals(
                List.of(List.of("08DC3B4192B4C1A7", true, false, 8L), List.of("08DC3B4192B4C1B0", true, false, 6L)),
                query(database, "SELECT session_id, closed, pending, first_line FROM smtp_sessions ORDER BY 1")
                        .rows());
        assertEquals(
                List.of(List.of(5L, 10L)),
                query(database, "SELECT data_rows, lines_read FROM ingested_files")
                        .rows());
    }

    @Test
    void replacedFileIsReadAgainWhole() throws Exception {
        Path log = receiveLog("EX01", "RECV2024031210-1.LOG");
        SmtpLogFiles.writeLog(log, "Receive", List.of(a(0, "+,,"), a(3, TLS10), a(4, "-,,Local")));
        Path database = folder.resolve("audit.duckdb");
        ingest(database);
        SmtpLogFiles.write(
                log,
                List.of(
                        "#Software: Microsoft Exchange Server",
                        "#Log-type: SMTP Receive Protocol Log",
                        SmtpLogFiles.FIELDS,
                        a(0, "+,,"),
                        a(1, "<,EHLO other.example,"),
                        a(4, "-,,Local"),
                        "#Date: 2024-03-12T10:00:05.000Z (a restart wrote another header; the file is longer than before)"));
        Files.setLastModifiedTime(log, FileTime.from(Instant.now().plusSeconds(60)));
        ingest(database);
        assertEquals(
                List.of(List.of("none", "other.example")),
                query(database, "SELECT tls_outcome, peer_name FROM smtp_sessions")
                        .rows());
    }

    @Test
    void copyOfALogUnderAnotherNameIsReadOnce() throws Exception {
        Path log = receiveLog("EX01", "RECV2024031210-1.LOG");
        SmtpLogFiles.writeLog(log, "Receive", List.of(a(0, "+,,"), a(3, TLS10), a(4, "-,,Local")));
        Files.copy(log, log.resolveSibling("RECV2024031210-1 - Copy.LOG"));
        IngestSummary summary = ingest(folder.resolve("audit.duckdb"));
        assertEquals(1, summary.filesRead());
        assertEquals(1, summary.filesSkipped());
        assertEquals(1, summary.connectionsStored());
    }
}
