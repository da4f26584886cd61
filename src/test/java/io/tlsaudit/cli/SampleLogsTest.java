package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code analyze sample-logs} and checks what it stored against the expectations written, and verified by
 * hand, in {@code sample-logs/README.md}; then checks the printed report against a golden file. Regenerate the golden
 * file after a deliberate change with {@code mvn test -Dtest=SampleLogsTest -Dgolden.update=true} and review the diff.
 */
class SampleLogsTest {

    private static final Path SAMPLES = Path.of("sample-logs");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/analyze-sample-logs.txt");
    private static final DateTimeFormatter README_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);

    @TempDir
    static Path folder;

    private static Path database;
    private static String report;
    private static String stderr;
    private static int exitCode;

    @BeforeAll
    static void analyzeSampleLogs() {
        database = folder.resolve("samples.duckdb");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AnalyzeCommand analyze = new AnalyzeCommand();
        analyze.clock = Clock.fixed(Instant.parse("2024-03-16T00:00:00Z"), ZoneOffset.UTC);
        CommandLine analyzeLine = TlsAuditCommand.configure(new CommandLine(analyze));
        analyzeLine.setOut(new PrintWriter(out, true));
        analyzeLine.setErr(new PrintWriter(err, true));
        exitCode = analyzeLine.execute("--db", database.toString(), SAMPLES.toString());
        report = out.toString().replace(database.toString(), "<database>");
        stderr = err.toString();
    }

    private static ResultTable query(String sql) throws SQLException {
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            return store.query(sql, List.of());
        }
    }

    /** The rows of the Markdown table in sample-logs/README.md whose header starts with {@code headerStart}. */
    private static List<List<String>> readmeTable(String headerStart) throws IOException {
        List<String> lines = Files.readAllLines(SAMPLES.resolve("README.md"), StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(headerStart)) {
                start = i + 2; // skip the header and the |---| rule
                break;
            }
        }
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i);
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void exitsZeroAndNamesEveryProblemWithFileAndLine() {
        assertEquals(0, exitCode, stderr);
        String smtp = "sample-logs/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031209-1.LOG";
        String send = "sample-logs/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend/SEND2024031314-1.LOG";
        for (String expected : List.of(
                smtp + ":35: expected 9 columns, found 8",
                smtp + ":52: date-time is not yyyy-MM-ddTHH:mm:ss.fffZ",
                smtp + ":60: TLS result text does not match the template",
                smtp + ":85: event is not one of + - > < *",
                send + ":79: TLS result text does not match the template",
                "sample-logs/EX01/W3SVC1/u_ex240312_x.log:35: expected 19 fields as #Fields says, found 18",
                "RECV20240314-9.LOG: skipped: UTF-16 encoded")) {
            assertEquals(true, stderr.contains(expected), "stderr lacks '" + expected + "':\n" + stderr);
        }
    }

    /**
     * The rows of {@code sql} as README table rows: cells joined by {@code " | "}, NULL as an empty cell, timestamps
     * in the README's form, file paths relative to sample-logs/.
     */
    private static Set<String> storedRows(String sql) throws SQLException {
        String root = SAMPLES.toAbsolutePath().normalize() + "/";
        Set<String> rows = new TreeSet<>();
        for (List<Object> row : query(sql).rows()) {
            List<String> cells = new ArrayList<>();
            for (Object value : row) {
                if (value == null) {
                    cells.add("");
                } else if (value instanceof java.time.LocalDateTime time) {
                    cells.add(README_TIME.format(time));
                } else {
                    cells.add(value.toString().replace(root, ""));
                }
            }
            rows.add(String.join(" | ", cells));
        }
        return rows;
    }

    private static Set<String> readmeRows(String headerStart) throws IOException {
        return readmeTable(headerStart).stream()
                .map(row -> String.join(" | ", row))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void storesEveryConnectionOfTheReadmeWithItsHandVerifiedValues() throws Exception {
        Set<String> expected = readmeRows("| server | service | direction | session_id | local_ip");
        assertEquals(95, expected.size());
        assertEquals(
                expected,
                storedRows(
                        "SELECT server, service, direction, session_id, local_ip, local_port, remote_ip, remote_port,"
                                + " peer_name, starttls_offered, tls_outcome, tls_protocol, cipher, cipher_bits, mac, mac_bits,"
                                + " key_exchange, key_exchange_bits, tls_error, messages, started_at, source_file, first_line"
                                + " FROM smtp_sessions"));
    }

    @Test
    void leavesOpenOrIdleClosesExactlyTheConnectionsWithoutADisconnectRow() throws Exception {
        // The README's "why" column is prose; the stored columns are compared with the others.
        Set<String> expected = readmeTable("| server | service | direction | session_id | pending").stream()
                .map(row -> String.join(" | ", row.subList(0, row.size() - 1)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(2, expected.size());
        assertEquals(
                expected,
                storedRows("SELECT server, service, direction, session_id, pending, ended_at FROM smtp_sessions"
                        + " WHERE NOT closed"));
    }

    @Test
    void storesEachConnectAttemptOfASendSessionIdAsAConnectionOfItsOwn() throws Exception {
        // README case 39: the first MX times out (10060), the second, under the same session id, negotiates TLS 1.0.
        assertEquals(
                List.of(
                        List.of("198.51.100.161", true, "no_dialogue", true, 6L),
                        List.of("198.51.100.162", true, "negotiated", false, 9L)),
                query("SELECT remote_ip, closed, tls_outcome, coalesce(starts_with(disconnect_reason, 'Failed to"
                                + " connect. Winsock error code: 10060,'), false), first_line FROM smtp_sessions"
                                + " WHERE session_id = '08DC429DEB2A82F4' ORDER BY first_line")
                        .rows());
    }

    @Test
    void keepsCertificatesLoggedWithoutTheirRoleRowUnattributed() throws Exception {
        Set<String> expected = readmeRows("| server | direction | session_id | unattributed_cert_subject");
        assertEquals(1, expected.size());
        assertEquals(
                expected,
                storedRows("SELECT server, direction, session_id, unattributed_cert_subject, unattributed_cert_issuer,"
                        + " unattributed_cert_thumbprint FROM smtp_sessions WHERE unattributed_cert_subject IS NOT NULL"
                        + " OR unattributed_cert_issuer IS NOT NULL OR unattributed_cert_thumbprint IS NOT NULL"));
        assertEquals(
                Set.of(" | "),
                storedRows("SELECT cert_subject, peer_cert_subject FROM smtp_sessions"
                        + " WHERE session_id = '08DC3B4192B4EEC7'"));
    }

    @Test
    void keepsExactlyTheRejectedLinesOfTheReadmeAndTheBrokenTlsLines() throws Exception {
        Set<String> expected = readmeTable("| file | line | why").stream()
                .filter(row -> !row.get(1).startsWith("0"))
                .map(row -> row.get(0) + ":" + row.get(1))
                .collect(Collectors.toCollection(TreeSet::new));
        // The cut TLS result rows of the README's "Other lines": read, reported, no result taken.
        expected.add("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031209-1.LOG:60");
        expected.add("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend/SEND2024031314-1.LOG:79");
        String root = SAMPLES.toAbsolutePath().normalize() + "/";
        Set<String> actual = query("SELECT source_file, line FROM ingest_errors").rows().stream()
                .map(row -> row.get(0).toString().replace(root, "") + ":" + row.get(1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual);
    }

    @Test
    void countsIisRequestsPerProtocolAsTheReadmeSays() throws Exception {
        // README "Expected IIS results" of u_ex240312_x.log: SSL 3.0 4, TLS 1.0 20, TLS 1.1 7, TLS 1.2 40, TLS 1.3 4,
        // none 5.
        ResultTable perProtocol = query("SELECT coalesce(tls_protocol, 'none'), sum(requests)::BIGINT FROM iis_requests"
                + " WHERE source_file LIKE '%/EX01/W3SVC1/u_ex240312_x.log' GROUP BY 1 ORDER BY 1");
        assertEquals(
                List.of(
                        List.of("SSL 3.0", 4L),
                        List.of("TLS 1.0", 20L),
                        List.of("TLS 1.1", 7L),
                        List.of("TLS 1.2", 40L),
                        List.of("TLS 1.3", 4L),
                        List.of("none", 5L)),
                perProtocol.rows());
        assertEquals(
                List.of(List.of("EX02", "W3SVC1", 18L)),
                query("SELECT server, site, sum(requests)::BIGINT FROM iis_requests WHERE NOT tls_logged GROUP BY ALL")
                        .rows());
        assertEquals(
                List.of(List.of("203.0.113.77", "10.0.0.5", 3L)),
                query(
                                "SELECT client_ip, proxy_ip, sum(requests)::BIGINT FROM iis_requests WHERE username = 'CONTOSO\\p.vogel'"
                                        + " GROUP BY ALL")
                        .rows());
    }

    @Test
    void datesIisRequestsWithoutDateFieldByTheDateDirectiveAndKeepsThoseWithoutPath() throws Exception {
        Set<String> expected = readmeRows("| logged_at | last_logged_at | client_ip");
        assertEquals(7, expected.size());
        assertEquals(
                expected,
                storedRows("SELECT logged_at, last_logged_at, client_ip, username, client_protocol, uri_stem,"
                        + " tls_protocol, cipher, mac, key_exchange, requests FROM iis_requests"
                        + " WHERE source_file LIKE '%/EX01/W3SVC1/u_ex240313_x.log'"));
    }

    @Test
    void groupsThePreviousWeeksRequestsPerClientAndHourAsTheReadmeSays() throws Exception {
        // README "Expected IIS results" of u_ex240306_x.log, the IIS log of 2024-W10.
        Set<String> expected = readmeRows("| logged_at | last_logged_at | probe | client_ip");
        assertEquals(8, expected.size());
        assertEquals(
                expected,
                storedRows("SELECT logged_at, last_logged_at, probe, client_ip, username, user_agent, client_protocol,"
                        + " uri_stem, tls_protocol, cipher, mac, key_exchange, requests FROM iis_requests"
                        + " WHERE source_file LIKE '%/EX01/W3SVC1/u_ex240306_x.log'"));
    }

    @Test
    void printsTheGoldenReport() throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, report, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), report);
    }
}
