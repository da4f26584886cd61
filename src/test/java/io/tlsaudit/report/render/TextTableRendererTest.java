package io.tlsaudit.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.report.WindowBounds;
import io.tlsaudit.store.ResultRows;
import io.tlsaudit.store.ResultTable;
import io.tlsaudit.text.InertText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The terminal table: every line within 120 columns, nothing cut, and {@code --wide} as it always printed. */
class TextTableRendererTest {

    private static final LocalDateTime SEEN = LocalDateTime.of(2024, 3, 12, 8, 59, 47);

    private static String render(TextTableRenderer renderer, ResultTable table) {
        StringWriter text = new StringWriter();
        renderer.renderTable(table, new PrintWriter(text, true));
        return text.toString();
    }

    private static List<String> lines(String output) {
        return output.lines().toList();
    }

    private static void assertWithin(int width, String output) {
        for (String line : lines(output)) {
            assertTrue(DisplayWidth.of(line) <= width, () -> DisplayWidth.of(line) + " columns: " + line);
        }
    }

    /** The columns of a table as [start, end) character offsets, read from its rule line of dashes. */
    private static List<int[]> spans(List<String> lines) {
        String rule = lines.stream()
                .filter(line -> line.startsWith("-") && line.matches("[- ]+"))
                .findFirst()
                .orElseThrow();
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < rule.length(); ) {
            int end = rule.indexOf(' ', i);
            end = end < 0 ? rule.length() : end;
            spans.add(new int[] {i, end});
            i = end;
            while (i < rule.length() && rule.charAt(i) == ' ') {
                i++;
            }
        }
        return spans;
    }

    private static String slice(String line, int[] span, boolean last) {
        if (span[0] >= line.length()) {
            return "";
        }
        return line.substring(span[0], last ? line.length() : Math.min(span[1], line.length()))
                .strip();
    }

    /** The data lines of the table in {@code lines}: after the rule, before the row count. */
    private static List<String> dataLines(List<String> lines) {
        int rule = lines.indexOf(lines.stream()
                .filter(line -> line.startsWith("-") && line.matches("[- ]+"))
                .findFirst()
                .orElseThrow());
        return lines.subList(rule + 1, lines.size() - 1);
    }

    private static final List<String> PEERS = IntStream.range(0, 20)
            .mapToObj(i -> String.format("relay%02d.fabrikam.com", i))
            .toList();

    private static final ResultTable LONG_PEER_NAMES = new ResultTable(
            List.of("direction", "remote_ip", "peer_names", "connections", "last_seen"),
            List.of(
                    Arrays.asList("receive", "10.40.8.23", PEERS, 123456789L, SEEN),
                    Arrays.asList("send", "192.0.2.118", List.of("mx.contoso.com"), 7L, SEEN)));

    @Test
    void aLongPeerNamesCellWrapsWithinItsColumnAndLosesNothing() {
        String joined = String.join(", ", PEERS);
        assertTrue(joined.length() >= 400, "the cell is " + joined.length() + " characters");

        String output = render(new TextTableRenderer(), LONG_PEER_NAMES);

        assertWithin(120, output);
        List<String> lines = lines(output);
        List<int[]> spans = spans(lines);
        assertEquals(5, spans.size(), output);
        List<String> data = dataLines(lines);
        // the first row runs until the line where the second one starts
        int second = IntStream.range(0, data.size())
                .filter(i -> data.get(i).startsWith("send"))
                .findFirst()
                .orElseThrow();
        assertTrue(second > 1, "the cell wrapped:\n" + output);
        String rejoined = data.subList(0, second).stream()
                .map(line -> slice(line, spans.get(2), false))
                .collect(Collectors.joining(" "));
        assertEquals(joined, rejoined);
        // the number and the timestamp are whole, on the row's first line, and nowhere else
        assertEquals("123456789", slice(data.get(0), spans.get(3), false));
        assertEquals("2024-03-12 08:59:47", slice(data.get(0), spans.get(4), true));
        for (String continuation : data.subList(1, second)) {
            assertEquals("", slice(continuation, spans.get(0), false), continuation);
            assertEquals("", slice(continuation, spans.get(3), false), continuation);
            assertEquals("", slice(continuation, spans.get(4), true), continuation);
        }
        assertEquals("mx.contoso.com", slice(data.get(second), spans.get(2), false));
        assertEquals("7", slice(data.get(second), spans.get(3), false));
        assertEquals("(2 rows)", lines.get(lines.size() - 1));
    }

    @Test
    void aCellWithoutSpacesIsBrokenAtTheColumnEdge() {
        String blob = "\\x16\\x03".repeat(50);
        ResultTable table = new ResultTable(
                List.of("session_id", "first_bytes", "bytes"),
                List.of(List.of("08DC3B4192B4EEC7", blob, 400L), List.of("08DC3B4192B4EEC8", "\\x00", 1L)));

        String output = render(new TextTableRenderer(), table);

        assertWithin(120, output);
        List<String> lines = lines(output);
        List<int[]> spans = spans(lines);
        List<String> data = dataLines(lines);
        String rejoined = data.stream()
                .takeWhile(line -> !line.startsWith("08DC3B4192B4EEC8"))
                .map(line -> slice(line, spans.get(1), false))
                .collect(Collectors.joining());
        assertEquals(blob, rejoined);
        assertEquals("400", slice(data.get(0), spans.get(2), true));
    }

    @Test
    void columnNamesWiderThanTheirCellsWrapAfterUnderscoresBeforeAnyCellWraps() {
        // 12 short columns whose names make the line 162 wide; wrapped after '_' they need 115
        List<String> names = List.of(
                "direction",
                "tls_protocol",
                "cipher",
                "cipher_bits",
                "mac",
                "mac_bits",
                "key_exchange",
                "key_exchange_bits",
                "connections",
                "legacy_connections",
                "messages_in_plaintext",
                "legacy_only");
        List<Object> row =
                List.of("receive", "TLS 1.0", "3DES", 168L, "SHA1", 160L, "RSA_KEYX", 2048L, 4L, 4L, 0L, true);

        String output = render(new TextTableRenderer(), new ResultTable(names, List.of(row)));

        // The names are narrowed together, widest first, to 7 columns (none below its longest part: protocol,
        // exchange_, connections, messages_); the two columns left over go to the first two cut to 7, cipher_bits
        // (whose wrapped name then needs only 7) and mac_bits (which fits whole in 8).
        assertEquals(
                List.of(
                        "direction  tls_      cipher  cipher_  mac   mac_bits  key_      key_       connections  legacy_"
                                + "      messages_  legacy_",
                        "           protocol          bits                     exchange  exchange_               "
                                + "connections  in_        only",
                        "                                                                bits                        "
                                + "         plaintext",
                        "---------  --------  ------  -------  ----  --------  --------  ---------  -----------  "
                                + "-----------  ---------  -------",
                        "receive    TLS 1.0   3DES        168  SHA1       160  RSA_KEYX       2048            4       "
                                + "     4          0  yes",
                        "(1 row)"),
                lines(output),
                output);
    }

    @Test
    void aTableWithTooManyColumnsPrintsOneBlockPerRowWithEveryCellWhole() {
        List<String> names = IntStream.range(0, 30)
                .mapToObj(i -> String.format("measure_%02d", i))
                .collect(Collectors.toCollection(ArrayList::new));
        names.add("user_agent");
        String agent = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.5095; Pro) "
                .repeat(3)
                .strip();
        List<List<Object>> rows = new ArrayList<>();
        for (long r = 1; r <= 2; r++) {
            List<Object> row = new ArrayList<>();
            for (long i = 0; i < 30; i++) {
                row.add(r * 1000 + i);
            }
            row.add(agent);
            rows.add(row);
        }

        String output = render(new TextTableRenderer(), new ResultTable(names, rows));

        assertWithin(120, output);
        List<String> lines = lines(output);
        assertEquals(
                "(one block per row: the table does not fit 120 columns; --wide prints it as a table)", lines.get(0));
        assertEquals(1, lines.stream().filter(line -> line.contains("--wide")).count());
        assertEquals("row 1", lines.get(1));
        assertEquals("  measure_00  1000", lines.get(2));
        assertEquals("  measure_29  1029", lines.get(31));
        int rowTwo = lines.indexOf("row 2");
        String rejoined = lines.subList(32, rowTwo).stream()
                .map(line -> line.substring("  measure_00  ".length()).strip())
                .collect(Collectors.joining(" "));
        assertTrue(lines.get(32).startsWith("  user_agent  Microsoft Office/16.0"), lines.get(32));
        assertEquals(agent, rejoined);
        assertEquals("  measure_29  2029", lines.get(rowTwo + 30));
        assertEquals("(2 rows)", lines.get(lines.size() - 1));
    }

    @Test
    void wideKeepsOneLinePerRowAsTheTableAlwaysPrinted() {
        // two rows of the legacy-peers table of sample-logs, as the report printed them before tables were fitted
        ResultTable legacyPeers = new ResultTable(
                List.of(
                        "direction",
                        "remote_ip",
                        "peer_names",
                        "servers",
                        "connectors",
                        "connections",
                        "legacy_connections",
                        "protocols",
                        "ciphers",
                        "first_seen",
                        "last_seen",
                        "legacy_only"),
                List.of(
                        List.of(
                                "receive",
                                "10.40.8.23",
                                List.of("SCAN-KM-3F"),
                                List.of("EX02"),
                                List.of("EX02\\Scanner-Empfang Gebäude B"),
                                4L,
                                4L,
                                List.of("TLS 1.0"),
                                List.of("3DES/SHA1/RSA_KEYX"),
                                LocalDateTime.of(2024, 3, 13, 6, 41, 4),
                                LocalDateTime.of(2024, 3, 14, 9, 45, 12),
                                true),
                        List.of(
                                "receive",
                                "198.51.100.77",
                                List.of("smtp.northwindtraders.com"),
                                List.of("EX01"),
                                List.of("EX01\\Default Frontend EX01"),
                                4L,
                                1L,
                                List.of("TLS 1.1", "TLS 1.2"),
                                List.of("AES_256/SHA1/ECDHE", "AES_256/SHA_384/ECDHE"),
                                LocalDateTime.of(2024, 3, 11, 10, 17, 40),
                                LocalDateTime.of(2024, 3, 13, 10, 33, 16),
                                false)));

        assertEquals(
                "direction  remote_ip      peer_names                 servers  connectors                      connections  legacy_connections  protocols         ciphers                                    first_seen           last_seen            legacy_only\n"
                        + "---------  -------------  -------------------------  -------  ------------------------------  -----------  ------------------  ----------------  -----------------------------------------  -------------------  -------------------  -----------\n"
                        + "receive    10.40.8.23     SCAN-KM-3F                 EX02     EX02\\Scanner-Empfang Gebäude B            4                   4  TLS 1.0           3DES/SHA1/RSA_KEYX                         2024-03-13 06:41:04  2024-03-14 09:45:12  yes\n"
                        + "receive    198.51.100.77  smtp.northwindtraders.com  EX01     EX01\\Default Frontend EX01                4                   1  TLS 1.1, TLS 1.2  AES_256/SHA1/ECDHE, AES_256/SHA_384/ECDHE  2024-03-11 10:17:40  2024-03-13 10:33:16  no\n"
                        + "(2 rows)\n",
                render(TextTableRenderer.wide(), legacyPeers));
    }

    @Test
    void wideNoLongerCutsLongCells() {
        String certificates = "ours: CN=smtp-out.contoso.com | role not logged: CN=smtp-out.contoso.com";
        ResultTable table = new ResultTable(List.of("certificates", "n"), List.of(List.of(certificates, 2L)));
        assertEquals(
                "certificates" + " ".repeat(60) + "  n\n"
                        + "-".repeat(72) + "  -\n"
                        + certificates + "  2\n"
                        + "(1 row)\n",
                render(TextTableRenderer.wide(), table));
    }

    @Test
    void aTableThatFitsPrintsTheSameWideOrNot() {
        ResultTable table = new ResultTable(
                List.of("peer_name", "connections", "legacy_only", "last_seen", "domains"),
                List.of(
                        Arrays.asList("=HYPERLINK(\"http://x\")", 3L, true, SEEN, List.of("a.example", "b.example")),
                        Arrays.asList("mx.contoso.com", -1L, false, null, List.of())));
        String expected = "peer_name               connections  legacy_only  last_seen            domains\n"
                + "----------------------  -----------  -----------  -------------------  --------------------\n"
                + "=HYPERLINK(\"http://x\")            3  yes          2024-03-12 08:59:47  a.example, b.example\n"
                + "mx.contoso.com                   -1  no\n"
                + "(2 rows)\n";
        assertEquals(expected, render(new TextTableRenderer(), table));
        assertEquals(expected, render(TextTableRenderer.wide(), table));
    }

    @Test
    void wideCharactersCountTwoColumnsWhenAligning() {
        ResultTable table = new ResultTable(
                List.of("peer_name", "connections"),
                List.of(List.of("メール.例え.jp", 3L), List.of("mail.example.jp", 12L)));
        // メール.例え.jp: 14 columns in 9 characters, so one space pads it to the 15 of mail.example.jp
        assertEquals(
                "peer_name        connections\n"
                        + "---------------  -----------\n"
                        + "メール.例え.jp             3\n"
                        + "mail.example.jp           12\n"
                        + "(2 rows)\n",
                render(new TextTableRenderer(), table));
    }

    @Test
    void wideCharactersWrapByTheirColumnsNotTheirCount() {
        String subject = "CN=郵便サーバー" + "漢".repeat(200);
        ResultTable table = new ResultTable(List.of("cert_subject", "connections"), List.of(List.of(subject, 5L)));

        String output = render(new TextTableRenderer(), table);

        assertWithin(120, output);
        List<String> data = dataLines(lines(output));
        assertEquals(415, DisplayWidth.of(subject));
        // 120 less the separator and connections leaves 107 columns: CN= and six wide characters take 15, 46 more
        // ideographs 92
        assertTrue(data.get(0).startsWith("CN=郵便サーバー" + "漢".repeat(46) + "  "), data.get(0));
        assertEquals(120, DisplayWidth.of(data.get(0)));
        assertEquals(
                subject,
                data.stream()
                        .map(line -> line.replaceAll(" +\\d+$", "").strip())
                        .collect(Collectors.joining()));
    }

    @Test
    void aStreamedRowLongerThanTheFirstPageWrapsAndItsNumberWidensOnlyItsLine() throws SQLException {
        String peers = String.join(", ", PEERS);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < Renderer.FIRST_PAGE; i++) {
            rows.add(List.of("peer-" + i + ".example", i));
        }
        rows.add(List.of(peers, 123456789012L));
        ResultRows cursor = new ResultTable(List.of("peer_names", "n"), rows).cursor();
        StringWriter text = new StringWriter();

        new TextTableRenderer().renderRows(cursor, new PrintWriter(text, true));

        String output = text.toString();
        assertWithin(120, output);
        List<String> lines = lines(output);
        assertEquals("peer-999.example  999", lines.get(2 + 999));
        List<String> last = lines.subList(2 + 1000, lines.size() - 1);
        assertTrue(last.get(0).endsWith("  123456789012"), last.get(0));
        assertEquals(
                peers,
                last.stream()
                        .map(line -> line.replace("123456789012", "").strip())
                        .collect(Collectors.joining(" ")));
        assertEquals("(1001 rows)", lines.get(lines.size() - 1));
    }

    @Test
    void aWholeReportStaysWithinTheWidth() {
        String whenEmpty = "No HTTPS client negotiated TLS 1.0, TLS 1.1 or SSL in the window (or no IIS logs with the"
                + " crypt-* fields were ingested).";
        ResultTable overview = new ResultTable(
                List.of("connections", "legacy_only_https_clients_in_the_previous_period"), List.of(List.of(82L, 3L)));
        Report report = new Report(
                "Legacy TLS report",
                "/srv/audit/tlsaudit.duckdb",
                LocalDateTime.of(2024, 3, 16, 0, 0),
                ReportWindow.ALL,
                new WindowBounds(LocalDateTime.of(2024, 3, 11, 0, 0), LocalDateTime.of(2024, 3, 16, 0, 0)),
                new ReportSection("overview", "Overview", "Headline numbers.", "No connections.", overview),
                List.of(
                        new ReportSection(
                                "legacy-https-clients",
                                "HTTPS clients on legacy TLS (IIS)",
                                "Clients that negotiated TLS 1.0/1.1 or SSL.",
                                whenEmpty,
                                new ResultTable(List.of("client_ip"), List.of())),
                        new ReportSection(
                                "legacy-peers",
                                "Peers on TLS 1.0/1.1 or SSL",
                                "Every peer with at least one legacy connection.",
                                "No peer.",
                                LONG_PEER_NAMES)));
        StringWriter text = new StringWriter();

        new TextTableRenderer().renderReport(report, new PrintWriter(text, true));

        String output = text.toString();
        assertWithin(120, output);
        List<String> lines = lines(output);
        // the overview's names wrap after '_' beyond 32 columns, their values stay aligned
        int overviewStart = lines.indexOf("--------") + 1;
        assertEquals(
                List.of(
                        "  connections                       82",
                        "  legacy_only_https_clients_in_     3",
                        "  the_previous_period"),
                lines.subList(overviewStart, overviewStart + 3));
        // what an empty section means wraps like the explanation, indented
        int emptyStart = lines.indexOf("Clients that negotiated TLS 1.0/1.1 or SSL.") + 2;
        assertEquals(
                List.of(
                        "  No HTTPS client negotiated TLS 1.0, TLS 1.1 or SSL in the window (or no IIS logs with the"
                                + " crypt-*",
                        "  fields were ingested)."),
                lines.subList(emptyStart, emptyStart + 2));
        assertTrue(lines.contains("(2 rows)"), output);
    }

    @Test
    void anEmptyResultTooWideForATablePrintsOnlyItsCount() {
        List<String> names = IntStream.range(0, 30)
                .mapToObj(i -> String.format("measure_%02d", i))
                .toList();
        assertEquals("(0 rows)\n", render(new TextTableRenderer(), new ResultTable(names, List.of())));
    }

    @Test
    void hostileTextStaysInertAndWithinTheWidth() {
        List<String> payloads = new ArrayList<>(HostileTextTest.PAYLOADS);
        payloads.add("x".repeat(5_000) + " \u202E " + "y".repeat(5_000));
        for (String payload : payloads) {
            ResultTable asCell = new ResultTable(
                    List.of("peer_name", "connections", "last_seen"), List.of(List.of(payload, 1L, SEEN)));
            ResultTable asName =
                    new ResultTable(List.of(payload, "connections", "last_seen"), List.of(List.of("x", 1L, SEEN)));
            for (ResultTable table : List.of(asCell, asName)) {
                String output = render(new TextTableRenderer(), table);
                assertWithin(120, output);
                output.replace("\n", "").codePoints().forEach(c -> assertFalse(InertText.isUnsafe(c), output));
                assertFalse(output.contains("\nwarning:"), output);
            }
        }
    }
}
