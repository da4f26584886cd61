package io.tlsaudit.report.render;

import static io.tlsaudit.report.render.HtmlPages.elements;
import static io.tlsaudit.report.render.HtmlPages.parse;
import static io.tlsaudit.report.render.HtmlPages.render;
import static io.tlsaudit.report.render.HtmlPages.section;
import static io.tlsaudit.report.render.HtmlPages.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.report.ReportSection;
import io.tlsaudit.store.ResultTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SVG charts of sections {@code trend} and {@code readiness}, drawn from tables built by hand with the columns
 * those queries return. Geometry: a trend bar's 100% is {@value TrendChart#PLOT_HEIGHT} units over a baseline at
 * y = 244; a readiness bar's 100% is {@value ReadinessChart#TRACK_WIDTH} units wide.
 */
class HtmlChartsTest {

    private static final double BASELINE = 244;

    private static List<Object> trendRow(
            String granularity, Object periodStart, String source, String protocol, long connections, double share) {
        // legacy as trend.sql's legacy column gives it for these protocols
        boolean legacy = protocol.equals("TLS 1.0") || protocol.equals("TLS 1.1") || protocol.startsWith("SSL");
        return Arrays.asList(
                granularity, periodStart, source, protocol, connections, BigDecimal.valueOf(share), legacy);
    }

    private static final LocalDate MONDAY = LocalDate.of(2024, 3, 11);

    /** Rows out of order: bars follow the periods, stacks the protocols, charts the first appearance. */
    private static final ResultTable TREND = new ResultTable(
            TrendChart.COLUMNS,
            List.of(
                    trendRow("day", MONDAY.plusDays(1), "smtp-receive", "TLS 1.2", 4, 50),
                    trendRow("day", MONDAY, "smtp-receive", "TLS 1.2", 3, 75),
                    trendRow("day", MONDAY, "smtp-receive", "TLS 1.0", 1, 25),
                    trendRow("week", MONDAY, "smtp-receive", "TLS 1.2", 6, 60),
                    trendRow("day", MONDAY.plusDays(1), "smtp-receive", "plaintext", 3, 37.5),
                    trendRow("day", MONDAY.plusDays(1), "smtp-receive", "SSL 3.0", 1, 12.5),
                    trendRow("week", MONDAY, "smtp-receive", "TLS 1.0", 4, 40),
                    trendRow("day", MONDAY.plusDays(2), "smtp-receive", "TLS 1.3", 2, 100),
                    trendRow("day", MONDAY.plusDays(1).atStartOfDay(), "https", "TLS 1.1", 7, 100)));

    private static List<Object> readinessRow(
            String source, String server, String direction, String entryPoint, double percent, long legacyOnly) {
        return Arrays.asList(source, server, direction, entryPoint, 8L, 3L, percent, legacyOnly, List.of("x"));
    }

    private static final List<String> READINESS_COLUMNS = List.of(
            "source",
            "server",
            "direction",
            "entry_point",
            "connections",
            "legacy_connections",
            "legacy_percent",
            "legacy_only_peers",
            "examples");

    private static final ResultTable READINESS = new ResultTable(
            READINESS_COLUMNS,
            List.of(
                    readinessRow("smtp-receive", "EX01", "receive", "EX01\\Default Frontend EX01", 37.5, 2),
                    readinessRow("https", "EX02", "https", "OWA", 0, 0),
                    readinessRow("smtp-send", "EX01", "send", "Partner Relay", 100, 1)));

    private static Document page(ReportSection... sections) {
        String html = render(HtmlPages.report(List.of(sections)));
        HtmlPages.assertOnlyRendererMarkup(html);
        return parse(html);
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    @Test
    void trendDrawsOneChartPerSourceAndGranularityWithOneBarPerPeriod() {
        List<Element> charts = elements(page(section("trend", TREND)), "svg");
        assertEquals(
                List.of(
                        "smtp-receive: connections by TLS protocol per day",
                        "smtp-receive: connections by TLS protocol per week",
                        "https: connections by TLS protocol per day"),
                charts.stream().map(chart -> chart.getAttribute("aria-label")).toList());
        assertEquals(
                List.of(3, 1, 1),
                charts.stream().map(chart -> elements(chart, "g", "bar").size()).toList());
        assertEquals(
                List.of("2024-03-11", "2024-03-12", "2024-03-13"),
                texts(elements(elements(charts.get(0), "g", "periods").get(0), "text")));
        assertEquals(
                List.of("2024-03-12"),
                texts(elements(elements(charts.get(2), "g", "periods").get(0), "text")));
    }

    @Test
    void trendStacksSharesWithLegacyAtTheBottomAndTwoUnitsPerPercent() {
        Element chart = elements(page(section("trend", TREND)), "svg").get(0);
        List<Element> bars = elements(chart, "g", "bar");
        List<Element> monday = elements(bars.get(0), "rect", "segment");
        // TLS 1.0 25% at the bottom, TLS 1.2 75% on top of it
        assertEquals(
                List.of(50.0, 150.0),
                monday.stream().map(rect -> number(rect, "height")).toList());
        assertEquals(
                List.of(BASELINE - 50, BASELINE - 200),
                monday.stream().map(rect -> number(rect, "y")).toList());
        assertEquals(
                List.of(Svg.LEGACY_COLOUR, "#74add1"),
                monday.stream().map(rect -> rect.getAttribute("fill")).toList());
        List<Element> tuesday = elements(bars.get(1), "rect", "segment");
        // SSL 3.0 12.5%, TLS 1.2 50%, plaintext 37.5%
        assertEquals(
                List.of(25.0, 100.0, 75.0),
                tuesday.stream().map(rect -> number(rect, "height")).toList());
        assertEquals(
                List.of(BASELINE - 25, BASELINE - 125, BASELINE - 200),
                tuesday.stream().map(rect -> number(rect, "y")).toList());
        // one slot of 200 units per bar, bars 48 wide and centred in it
        assertEquals(
                List.of(120.0, 320.0, 520.0),
                bars.stream()
                        .map(bar -> number(elements(bar, "rect").get(0), "x"))
                        .toList());
        assertEquals(48.0, number(monday.get(0), "width"));
        assertEquals(
                "2024-03-12: SSL 3.0 12.5% (1), TLS 1.2 50% (4), plaintext 37.5% (3)",
                elements(bars.get(1), "title").get(0).getTextContent());
        assertEquals(List.of("25%", "12.5%", "0%"), texts(elements(chart, "text", "bar-label")));
    }

    @Test
    void trendHatchesLegacySegmentsOnlyAndNamesThemInTheLegend() {
        List<Element> charts = elements(page(section("trend", TREND)), "svg");
        Element day = charts.get(0);
        List<Element> hatches = elements(day, "rect", "hatch");
        assertEquals(2, hatches.size());
        assertEquals("url(#trend-chart-1-legacy)", hatches.get(0).getAttribute("fill"));
        assertEquals("trend-chart-1-legacy", elements(day, "pattern").get(0).getAttribute("id"));
        assertEquals(
                "trend-chart-2-legacy",
                elements(charts.get(1), "pattern").get(0).getAttribute("id"));
        assertEquals(
                List.of(50.0, 25.0),
                hatches.stream().map(rect -> number(rect, "height")).toList());
        assertEquals(
                List.of("SSL 3.0 (legacy)", "TLS 1.0 (legacy)", "TLS 1.2", "TLS 1.3", "plaintext"),
                texts(elements(day, "g", "legend-entry")));
        // a legacy swatch carries the hatch too: two rects, a modern one a single rect
        assertEquals(
                List.of(2, 2, 1, 1, 1),
                elements(day, "g", "legend-entry").stream()
                        .map(entry -> elements(entry, "rect").size())
                        .toList());
        assertEquals(List.of("TLS 1.1 (legacy)"), texts(elements(charts.get(2), "g", "legend-entry")));
    }

    @Test
    void trendChartSaysItsLegacySharesInWordsForReadersWithoutSvg() {
        Element figure = elements(page(section("trend", TREND)), "figure").get(0);
        String words =
                "smtp-receive: connections by TLS protocol per day. Legacy share (TLS 1.0, TLS 1.1, SSL) per day:"
                        + " 2024-03-11 25%, 2024-03-12 12.5%, 2024-03-13 0%.";
        assertEquals(words, elements(figure, "figcaption").get(0).getTextContent());
        assertEquals(words, elements(figure, "desc").get(0).getTextContent());
        assertEquals(
                "smtp-receive: connections by TLS protocol per day",
                elements(figure, "title").get(0).getTextContent());
        Element week = elements(page(section("trend", TREND)), "figure").get(1);
        assertEquals(
                "smtp-receive: connections by TLS protocol per week. Legacy share (TLS 1.0, TLS 1.1, SSL) per week"
                        + " starting: 2024-03-11 40%.",
                elements(week, "figcaption").get(0).getTextContent());
    }

    @Test
    void trendLeavesOutRowsWhoseShareIsNotANumberAndCapsAStackAtTheTop() {
        ResultTable table = new ResultTable(
                TrendChart.COLUMNS,
                List.of(
                        trendRow("day", MONDAY, "https", "TLS 1.2", 3, 80),
                        trendRow("day", MONDAY, "https", "TLS 1.0", 1, 30),
                        Arrays.asList("day", MONDAY, "https", "TLS 1.3", 1L, "lots"),
                        Arrays.asList("day", null, "https", "TLS 1.3", 1L, 5.0)));
        Element chart = elements(page(section("trend", table)), "svg").get(0);
        List<Element> segments = elements(chart, "rect", "segment");
        // 30 + 80 = 110%: the second segment stops at 100%
        assertEquals(
                List.of(60.0, 140.0),
                segments.stream().map(rect -> number(rect, "height")).toList());
        assertEquals(List.of("TLS 1.0 (legacy)", "TLS 1.2"), texts(elements(chart, "g", "legend-entry")));
    }

    @Test
    void readinessDrawsOneBarPerRowItsWidthTheLegacyShareOfFourHundredUnits() {
        Element chart = elements(page(section("readiness", READINESS)), "svg").get(0);
        List<Element> bars = elements(chart, "g", "bar");
        assertEquals(3, bars.size());
        assertEquals(
                List.of(150.0, 0.0, 400.0),
                bars.stream()
                        .map(bar -> number(elements(bar, "rect", "legacy").get(0), "width"))
                        .toList());
        assertEquals(
                List.of(150.0, 0.0, 400.0),
                bars.stream()
                        .map(bar -> number(elements(bar, "rect", "hatch").get(0), "width"))
                        .toList());
        assertEquals(
                List.of(400.0, 400.0, 400.0),
                bars.stream()
                        .map(bar -> number(elements(bar, "rect", "track").get(0), "width"))
                        .toList());
        assertEquals(
                List.of("EX01 receive EX01\\Default Frontend EX01", "EX02 https OWA", "EX01 send Partner Relay"),
                texts(elements(chart, "text", "bar-name")));
        assertEquals(
                List.of(
                        "37.5% legacy, 2 legacy-only peers",
                        "0% legacy, 0 legacy-only peers", "100% legacy, 1 legacy-only peer"),
                texts(elements(chart, "text", "bar-note")));
        assertEquals(ReadinessChart.title(), chart.getAttribute("aria-label"));
    }

    @Test
    void anEntryPointWithoutAKnownTlsVersionIsNotDrawnAsZeroPercent() {
        ResultTable table = new ResultTable(
                READINESS_COLUMNS,
                List.of(Arrays.asList("https", "EX02", "https", "W3SVC1 OWA", 4L, 0L, null, 0L, null)));
        Element chart = elements(page(section("readiness", table)), "svg").get(0);
        assertEquals(0.0, number(elements(chart, "rect", "legacy").get(0), "width"));
        assertEquals(
                List.of("TLS version not logged, 0 legacy-only peers"), texts(elements(chart, "text", "bar-note")));
    }

    @Test
    void readinessCutsLongLabelsOnTheChartAndKeepsThemWholeInTheBarTitle() {
        String entryPoint = "EX01\\Client Proxy Frontend for printers and scanners in building B";
        ResultTable table = new ResultTable(
                READINESS_COLUMNS, List.of(readinessRow("smtp-receive", "EX01", "receive", entryPoint, 12.5, 0)));
        Element bar = elements(
                        elements(page(section("readiness", table)), "svg").get(0), "g", "bar")
                .get(0);
        String label = "EX01 receive " + entryPoint;
        assertEquals(
                label.substring(0, 45) + "…",
                elements(bar, "text", "bar-name").get(0).getTextContent());
        assertEquals(
                label + ": 12.5% legacy, 0 legacy-only peers",
                elements(bar, "title").get(0).getTextContent());
        assertEquals(50.0, number(elements(bar, "rect", "legacy").get(0), "width"));
    }

    @Test
    void chartsComeBeforeTheTableOfTheSameSection() {
        Document page = page(section("readiness", READINESS));
        Element section = (Element) elements(page, "h2").get(1).getParentNode();
        List<String> children = elements(section, "*").stream()
                .filter(element -> element.getParentNode() == section)
                .map(Element::getTagName)
                .toList();
        assertEquals(List.of("h2", "p", "figure", "table"), children);
        assertEquals(3, elements(elements(section, "tbody").get(0), "tr").size());
    }

    @Test
    void noChartWithoutTheSectionOrWithoutTheColumnsItReads() {
        ResultTable withoutShare = new ResultTable(
                TrendChart.COLUMNS.subList(0, 5), List.of(Arrays.asList("day", MONDAY, "https", "TLS 1.0", 4L)));
        ResultTable withoutPercent = new ResultTable(
                READINESS_COLUMNS.subList(0, 6), List.of(Arrays.asList("https", "EX01", "https", "OWA", 8L, 3L)));
        Document page = page(
                section("trend", withoutShare),
                section("readiness", withoutPercent),
                section("legacy-peers", TREND),
                section("tls-failures", READINESS));
        assertEquals(0, elements(page, "svg").size());
        assertEquals(4, elements(page, "table").size());
        assertEquals(
                0,
                elements(page(section("trend", new ResultTable(TrendChart.COLUMNS, List.of()))), "svg")
                        .size());
    }

    @Test
    void theLegacyColumnNotTheProtocolNameDecidesWhatIsHatched() {
        ResultTable table = new ResultTable(
                TrendChart.COLUMNS,
                List.of(
                        Arrays.asList("day", MONDAY, "https", "TLS 1.0", 1L, new BigDecimal("50"), false),
                        Arrays.asList("day", MONDAY, "https", "SSL 2.0 (PCT)", 1L, new BigDecimal("50"), true)));
        Element chart = elements(page(section("trend", table)), "svg").get(0);
        List<String> legend = texts(elements(elements(chart, "g", "legend").get(0), "text"));
        assertEquals(List.of("SSL 2.0 (PCT) (legacy)", "TLS 1.0"), legend);
        assertEquals(1, elements(chart, "rect", "hatch").size());
    }

    @Test
    void trendAcceptsTimestampsAsPeriodStarts() {
        ResultTable table = new ResultTable(
                TrendChart.COLUMNS,
                List.of(trendRow("week", LocalDateTime.of(2024, 3, 4, 0, 0), "smtp-send", "TLS 1.2", 9, 100)));
        Element chart = elements(page(section("trend", table)), "svg").get(0);
        assertEquals(
                List.of("2024-03-04"),
                texts(elements(elements(chart, "g", "periods").get(0), "text")));
    }
}
