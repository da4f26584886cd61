package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.assemble.IisRequestGroup;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IisRequestColumnsTest {

    @TempDir
    Path folder;

    /** Request group {@code i}: its own client and path. */
    static IisRequestGroup group(int i) {
        return group("10.0.0." + (i % 250), null, false, "/ews/" + i);
    }

    private static IisRequestGroup group(String clientIp, String proxyIp, boolean forwardedInvalid, String uriStem) {
        LocalDateTime at = LocalDateTime.of(2024, 3, 12, 9, 0);
        return new IisRequestGroup(
                "EX01",
                "W3SVC1",
                at,
                at,
                clientIp,
                proxyIp,
                forwardedInvalid,
                null,
                null,
                "other",
                "GET",
                uriStem,
                443,
                200,
                false,
                null,
                null,
                null,
                null,
                null,
                false,
                3,
                "/logs/u_ex240312.log");
    }

    @Test
    void storesAMissingClientOrPathAsNullAndTheForwardedFlag() throws Exception {
        try (AuditDatabase database = AuditDatabase.openForWriting(folder.resolve("audit.duckdb"))) {
            try (IngestBatch batch = database.ingestBatch()) {
                batch.request(group(null, null, false, null));
                batch.request(group("10.0.0.5", null, true, "/owa/"));
                batch.request(group("203.0.113.77", "10.0.0.5", false, "/owa/"));
                batch.commit();
            }
            ResultTable stored = database.query(
                    "SELECT client_ip, proxy_ip, forwarded_invalid, uri_stem, requests FROM iis_requests"
                            + " ORDER BY client_ip NULLS FIRST",
                    List.of());
            assertEquals(
                    List.of(
                            Arrays.asList(null, null, false, null, 3L),
                            Arrays.asList("10.0.0.5", null, true, "/owa/", 3L),
                            Arrays.asList("203.0.113.77", "10.0.0.5", false, "/owa/", 3L)),
                    stored.rows());
        }
    }

    @Test
    void everyColumnTakesItsOwnValue() throws Exception {
        IisRequestGroup distinct = new IisRequestGroup(
                "EX02",
                "W3SVC2",
                LocalDateTime.of(2026, 11, 2, 9, 15, 1),
                LocalDateTime.of(2026, 11, 2, 9, 47, 59),
                "198.51.100.20",
                "10.1.1.1",
                true,
                "contoso\\anna",
                "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.5417; Pro)",
                "EWS",
                "POST",
                "/EWS/Exchange.asmx",
                444,
                401,
                true,
                "TLS 1.0",
                true,
                "AES_128",
                "SHA1",
                "ECDHE",
                true,
                17,
                "/logs/W3SVC2/u_ex261102.log");
        try (AuditDatabase database = AuditDatabase.openForWriting(folder.resolve("audit.duckdb"))) {
            try (IngestBatch batch = database.ingestBatch()) {
                batch.request(distinct);
                batch.commit();
            }
            ResultTable stored = database.query("SELECT * FROM iis_requests", List.of());
            assertEquals(
                    List.of(
                            "server",
                            "site",
                            "logged_at",
                            "last_logged_at",
                            "client_ip",
                            "proxy_ip",
                            "forwarded_invalid",
                            "username",
                            "user_agent",
                            "client_protocol",
                            "method",
                            "uri_stem",
                            "server_port",
                            "status",
                            "tls_logged",
                            "tls_protocol",
                            "legacy_tls",
                            "cipher",
                            "mac",
                            "key_exchange",
                            "probe",
                            "requests",
                            "source_file"),
                    stored.columns());
            // The table's columns hold the group's components in declaration order, the times checked as text below.
            List<Object> expected = new ArrayList<>();
            for (RecordComponent component : IisRequestGroup.class.getRecordComponents()) {
                expected.add(component.getAccessor().invoke(distinct));
            }
            List<Object> row = new ArrayList<>(stored.rows().get(0));
            row.set(2, expected.get(2));
            row.set(3, expected.get(3));
            assertEquals(expected, row);
            assertEquals(
                    List.of(List.of("2026-11-02 09:15:01", "2026-11-02 09:47:59")),
                    database.query(
                                    "SELECT strftime(logged_at, '%Y-%m-%d %H:%M:%S'),"
                                            + " strftime(last_logged_at, '%Y-%m-%d %H:%M:%S') FROM iis_requests",
                                    List.of())
                            .rows());
        }
    }
}
