package io.tlsaudit.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.report.WindowBounds;
import io.tlsaudit.store.ResultTable;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Renders HTML pages for tests and reads them back. The renderer writes well-formed XML, so the JDK's parser reads
 * exactly the elements and attributes a browser would build (a browser checks the same in HtmlReportBrowserTest).
 */
final class HtmlPages {

    /** Every element the renderer writes; anything else in a page came from data. */
    static final Set<String> RENDERER_TAGS = Set.of(
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "header",
            "h1",
            "dl",
            "dt",
            "dd",
            "div",
            "code",
            "time",
            "nav",
            "p",
            "ol",
            "li",
            "a",
            "main",
            "section",
            "h2",
            "table",
            "caption",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "wbr",
            "span",
            "figure",
            "figcaption",
            "svg",
            "desc",
            "defs",
            "pattern",
            "g",
            "rect",
            "line",
            "text");

    /** Every attribute the renderer writes: no event handler, no source, no style. */
    static final Set<String> RENDERER_ATTRIBUTES = Set.of(
            "lang",
            "charset",
            "name",
            "content",
            "class",
            "id",
            "href",
            "aria-label",
            "aria-labelledby",
            "datetime",
            "scope",
            "viewBox",
            "width",
            "height",
            "role",
            "patternUnits",
            "patternTransform",
            "fill",
            "fill-opacity",
            "stroke",
            "stroke-width",
            "x",
            "y",
            "x1",
            "y1",
            "x2",
            "y2",
            "text-anchor",
            "font-size",
            "font-weight",
            "transform");

    static final LocalDateTime GENERATED = LocalDateTime.of(2024, 3, 16, 7, 30, 5);

    private HtmlPages() {}

    static String render(Report report) {
        StringWriter html = new StringWriter();
        new HtmlRenderer().renderReport(report, new PrintWriter(html, true));
        return html.toString();
    }

    static String render(ResultTable table) {
        StringWriter html = new StringWriter();
        new HtmlRenderer().renderTable(table, new PrintWriter(html, true));
        return html.toString();
    }

    static Document parse(String html) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed: " + e.getMessage() + "\n" + html, e);
        }
    }

    /** The elements named {@code tag} under {@code root}, in document order. */
    static List<Element> elements(Node root, String tag) {
        NodeList nodes = root instanceof Document document
                ? document.getElementsByTagName(tag)
                : ((Element) root).getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The elements named {@code tag} with {@code cssClass} among their classes. */
    static List<Element> elements(Node root, String tag, String cssClass) {
        return elements(root, tag).stream()
                .filter(element ->
                        List.of(element.getAttribute("class").split(" ")).contains(cssClass))
                .toList();
    }

    static List<String> texts(List<Element> elements) {
        return elements.stream().map(Element::getTextContent).toList();
    }

    /**
     * Asserts the page holds only the renderer's own tags and attributes, references nothing outside itself, and that
     * its stylesheet is the renderer's, unchanged.
     */
    static void assertOnlyRendererMarkup(String html) {
        Document page = parse(html);
        List<Element> all = elements(page, "*");
        for (Element element : all) {
            assertTrue(RENDERER_TAGS.contains(element.getTagName()), () -> "tag <" + element.getTagName() + ">");
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node attribute = attributes.item(i);
                String name = attribute.getNodeName();
                String value = attribute.getNodeValue();
                assertTrue(RENDERER_ATTRIBUTES.contains(name), () -> "attribute " + name + "=" + value);
                if (name.equals("href")) {
                    assertTrue(value.startsWith("#"), () -> "link out of the page: " + value);
                }
                if (value.contains("url(")) {
                    assertTrue(value.matches("url\\(#[a-z0-9-]+\\)"), () -> "reference " + value);
                }
            }
        }
        List<Element> styles = elements(page, "style");
        assertEquals(1, styles.size());
        assertEquals(HtmlRenderer.STYLESHEET, styles.get(0).getTextContent().stripLeading());
        assertEquals(1, html.split("</style", -1).length - 1, "one closing style tag");
    }

    static ReportSection section(String id, ResultTable table) {
        return new ReportSection(id, "Title of " + id, "What " + id + " means.", "Nothing for " + id + ".", table);
    }

    static ReportSection overview() {
        return new ReportSection(
                "overview",
                "Overview",
                "Headline numbers.",
                "No connections.",
                new ResultTable(
                        List.of("connections", "legacy_connections", "first_seen"),
                        List.of(List.of(82L, 14L, LocalDateTime.of(2024, 3, 11, 6, 0, 4)))));
    }

    static Report report(List<ReportSection> sections) {
        return report("Legacy TLS report", "/var/audit/audit.duckdb", overview(), sections);
    }

    static Report report(String title, String database, ReportSection overview, List<ReportSection> sections) {
        ReportWindow window = ReportWindow.isoWeek(2024, 11);
        return new Report(
                title,
                database,
                GENERATED,
                window,
                new WindowBounds(window.since().orElseThrow(), window.until().orElseThrow()),
                overview,
                sections);
    }
}
