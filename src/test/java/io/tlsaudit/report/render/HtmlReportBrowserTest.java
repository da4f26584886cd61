package io.tlsaudit.report.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.HeadlessBrowser;
import io.tlsaudit.testing.ReportFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of {@code sample-logs/} as the system's headless Chromium reads it: the DOM it builds has every
 * section, table row and chart the report model holds, and it takes a screenshot. Skipped, loudly, where no browser
 * is installed. {@code mvn test -Dtest=HtmlReportBrowserTest -Dscreenshot.update=true} also writes the screenshot to
 * {@code docs/report-sample.png}.
 */
class HtmlReportBrowserTest {

    private static final Path DOC_SCREENSHOT = Path.of("docs/report-sample.png");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2400;
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([^\\s=\"'>/]+)(?:=\"[^\"]*\")?");

    @TempDir
    static Path folder;

    private static HeadlessBrowser browser;
    private static Report report;
    private static Path page;

    private static final String NO_BROWSER = "no headless browser on PATH (looked for " + HeadlessBrowser.NAMES
            + "), so the HTML report was not checked in a real browser. Install one: " + HeadlessBrowser.INSTALL_HINT;

    @BeforeAll
    static void renderSampleReport() throws Exception {
        Optional<HeadlessBrowser> found = HeadlessBrowser.find(folder);
        if (found.isEmpty()) {
            System.err.println("\n*** SKIPPED: " + NO_BROWSER + " ***\n");
            return;
        }
        browser = found.get();
        System.out.println("HTML report browser test with " + browser.executable() + ": " + browser.version());
        report = ReportFixture.ingestAndReport(Path.of("sample-logs"), folder.resolve("samples.duckdb"));
        page = write(report, "sample-report.html");
    }

    /** Each test, not the class, is skipped, so the build counts every check that did not run. */
    @BeforeEach
    void requireBrowser() {
        Assumptions.assumeTrue(browser != null, NO_BROWSER);
    }

    private static Path write(Report report, String name) throws IOException {
        Path file = folder.resolve(name);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            new HtmlRenderer().renderReport(report, out);
        }
        return file;
    }

    @Test
    void browserBuildsEverySectionWithItsTableRows() throws Exception {
        String dom = browser.dumpDom(page);
        List<String> expectedIds = new ArrayList<>(List.of("overview"));
        report.sections().forEach(section -> expectedIds.add(section.id()));
        assertEquals(expectedIds, all(Pattern.compile("<h2 id=\"([^\"]*)\""), dom));
        assertEquals(
                expectedIds, all(Pattern.compile("<a href=\"#([^\"]*)\""), dom), "the contents link to every section");
        String overview = section(dom, "overview");
        assertEquals(
                report.overview().table().columns().size(),
                count("<dt>", overview.substring(overview.indexOf("class=\"headline\""))));
        int tables = 0;
        for (ReportSection section : report.sections()) {
            String block = section(dom, section.id());
            int rows = section.table().rows().size();
            if (rows == 0) {
                assertTrue(block.contains("<p class=\"empty\">"), section.id());
                assertFalse(block.contains("<table>"), section.id());
                continue;
            }
            tables++;
            String body = block.substring(block.indexOf("<tbody>"), block.indexOf("</tbody>"));
            assertEquals(rows, count("<tr>", body), section.id() + " rows");
            assertEquals(
                    section.table().columns().size(),
                    count("<th ", block.substring(block.indexOf("<thead>"), block.indexOf("</thead>"))),
                    section.id() + " columns");
        }
        assertTrue(tables >= 5, "the sample report has tables with rows: " + tables);
        assertFalse(dom.contains("<script"), "no script in the page");
    }

    @Test
    void browserDrawsTheChartsOfTheSectionsTheReportHas() throws Exception {
        String dom = browser.dumpDom(page);
        int charts = 0;
        Optional<ResultTable> trend = rowsOf(TrendChart.SECTION, TrendChart.COLUMNS);
        if (trend.isPresent()) {
            String block = section(dom, TrendChart.SECTION);
            assertEquals(distinct(trend.get(), List.of("source", "granularity")), count("<svg ", block));
            assertEquals(
                    distinct(trend.get(), List.of("source", "granularity", "period_start")),
                    count("<g class=\"bar\">", block));
            assertTrue(count("<g class=\"legend-entry\">", block) > 0, "a legend");
            charts += count("<svg ", block);
        }
        Optional<ResultTable> readiness = rowsOf(ReadinessChart.SECTION, ReadinessChart.COLUMNS);
        if (readiness.isPresent()) {
            String block = section(dom, ReadinessChart.SECTION);
            assertEquals(1, count("<svg ", block));
            assertEquals(readiness.get().rows().size(), count("<g class=\"bar\">", block));
            charts++;
        }
        System.out.println("charts drawn: " + charts + " (trend section " + (trend.isPresent() ? "present" : "absent")
                + ", readiness section " + (readiness.isPresent() ? "present" : "absent") + ")");
        assertEquals(charts, count("<svg ", dom), "no chart outside the sections that have one");
    }

    @Test
    void browserTakesAScreenshotOfTheReport() throws Exception {
        Path png = folder.resolve("report.png");
        browser.screenshot(page, png, WIDTH, HEIGHT);
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), "a PNG");
        ByteBuffer header = ByteBuffer.wrap(bytes, 12, 12);
        assertEquals("IHDR", new String(bytes, 12, 4, StandardCharsets.US_ASCII));
        header.position(16);
        assertEquals(WIDTH, header.getInt(), "width");
        assertEquals(HEIGHT, header.getInt(), "height");
        // a blank page of that size compresses to a few kilobytes; text and tables take far more
        assertTrue(bytes.length > 50_000 && bytes.length < 5_000_000, "size " + bytes.length);
        if (Boolean.getBoolean("screenshot.update")) {
            Files.copy(png, DOC_SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void browserFindsOnlyTheRendererMarkupInAPageOfHostileText() throws Exception {
        List<ReportSection> sections = new ArrayList<>();
        List<String> payloads = HtmlHostileTextTest.payloads().toList();
        for (String payload : payloads) {
            sections.addAll(HtmlHostileTextTest.hostileReport(payload).sections());
        }
        String everything = String.join(" ", payloads);
        Report hostile = HtmlPages.report(
                everything,
                everything,
                HtmlHostileTextTest.hostileReport(everything).overview(),
                sections);
        // a payload that ran would also show: an alert() stalls the dump until HeadlessBrowser gives up on it
        String dom = browser.dumpDom(write(hostile, "hostile.html"));
        Set<String> tags = new HashSet<>();
        Matcher tag = TAG.matcher(dom);
        int elements = 0;
        while (tag.find()) {
            elements++;
            tags.add(tag.group(1));
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                String name = attribute.group(1);
                assertTrue(
                        HtmlPages.RENDERER_ATTRIBUTES.contains(name), () -> "attribute " + name + " in " + tag.group());
            }
        }
        Set<String> unknown = new HashSet<>(tags);
        unknown.removeAll(HtmlPages.RENDERER_TAGS);
        assertEquals(Set.of(), unknown, "tags the renderer does not write");
        assertTrue(elements > 1000, "elements parsed: " + elements);
        assertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the payload is shown as text");
    }

    /** The table of section {@code id} when the report has it with rows and the chart's columns. */
    private static Optional<ResultTable> rowsOf(String id, List<String> columns) {
        return report.section(id)
                .map(ReportSection::table)
                .filter(table ->
                        table.columns().containsAll(columns) && !table.rows().isEmpty());
    }

    private static long distinct(ResultTable table, List<String> columns) {
        List<List<Object>> keys = new ArrayList<>();
        for (int i = 0; i < table.rows().size(); i++) {
            List<Object> key = new ArrayList<>();
            for (String column : columns) {
                key.add(table.column(column).get(i));
            }
            keys.add(key);
        }
        return keys.stream().distinct().count();
    }

    /** The markup of the section headed by {@code <h2 id="id">}. */
    private static String section(String dom, String id) {
        int start = dom.indexOf("<section aria-labelledby=\"" + id + "\">");
        assertTrue(start >= 0, "no section " + id);
        return dom.substring(start, dom.indexOf("</section>", start));
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static int count(String needle, String text) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}
