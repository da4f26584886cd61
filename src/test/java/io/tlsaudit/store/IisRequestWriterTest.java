package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.assemble.IisRequestGroup;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IisRequestWriterTest {

    @TempDir
    Path folder;

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
}
