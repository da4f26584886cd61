package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.assemble.TlsOutcome;
import io.tlsaudit.parse.smtp.SmtpDirection;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpSessionColumnsTest {

    @TempDir
    Path folder;

    /** Every column a value no other column has, so a swapped or dropped column shows; booleans as given. */
    static SmtpConnection everyColumnDistinct(boolean flag) {
        return new SmtpConnection(
                new LogStream("server-1", "service-2", SmtpDirection.SEND),
                "connector-3",
                "08DC3B4192B4C1A7",
                LocalDateTime.of(2024, 3, 12, 9, 0, 1, 5_000),
                LocalDateTime.of(2024, 3, 12, 9, 0, 2, 6_000),
                flag,
                "reason-7",
                "10.0.0.8",
                9,
                "10.0.0.10",
                11,
                !flag,
                "peer-12",
                flag,
                !flag,
                flag,
                flag ? TlsOutcome.NO_DIALOGUE : TlsOutcome.UNLOGGED,
                "protocol-13",
                "logged-14",
                !flag,
                "cipher-15",
                16,
                "mac-17",
                18,
                "exchange-19",
                20,
                "error-21",
                "subject-22",
                "issuer-23",
                "thumbprint-24",
                "peer-subject-25",
                "peer-issuer-26",
                "peer-thumbprint-27",
                "unattributed-subject-28",
                "unattributed-issuer-29",
                "unattributed-thumbprint-30",
                "mechanism-31",
                "user-32",
                flag,
                33,
                List.of("domain-34", "domain-35"),
                "file-36",
                37,
                38,
                flag);
    }

    @Test
    void storedConnectionReadsBackEqualInEveryColumn() {
        Path file = folder.resolve("audit.duckdb");
        List<SmtpConnection> written = List.of(everyColumnDistinct(true), everyColumnDistinct(false));
        LogStream stream = written.get(0).stream();
        try (AuditDatabase database = AuditDatabase.openForWriting(file);
                IngestBatch batch = database.ingestBatch()) {
            batch.stillOpen(stream, written);
            batch.commit();
        }
        List<SmtpConnection> read;
        try (AuditDatabase database = AuditDatabase.openForWriting(file)) {
            read = new ArrayList<>(database.pendingConnections().load(stream));
        }
        read.sort((a, b) -> Boolean.compare(b.closed(), a.closed()));
        assertEquals(written, read);
    }

    @Test
    void nullableColumnsReadBackAsNull() {
        SmtpConnection sparse = new SmtpConnection(
                new LogStream("EX01", "FrontEnd", SmtpDirection.RECEIVE),
                null,
                "08DC3B4192B4C1A7",
                LocalDateTime.of(2024, 3, 12, 9, 0),
                LocalDateTime.of(2024, 3, 12, 9, 0),
                false,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                false,
                false,
                TlsOutcome.NO_DIALOGUE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                0,
                List.of(),
                "file",
                1,
                1,
                false);
        Path file = folder.resolve("audit.duckdb");
        try (AuditDatabase database = AuditDatabase.openForWriting(file);
                IngestBatch batch = database.ingestBatch()) {
            batch.checkpoint("next-file", List.of(sparse));
            batch.commit();
            assertEquals(List.of(sparse), database.checkpoints().load("next-file"));
            assertEquals(List.of(), database.checkpoints().load("other-file"));
        }
    }

    /** Sender domains are staged as one text: no list, an empty item and the separator itself come back apart. */
    @Test
    void senderDomainListsSurviveTheirStaging() {
        Path file = folder.resolve("audit.duckdb");
        List<List<String>> lists = List.of(List.of(), List.of(""), List.of("", "b.example"), List.of("a\u001Fb"));
        List<SmtpConnection> written = new ArrayList<>();
        for (int i = 0; i < lists.size(); i++) {
            written.add(withDomains(everyColumnDistinct(true), "08DC3B4192B4C1A" + i, lists.get(i)));
        }
        LogStream stream = written.get(0).stream();
        try (AuditDatabase database = AuditDatabase.openForWriting(file);
                IngestBatch batch = database.ingestBatch()) {
            written.forEach(batch::finished);
            batch.commit();
        }
        try (AuditDatabase database = AuditDatabase.openReadOnly(file)) {
            ResultTable domains = database.query(
                    "SELECT sender_domains FROM smtp_sessions WHERE server = ? ORDER BY session_id",
                    List.of(stream.server()));
            assertEquals(
                    List.of(
                            List.of(List.of()),
                            List.of(List.of("")),
                            List.of(List.of("", "b.example")),
                            List.of(List.of("a\uFFFDb"))),
                    domains.rows());
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static SmtpConnection withDomains(SmtpConnection c, String sessionId, List<String> domains) {
        return new SmtpConnection(
                c.stream(),
                c.connector(),
                sessionId,
                c.startedAt(),
                c.endedAt(),
                c.closed(),
                c.disconnectReason(),
                c.localIp(),
                c.localPort(),
                c.remoteIp(),
                c.remotePort(),
                c.remoteIpValid(),
                c.peerName(),
                c.starttlsOffered(),
                c.starttls(),
                c.anonymousTls(),
                c.tlsOutcome(),
                c.tlsProtocol(),
                c.tlsProtocolLogged(),
                c.legacyTls(),
                c.cipher(),
                c.cipherBits(),
                c.mac(),
                c.macBits(),
                c.keyExchange(),
                c.keyExchangeBits(),
                c.tlsError(),
                c.certSubject(),
                c.certIssuer(),
                c.certThumbprint(),
                c.peerCertSubject(),
                c.peerCertIssuer(),
                c.peerCertThumbprint(),
                c.unattributedCertSubject(),
                c.unattributedCertIssuer(),
                c.unattributedCertThumbprint(),
                c.authMechanism(),
                c.authUser(),
                c.authFailed(),
                c.messages(),
                domains,
                c.sourceFile(),
                c.firstLine(),
                c.rows(),
                c.connectAttempted());
    }

    @Test
    void tablesHaveTheColumnsOfTheListInItsOrder() throws Exception {
        List<Object> expected = new ArrayList<>();
        SmtpSessionColumns.CONNECTION.forEach(column -> expected.add(column.name()));
        try (AuditDatabase database = AuditDatabase.openForWriting(folder.resolve("audit.duckdb"))) {
            List<Object> sessions = new ArrayList<>(expected);
            sessions.add(SmtpSessionColumns.PENDING);
            assertEquals(sessions, columnNames(database, "smtp_sessions"));
            List<Object> checkpoints = new ArrayList<>(List.of("before_file"));
            checkpoints.addAll(expected);
            assertEquals(checkpoints, columnNames(database, "connection_checkpoints"));
        }
    }

    private static List<Object> columnNames(AuditDatabase database, String table) throws Exception {
        ResultTable columns = database.query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                List.of(table));
        return columns.rows().stream().map(row -> row.get(0)).toList();
    }
}
