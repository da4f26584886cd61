package io.tlsaudit.report.render;

import static io.tlsaudit.report.render.JsonReader.array;
import static io.tlsaudit.report.render.JsonReader.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.report.WindowBounds;
import io.tlsaudit.store.ResultTable;
import io.tlsaudit.text.InertText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON documents parse, carry their schema version and window, and hold exactly the rows of their tables. */
class JsonRendererTest {

    private static final LocalDateTime MONDAY = LocalDateTime.of(2024, 3, 11, 0, 0);

    private static final ResultTable LEGACY_PEERS = new ResultTable(
            List.of(
                    "direction",
                    "remote_ip",
                    "peer_names",
                    "connections",
                    "share_pct",
                    "legacy_only",
                    "last_seen",
                    "starttls_offered"),
            List.of(
                    Arrays.asList(
                            "receive",
                            "10.40.8.23",
                            List.of("SCAN-KM-3F", "scan.contoso.com"),
                            4L,
                            new BigDecimal("47.5"),
                            true,
                            LocalDateTime.of(2024, 3, 14, 9, 45, 12),
                            null),
                    Arrays.asList(
                            "send",
                            "203.0.113.25",
                            List.of(),
                            2L,
                            0.5d,
                            false,
                            LocalDateTime.of(2024, 3, 13, 11, 10, 5, 678_000_000),
                            false)));

    private static ReportSection section(String id, ResultTable table) {
        return new ReportSection(id, "Title of " + id, "What " + id + " means.", "No " + id + ".", table);
    }

    private static Report report(String database, List<ReportSection> sections) {
        ResultTable overview = new ResultTable(
                List.of("connections", "first_seen"), List.of(List.of(82L, LocalDateTime.of(2024, 3, 11, 0, 0, 4))));
        return new Report(
                "Legacy TLS report",
                database,
                LocalDateTime.of(2024, 3, 16, 7, 30),
                new ReportWindow(Optional.of(MONDAY), Optional.empty()),
                new WindowBounds(MONDAY, MONDAY.plusDays(5)),
                section("overview", overview),
                sections);
    }

    private static Map<String, Object> renderReport(Report report) {
        StringWriter text = new StringWriter();
        new JsonRenderer().renderReport(report, new PrintWriter(text, true));
        return object(JsonReader.parse(text.toString()));
    }

    private static Map<String, Object> renderTable(ResultTable table) {
        StringWriter text = new StringWriter();
        new JsonRenderer().renderTable(table, new PrintWriter(text, true));
        return object(JsonReader.parse(text.toString()));
    }

    /** What a value of a result table becomes in JSON, as docs/report-json.md says, read back by JsonReader. */
    private static Object asJson(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Double) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof LocalDateTime timestamp) {
            return timestamp.withNano(0) + "Z";
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(JsonRendererTest::asJson).toList();
        }
        return value;
    }

    @Test
    void theReportCarriesItsSchemaVersionHeaderAndWindowWithItsBounds() {
        Map<String, Object> json = renderReport(report("/srv/audit/tlsaudit.duckdb", List.of()));

        assertEquals(
                List.of(
                        "schema_version",
                        "report",
                        "title",
                        "database",
                        "generated_at",
                        "window",
                        "overview",
                        "sections"),
                List.copyOf(json.keySet()));
        assertEquals(new BigDecimal(1), json.get("schema_version"));
        assertEquals("legacy-tls", json.get("report"));
        assertEquals("Legacy TLS report", json.get("title"));
        assertEquals("/srv/audit/tlsaudit.duckdb", json.get("database"));
        assertEquals("2024-03-16T07:30:00Z", json.get("generated_at"));
        Map<String, Object> window = object(json.get("window"));
        assertEquals("2024-03-11T00:00:00Z", window.get("since"));
        assertTrue(window.containsKey("until"));
        assertNull(window.get("until"), "an open end is null");
        Map<String, Object> bounds = object(window.get("bounds"));
        assertEquals("2024-03-11T00:00:00Z", bounds.get("since"));
        assertEquals("2024-03-16T00:00:00Z", bounds.get("until"));
        assertEquals("2024-03-06T00:00:00Z", bounds.get("previous_since"));
        assertEquals(
                Map.of("connections", new BigDecimal(82), "first_seen", "2024-03-11T00:00:04Z"),
                object(json.get("overview")));
        assertEquals(List.of(), array(json.get("sections")));
    }

    @Test
    void eachSectionHoldsItsWordsColumnsAndExactlyTheRowsOfItsTable() {
        ResultTable empty = new ResultTable(List.of("direction", "remote_ip"), List.of());
        Map<String, Object> json = renderReport(report(
                "audit.duckdb", List.of(section("legacy-peers", LEGACY_PEERS), section("plaintext-peers", empty))));

        List<Object> sections = array(json.get("sections"));
        assertEquals(2, sections.size());
        Map<String, Object> legacy = object(sections.get(0));
        assertEquals(
                List.of("id", "title", "explanation", "when_empty", "columns", "rows"), List.copyOf(legacy.keySet()));
        assertEquals("legacy-peers", legacy.get("id"));
        assertEquals("Title of legacy-peers", legacy.get("title"));
        assertEquals("What legacy-peers means.", legacy.get("explanation"));
        assertEquals("No legacy-peers.", legacy.get("when_empty"));
        assertEquals(LEGACY_PEERS.columns(), legacy.get("columns"));
        List<Object> rows = array(legacy.get("rows"));
        assertEquals(LEGACY_PEERS.rows().size(), rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> row = object(rows.get(r));
            assertEquals(LEGACY_PEERS.columns(), List.copyOf(row.keySet()), "a row's keys are the columns, in order");
            for (int c = 0; c < LEGACY_PEERS.columns().size(); c++) {
                String column = LEGACY_PEERS.columns().get(c);
                assertEquals(asJson(LEGACY_PEERS.rows().get(r).get(c)), row.get(column), column);
            }
        }
        // the same values, checked by hand
        Map<String, Object> second = object(rows.get(1));
        assertEquals(new BigDecimal("0.5"), second.get("share_pct"));
        assertEquals(List.of(), second.get("peer_names"));
        assertEquals(false, second.get("starttls_offered"));
        assertEquals("2024-03-13T11:10:05Z", second.get("last_seen"), "to the second");
        assertEquals(
                List.of("SCAN-KM-3F", "scan.contoso.com"), object(rows.get(0)).get("peer_names"));
        assertNull(object(rows.get(0)).get("starttls_offered"));

        Map<String, Object> plaintext = object(sections.get(1));
        assertEquals(List.of("direction", "remote_ip"), plaintext.get("columns"));
        assertEquals(List.of(), plaintext.get("rows"));
        assertEquals("No plaintext-peers.", plaintext.get("when_empty"));
    }

    @Test
    void aQueryResultIsColumnsAndRowsWithTheSchemaVersion() throws SQLException {
        StringWriter text = new StringWriter();
        new JsonRenderer().renderRows(LEGACY_PEERS.cursor(), new PrintWriter(text, true));
        Map<String, Object> json = object(JsonReader.parse(text.toString()));

        assertEquals(List.of("schema_version", "columns", "rows"), List.copyOf(json.keySet()));
        assertEquals(new BigDecimal(1), json.get("schema_version"));
        assertEquals(LEGACY_PEERS.columns(), json.get("columns"));
        assertEquals("10.40.8.23", object(array(json.get("rows")).get(0)).get("remote_ip"));
        assertEquals(new BigDecimal(4), object(array(json.get("rows")).get(0)).get("connections"));
    }

    @Test
    void numbersJsonCannotHoldAreNullAndHugeOnesStayExact() {
        BigInteger huge = new BigInteger("170141183460469231731687303715884105727");
        Map<String, Object> row = object(array(renderTable(new ResultTable(
                                List.of("nan", "infinite", "huge", "small"),
                                List.of(List.of(Double.NaN, Double.POSITIVE_INFINITY, huge, 1e-7))))
                        .get("rows"))
                .get(0));
        assertNull(row.get("nan"));
        assertNull(row.get("infinite"));
        assertEquals(new BigDecimal(huge), row.get("huge"));
        assertEquals(0, new BigDecimal("0.0000001").compareTo((BigDecimal) row.get("small")));
    }

    private static List<String> hostileStrings() {
        List<String> strings = new ArrayList<>(HostileTextTest.PAYLOADS);
        strings.add("high\uD800");
        strings.add("\uDC00low first");
        strings.add("pair \uD83D\uDE00 kept");
        strings.add("a".repeat(10_000));
        return strings;
    }

    /** What a parsed string holds for {@code text}: the text, with each unpaired surrogate as U+FFFD. */
    private static String withoutUnpairedSurrogates(String text) {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                expected.append(c).append(text.charAt(++i));
            } else {
                expected.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return expected.toString();
    }

    @Test
    void hostileStringsParseStrictlyAsTheirTextAndStayInert() {
        for (String hostile : hostileStrings()) {
            ResultTable table = new ResultTable(List.of(hostile, "n"), List.of(List.of(hostile, 1L)));
            StringWriter text = new StringWriter();
            new JsonRenderer()
                    .renderReport(report(hostile, List.of(section("legacy-peers", table))), new PrintWriter(text));
            String output = text.toString();

            Map<String, Object> json = object(JsonReader.parse(output));
            String expected = withoutUnpairedSurrogates(hostile);
            assertEquals(expected, json.get("database"));
            Map<String, Object> section = object(array(json.get("sections")).get(0));
            assertEquals(List.of(expected, "n"), section.get("columns"));
            assertEquals(expected, object(array(section.get("rows")).get(0)).get(expected));
            // nothing a terminal or an HTML page would act on is written raw
            for (char c : output.replace("\n", "").toCharArray()) {
                assertFalse(
                        InertText.isUnsafe(c) || c == '<' || c == '>' || c == '&',
                        () -> "raw U+" + Integer.toHexString(c) + " in "
                                + output.substring(0, Math.min(200, output.length())));
            }
        }
    }

    @Test
    void theTestReaderRejectsWhatStrictParsersReject() {
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("\"\\ud800\""));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\": 1, \"a\": 2}"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("\"tab\tinside\""));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[1, 2] x"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[01]"));
        assertEquals(List.of("\uD83D\uDE00"), JsonReader.parse("[\"\\ud83d\\ude00\"]"));
    }
}
