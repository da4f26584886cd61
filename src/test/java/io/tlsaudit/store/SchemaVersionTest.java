package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.assemble.SmtpConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaVersionTest {

    @TempDir
    Path folder;

    /** A database as the previous release made it (its schema file, kept as a test resource), with some rows. */
    private Path versionOneDatabase() throws Exception {
        Path file = folder.resolve("old.duckdb");
        String schema;
        try (var input = SchemaVersionTest.class.getResourceAsStream("/schema-version-1.sql")) {
            schema = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute(schema);
            statement.execute("INSERT INTO smtp_sessions (server, service, direction, connector, session_id,"
                    + " started_at, ended_at, closed, remote_ip, remote_ip_valid, peer_name, starttls_offered, starttls,"
                    + " anonymous_tls, tls_outcome, tls_protocol, legacy_tls, cert_subject, auth_failed, messages,"
                    + " sender_domains, source_file, first_line, row_count, pending) VALUES ('EX02', 'FrontEnd',"
                    + " 'receive', 'EX02\\Scanner', '08DC3B4192B4EFE2', TIMESTAMP '2024-03-13 06:41:04.41',"
                    + " TIMESTAMP '2024-03-13 06:41:09', true, '10.40.8.23', true, 'SCAN-KM-3F', true, true, false,"
                    + " 'negotiated', 'TLS 1.0', true, 'CN=EX02', false, 1, ['contoso.com'], '/logs/RECV20240313-1.LOG',"
                    + " 27, 9, false)");
            statement.execute("INSERT INTO iis_requests VALUES ('EX01', 'W3SVC1', TIMESTAMP '2024-03-12 07:00:00',"
                    + " TIMESTAMP '2024-03-12 07:10:00', '', NULL, NULL, 'Mozilla', 'OWA', 'GET', '/owa/', 443, 200,"
                    + " true, 'TLS 1.1', true, 'AES_256', 'SHA1', 'ECDHE', false, 4, '/logs/u_ex240312.log')");
            statement.execute("INSERT INTO ingested_files VALUES ('/logs/RECV20240313-1.LOG', 'smtp', 'EX02',"
                    + " 'FrontEnd', 'receive', 23518, 23518, TIMESTAMP '2024-03-14 00:00:00', 120, 0, 0, TIMESTAMP"
                    + " '2024-03-14 01:00:00', 150, NULL, NULL, 12345)");
        }
        return file;
    }

    private static List<Object> row(AuditDatabase database, String sql) throws Exception {
        return database.query(sql, List.of()).rows().get(0);
    }

    @Test
    void olderDatabaseIsUpgradedInPlaceKeepingItsRows() throws Exception {
        Path file = versionOneDatabase();
        try (AuditDatabase database = AuditDatabase.openForWriting(file)) {
            assertEquals(List.of(SchemaVersion.CURRENT), row(database, "SELECT max(version) FROM schema_version"));
            assertEquals(
                    Arrays.asList(
                            "08DC3B4192B4EFE2", "TLS 1.0", true, "CN=EX02", null, null, List.of("contoso.com"), 27L),
                    row(
                            database,
                            "SELECT session_id, tls_protocol, starttls_offered, cert_subject, peer_cert_issuer,"
                                    + " unattributed_cert_subject, sender_domains, first_line FROM smtp_sessions"));
            assertEquals(
                    Arrays.asList(null, false, 4L),
                    row(database, "SELECT client_ip, forwarded_invalid, requests FROM iis_requests"));
            assertEquals(Arrays.asList(12345L, null), row(database, "SELECT head_crc, tail_crc FROM ingested_files"));
            // The upgraded table takes new rows through the ingest's writer, column for column.
            SmtpConnection open = SmtpSessionColumnsTest.everyColumnDistinct(true);
            try (IngestBatch batch = database.ingestBatch()) {
                batch.stillOpen(open.stream(), List.of(open));
                batch.commit();
            }
            assertEquals(List.of(open), database.pendingConnections().load(open.stream()));
        }
        try (AuditDatabase database = AuditDatabase.openReadOnly(file)) {
            assertEquals(List.of(2L), row(database, "SELECT count(*) FROM smtp_sessions"));
        }
    }

    @Test
    void olderDatabaseOpenedForReportsSaysHowToUpgradeIt() throws Exception {
        Path file = versionOneDatabase();
        StoreException refused = assertThrows(StoreException.class, () -> AuditDatabase.openReadOnly(file));
        assertTrue(refused.getMessage().contains("older tlsaudit (schema version 1)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("tlsaudit ingest --db"), refused.getMessage());
    }

    @Test
    void anotherApplicationsDatabaseIsRefusedUnchanged() throws Exception {
        Path file = folder.resolve("crm.duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (name VARCHAR)");
        }
        StoreException refused = assertThrows(StoreException.class, () -> AuditDatabase.openForWriting(file));
        assertTrue(
                refused.getMessage().contains("is not a tlsaudit database (it holds customers)"), refused.getMessage());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT count(*) FROM information_schema.tables")) {
            result.next();
            assertEquals(1, result.getInt(1), "no table was added");
            statement.execute("CREATE TABLE schema_version (version VARCHAR)");
            statement.execute("INSERT INTO schema_version VALUES ('1.0.3')");
        }
        refused = assertThrows(StoreException.class, () -> AuditDatabase.openForWriting(file));
        assertTrue(refused.getMessage().contains("not a tlsaudit database"), refused.getMessage());
    }

    @Test
    void newerDatabaseIsRefusedUnchanged() throws Exception {
        Path file = folder.resolve("new.duckdb");
        AuditDatabase.openForWriting(file).close();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE schema_version SET version = 99");
            statement.execute("CREATE TABLE future_table (x INTEGER)");
        }
        for (var open : List.<java.util.function.Supplier<AuditDatabase>>of(
                () -> AuditDatabase.openForWriting(file), () -> AuditDatabase.openReadOnly(file))) {
            StoreException refused = assertThrows(StoreException.class, open::get);
            assertTrue(
                    refused.getMessage().contains("schema version 99, newer than this tlsaudit reads (2)"),
                    refused.getMessage());
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT max(version) FROM schema_version")) {
            result.next();
            assertEquals(99, result.getInt(1));
        }
    }
}
