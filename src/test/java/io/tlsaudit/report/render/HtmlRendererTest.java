package io.tlsaudit.report.render;

import static io.tlsaudit.report.render.HtmlPages.elements;
import static io.tlsaudit.report.render.HtmlPages.parse;
import static io.tlsaudit.report.render.HtmlPages.render;
import static io.tlsaudit.report.render.HtmlPages.section;
import static io.tlsaudit.report.render.HtmlPages.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.store.ResultRows;
import io.tlsaudit.store.ResultTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The HTML page: header, contents, overview strip, section tables, and a query result as a page of its own. */
class HtmlRendererTest {

    private static final ResultTable PEERS = new ResultTable(
            List.of("remote_ip", "peer_names", "connections", "share_pct", "last_seen", "legacy_only"),
            List.of(
                    Arrays.asList(
                            "10.40.8.23",
                            List.of("SCAN-KM-3F", "scan.contoso.com"),
                            4L,
                            new BigDecimal("57.1"),
                            LocalDateTime.of(2024, 3, 14, 9, 45, 12),
                            true),
                    Arrays.asList("203.0.113.25", List.of(), 2L, null, null, false)));

    private static final ResultTable NO_ROWS = new ResultTable(List.of("remote_ip", "connections"), List.of());

    private static Document page() {
        return parse(
                render(HtmlPages.report(List.of(section("legacy-peers", PEERS), section("tls-failures", NO_ROWS)))));
    }

    @Test
    void headerNamesTitleWindowDatabaseAndTimeGeneratedInTheWordsOfTheOtherFormats() {
        Document page = page();
        assertEquals(List.of("Legacy TLS report"), texts(elements(page, "h1")));
        Element facts = elements(page, "dl", "facts").get(0);
        assertEquals(List.of("Window", "Database", "Generated"), texts(elements(facts, "dt")));
        assertEquals(
                List.of(
                        "ISO week 2024-W11, from Monday 2024-03-11 00:00 up to Monday 2024-03-18 00:00 (UTC)",
                        "/var/audit/audit.duckdb",
                        "2024-03-16 07:30:05 UTC"),
                texts(elements(facts, "dd")));
        assertEquals("2024-03-16T07:30:05Z", elements(page, "time").get(0).getAttribute("datetime"));
        assertEquals(
                "Legacy TLS report, ISO week 2024-W11, from Monday 2024-03-11 00:00 up to Monday 2024-03-18 00:00 (UTC)",
                elements(page, "title").get(0).getTextContent());
    }

    @Test
    void contentsLinkToEverySectionByItsId() {
        Document page = page();
        List<Element> links = elements(elements(page, "nav").get(0), "a");
        assertEquals(
                List.of("#overview", "#legacy-peers", "#tls-failures"),
                links.stream().map(link -> link.getAttribute("href")).toList());
        assertEquals(List.of("Overview", "Title of legacy-peers", "Title of tls-failures"), texts(links));
        assertEquals(
                List.of("overview", "legacy-peers", "tls-failures"),
                elements(page, "h2").stream().map(h2 -> h2.getAttribute("id")).toList());
        assertEquals(
                List.of("Overview", "Title of legacy-peers", "Title of tls-failures"), texts(elements(page, "h2")));
    }

    @Test
    void overviewIsAStripOfHeadlineNumbersWithLegacyOnesMarked() {
        Element strip = elements(page(), "dl", "headline").get(0);
        assertEquals(List.of("connections", "legacy connections", "first seen"), texts(elements(strip, "dt")));
        assertEquals(List.of("82", "14", "2024-03-11 06:00:04"), texts(elements(strip, "dd")));
        assertEquals(
                List.of("legacy connections"),
                texts(elements(elements(strip, "div", "legacy").get(0), "dt")));
    }

    @Test
    void sectionShowsItsExplanationAndItsRowsWithNumbersAlignedRight() {
        Document page = page();
        Element section = (Element) elements(page, "h2").get(1).getParentNode();
        assertEquals(
                "What legacy-peers means.",
                elements(section, "p", "explanation").get(0).getTextContent());
        Element table = elements(section, "table").get(0);
        assertEquals(
                "Title of legacy-peers: 2 rows",
                elements(table, "caption").get(0).getTextContent());
        assertEquals(
                List.of("remote_ip", "peer_names", "connections", "share_pct", "last_seen", "legacy_only"),
                texts(elements(table, "th")));
        assertEquals(
                List.of("", "", "num", "num", "", ""),
                elements(table, "th").stream()
                        .map(th -> th.getAttribute("class"))
                        .toList());
        List<Element> rows = elements(elements(table, "tbody").get(0), "tr");
        assertEquals(2, rows.size());
        assertEquals(
                List.of("10.40.8.23", "SCAN-KM-3F, scan.contoso.com", "4", "57.1", "2024-03-14 09:45:12", "yes"),
                texts(elements(rows.get(0), "td")));
        assertEquals(List.of("203.0.113.25", "", "2", "", "", "no"), texts(elements(rows.get(1), "td")));
        assertEquals(
                List.of("", "long", "num", "num", "time", ""),
                elements(rows.get(0), "td").stream()
                        .map(td -> td.getAttribute("class"))
                        .toList());
        // a time breaks only between its date and its time of day
        assertEquals(
                List.of("2024-03-14", "09:45:12"),
                texts(elements(elements(rows.get(0), "td").get(4), "span")));
        // a break opportunity after each underscore of a column name
        assertEquals(1, elements(elements(table, "th").get(0), "wbr").size());
    }

    @Test
    void emptySectionSaysWhatThatMeansInsteadOfAnEmptyTable() {
        Element section = (Element) elements(page(), "h2").get(2).getParentNode();
        assertEquals(List.of(), elements(section, "table"));
        assertEquals(List.of("Nothing for tls-failures."), texts(elements(section, "p", "empty")));
    }

    @Test
    void pageIsSelfContainedWithNothingFetchedAndNothingRun() {
        String html = render(HtmlPages.report(List.of(section("legacy-peers", PEERS))));
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
        HtmlPages.assertOnlyRendererMarkup(html);
        assertFalse(HtmlRenderer.STYLESHEET.contains("url("), "the stylesheet loads nothing");
        assertFalse(HtmlRenderer.STYLESHEET.contains("@import"), "the stylesheet loads nothing");
        assertFalse(html.contains("<script"), html);
        assertTrue(HtmlRenderer.STYLESHEET.contains("@media print"), "a print stylesheet");
        assertTrue(HtmlRenderer.STYLESHEET.contains("break-inside: avoid"), "rows are not split across pages");
    }

    @Test
    void queryResultIsAPageWithOneTableAndItsRowCount() {
        String html = render(PEERS);
        HtmlPages.assertOnlyRendererMarkup(html);
        Document page = parse(html);
        assertEquals(1, elements(page, "table").size());
        assertEquals(2, elements(elements(page, "tbody").get(0), "tr").size());
        assertEquals(List.of("2 rows"), texts(elements(page, "p", "count")));
        assertEquals("Query result", elements(page, "title").get(0).getTextContent());
    }

    @Test
    void queryResultWithoutRowsStillHasItsHeader() {
        Document page = parse(render(NO_ROWS));
        assertEquals(List.of("remote_ip", "connections"), texts(elements(page, "th")));
        assertEquals(0, elements(elements(page, "tbody").get(0), "tr").size());
        assertEquals(List.of("0 rows"), texts(elements(page, "p", "count")));
    }

    @Test
    void queryRowsAfterTheFirstPageAreWrittenAsTheyCome() throws Exception {
        StringWriter html = new StringWriter();
        int total = Renderer.FIRST_PAGE + 50;
        ResultRows rows = new ResultRows() {
            private int next;

            @Override
            public List<String> columns() {
                return List.of("i");
            }

            @Override
            public List<Object> next() {
                if (next > Renderer.FIRST_PAGE + 1) {
                    // the row before last is already out, so rows are not collected before they are written
                    assertTrue(html.toString().contains("<td class=\"num\">" + (next - 1) + "</td>"), "row " + next);
                }
                return next < total ? List.of((Object) (long) next++) : null;
            }
        };
        new HtmlRenderer().renderRows(rows, new PrintWriter(html, true));
        assertEquals(total, elements(parse(html.toString()), "tr").size() - 1);
    }
}
