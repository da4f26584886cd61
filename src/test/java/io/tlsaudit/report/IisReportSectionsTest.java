package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.ReportFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS sections over IIS logs whose blocks log only a few fields. */
class IisReportSectionsTest {

    @TempDir
    Path folder;

    private Report ingestAndReport(String log) throws Exception {
        Path file = folder.resolve("share/EX02/W3SVC1/u_ex240313.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, log, StandardCharsets.UTF_8);
        return ReportFixture.ingestAndReport(folder.resolve("share"), folder.resolve("audit.duckdb"));
    }

    private static ResultTable section(Report report, String id) {
        return ReportFixture.section(report, id);
    }

    @Test
    void countsRequestsOfBlocksWithoutDateOrPathAsLoggedWithoutTls() throws Exception {
        Report report = ingestAndReport("#Software: Microsoft Internet Information Services 10.0\r\n"
                + "#Version: 1.0\r\n"
                + "#Date: 2024-03-13 00:00:02\r\n"
                + "#Fields: time c-ip sc-status\r\n"
                + "00:07:14 203.0.113.9 200\r\n"
                + "00:07:15 203.0.113.9 200\r\n"
                + "10:36:31 - 401\r\n"
                + "#Fields: date time c-ip cs-uri-stem\r\n"
                + "2024-03-13 11:00:00 203.0.113.10 /owa/\r\n");

        ResultTable missing = section(report, "iis-tls-logging-missing");
        assertEquals(List.of("EX02"), missing.column("server"));
        assertEquals(
                List.of(4L),
                missing.column("requests_without_tls_fields").stream()
                        .map(value -> ((Number) value).longValue())
                        .toList());
        assertEquals(List.of(LocalDateTime.of(2024, 3, 13, 0, 7, 14)), missing.column("first_seen"));
        assertEquals(List.of(LocalDateTime.of(2024, 3, 13, 11, 0)), missing.column("last_seen"));

        ResultTable share = section(report, "https-protocol-share");
        assertEquals(List.of("not logged"), share.column("security"));
        assertEquals(List.of(2L), share.column("clients"), "the request without c-ip adds no client");
    }
}
