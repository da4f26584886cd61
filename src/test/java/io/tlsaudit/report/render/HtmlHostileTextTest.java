package io.tlsaudit.report.render;

import static io.tlsaudit.report.render.HtmlPages.elements;
import static io.tlsaudit.report.render.HtmlPages.parse;
import static io.tlsaudit.report.render.HtmlPages.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.store.ResultTable;
import io.tlsaudit.text.InertText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Text from logs put everywhere a page shows text (cells, column names, section words and ids, title, database path,
 * overview, chart labels) stays text: the page holds only the renderer's tags and attributes, no invisible or
 * steering character, and each payload reads back as its inert form.
 */
class HtmlHostileTextTest {

    static Stream<String> payloads() {
        List<String> payloads = new ArrayList<>(HostileTextTest.PAYLOADS);
        payloads.addAll(List.of(
                "</style><script>alert(1)</script>",
                "]]><script>alert(1)</script>",
                "<!-- comment --><svg onload=alert(1)>",
                "' onmouseover='alert(1)",
                "javascript:alert(1)",
                "&lt;b&gt; already escaped &amp;",
                "</title></svg></table><a href=\"http://x\">",
                "bidi\u202E<script>\u202C"));
        return payloads.stream();
    }

    static Report hostileReport(String payload) {
        ResultTable cells = new ResultTable(
                List.of(payload, "connections"),
                List.of(Arrays.asList(payload, 3L), Arrays.asList(List.of(payload), 1L)));
        ResultTable trend = new ResultTable(
                TrendChart.COLUMNS,
                List.of(
                        Arrays.asList(payload, payload, payload, payload, 2L, new BigDecimal("40"), false),
                        Arrays.asList(payload, payload, payload, "TLS 1.0", 3L, new BigDecimal("60"), true)));
        ResultTable readiness = new ResultTable(
                List.of(
                        "source",
                        "server",
                        "direction",
                        "entry_point",
                        "connections",
                        "legacy_connections",
                        "legacy_percent",
                        "legacy_only_peers",
                        "examples"),
                List.of(Arrays.asList(payload, payload, payload, payload, 4L, 1L, 25.0, payload, List.of(payload))));
        ReportSection overview = new ReportSection(
                "overview",
                payload,
                payload,
                payload,
                new ResultTable(List.of(payload, "legacy_" + payload), List.of(List.of(payload, 2L))));
        List<ReportSection> sections = List.of(
                new ReportSection(payload, payload, payload, payload, cells),
                new ReportSection("empty", payload, payload, payload, new ResultTable(List.of(payload), List.of())),
                new ReportSection("trend", payload, payload, payload, trend),
                new ReportSection("readiness", payload, payload, payload, readiness));
        return HtmlPages.report(payload, "/var/audit/" + payload + ".duckdb", overview, sections);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void payloadEverywhereStaysText(String payload) {
        String html = HtmlPages.render(hostileReport(payload));
        HtmlPages.assertOnlyRendererMarkup(html);
        html.replace("\n", "")
                .codePoints()
                .forEach(c -> assertFalse(InertText.isUnsafe(c), () -> "printed U+" + Integer.toHexString(c)));
        String inert = InertText.of(payload);
        Document page = parse(html);
        assertEquals(inert, elements(page, "h1").get(0).getTextContent());
        assertEquals(
                "/var/audit/" + inert + ".duckdb", elements(page, "code").get(0).getTextContent());
        assertEquals(
                "#" + inert, elements(elements(page, "nav").get(0), "a").get(1).getAttribute("href"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void payloadReadsBackAsItsInertTextInTablesAndCharts(String payload) {
        String inert = InertText.of(payload);
        Document page = parse(HtmlPages.render(hostileReport(payload)));
        Element table = elements(page, "table").get(0);
        assertEquals(List.of(inert, "connections"), texts(elements(table, "th")));
        assertEquals(List.of(inert, "3", inert, "1"), texts(elements(table, "td")));
        String measure = InertText.of(payload.replace('_', ' '));
        assertEquals(
                List.of(measure, "legacy " + measure),
                texts(elements(elements(page, "dl", "headline").get(0), "dt")));
        List<Element> headings = elements(page, "h2");
        assertEquals(inert, headings.get(1).getAttribute("id"));
        assertTrue(texts(headings).stream().allMatch(inert::equals), () -> texts(headings)
                .toString());
        assertEquals(List.of(inert), texts(elements(page, "p", "empty")));
        List<Element> charts = elements(page, "svg");
        assertEquals(2, charts.size());
        String trendTitle = inert + ": connections by TLS protocol per " + inert;
        assertEquals(trendTitle, charts.get(0).getAttribute("aria-label"));
        assertEquals(trendTitle, elements(charts.get(0), "title").get(0).getTextContent());
        assertEquals(
                List.of("TLS 1.0 (legacy)", Svg.cut(payload, 30)), texts(elements(charts.get(0), "g", "legend-entry")));
        String label = inert + " " + inert + " " + inert;
        assertEquals(
                label + ": 25% legacy, " + Svg.cut(payload, 12) + " legacy-only peers",
                elements(elements(charts.get(1), "g", "bar").get(0), "title")
                        .get(0)
                        .getTextContent());
        assertEquals(List.of(Svg.cut(label, 46)), texts(elements(charts.get(1), "text", "bar-name")));
    }

    @Test
    void escaperReplacesEveryMarkupCharacterAndShowsControlCharacters() {
        assertEquals(
                "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;&lt;U+202E&gt;&lt;U+001B&gt;",
                HtmlEscaper.escape("<a href=\"x\" title='y'>&amp;</a>\u202E\u001B"));
        assertEquals("plain text stays", HtmlEscaper.escape("plain text stays"));
        assertEquals("", HtmlEscaper.escape(null));
    }
}
