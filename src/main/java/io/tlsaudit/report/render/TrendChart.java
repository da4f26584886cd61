package io.tlsaudit.report.render;

import io.tlsaudit.store.ResultTable;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stacked-bar charts of section {@code trend}: one per source and granularity, one bar per period, stacked by the
 * protocols' share of the period's connections, legacy TLS at the bottom in warm colours under a hatch, with a legend.
 * Reads the columns {@code granularity, period_start, source, tls_protocol, connections, share_percent}; a table
 * without them has no chart, and a row whose share is not a number is left out.
 */
final class TrendChart {

    static final String SECTION = "trend";
    static final List<String> COLUMNS =
            List.of("granularity", "period_start", "source", "tls_protocol", "connections", "share_percent", "legacy");

    /** The plot area: 100% is {@value #PLOT_HEIGHT} units tall, so a share of s% is a segment 2s units tall. */
    static final double PLOT_WIDTH = 600;

    static final double PLOT_HEIGHT = 200;
    private static final double LEFT = 44;
    private static final double TOP = 44;
    private static final double RIGHT = 16;
    private static final double AXIS_LABELS = 70;
    private static final double WIDTH = LEFT + PLOT_WIDTH + RIGHT;
    private static final double LEGEND_ROW = 20;
    private static final double MAX_BAR_WIDTH = 48;
    private static final double MIN_SLOT_FOR_LABEL = 26;
    private static final int MAX_PERIOD_LABELS = 20;
    private static final int PERIOD_LABEL_LIMIT = 12;

    private record Segment(String protocol, double share, long connections) {}

    /** A period's bar; {@code legacy} holds the protocols the section's {@code legacy} column marks. */
    private record Bar(String period, List<Segment> segments, Set<String> legacy) {
        double legacyShare() {
            return segments.stream()
                    .filter(segment -> legacy.contains(segment.protocol()))
                    .mapToDouble(Segment::share)
                    .sum();
        }
    }

    private final String source;
    private final String granularity;
    private final List<Bar> bars;
    private final List<String> protocols;
    /** The protocols the query judged legacy: the report's one judgement, never decided here by name. */
    private final Set<String> legacy;

    private TrendChart(String source, String granularity, List<Bar> bars, List<String> protocols, Set<String> legacy) {
        this.source = source;
        this.granularity = granularity;
        this.bars = bars;
        this.protocols = protocols;
        this.legacy = legacy;
    }

    /** The charts of {@code table}, in the order their source and granularity first appear; none without the columns. */
    static List<TrendChart> from(ResultTable table) {
        List<String> columns = table.columns();
        if (!columns.containsAll(COLUMNS)) {
            return List.of();
        }
        int granularityAt = columns.indexOf("granularity");
        int periodAt = columns.indexOf("period_start");
        int sourceAt = columns.indexOf("source");
        int protocolAt = columns.indexOf("tls_protocol");
        int connectionsAt = columns.indexOf("connections");
        int shareAt = columns.indexOf("share_percent");
        int legacyAt = columns.indexOf("legacy");
        Set<String> legacy = new HashSet<>();
        // source and granularity -> period -> protocol -> segment; periods sort as ISO dates do
        Map<List<String>, Map<String, Map<String, Segment>>> charts = new LinkedHashMap<>();
        for (List<Object> row : table.rows()) {
            Double share = Svg.numberOf(row.get(shareAt));
            Object periodValue = row.get(periodAt);
            if (share == null || periodValue == null) {
                continue;
            }
            String protocol = Cells.forPeople(row.get(protocolAt));
            String name = protocol.isEmpty() ? "(none)" : protocol;
            if (Boolean.TRUE.equals(row.get(legacyAt))) {
                legacy.add(name);
            }
            Double connections = Svg.numberOf(row.get(connectionsAt));
            Map<String, Segment> period = charts.computeIfAbsent(
                            List.of(Cells.forPeople(row.get(sourceAt)), Cells.forPeople(row.get(granularityAt))),
                            key -> new TreeMap<>())
                    .computeIfAbsent(period(periodValue), key -> new TreeMap<>(ProtocolPalette.ORDER));
            Segment before = period.get(name);
            long count = connections == null ? 0 : Math.round(connections);
            period.put(
                    name,
                    before == null
                            ? new Segment(name, share, count)
                            : new Segment(name, before.share() + share, before.connections() + count));
        }
        List<TrendChart> result = new ArrayList<>();
        charts.forEach((key, periods) -> {
            List<Bar> bars = new ArrayList<>();
            TreeSet<String> protocols = new TreeSet<>(ProtocolPalette.ORDER);
            periods.forEach((period, segments) -> {
                bars.add(new Bar(period, List.copyOf(segments.values()), Set.copyOf(legacy)));
                protocols.addAll(segments.keySet());
            });
            result.add(new TrendChart(
                    key.get(0), key.get(1), List.copyOf(bars), List.copyOf(protocols), Set.copyOf(legacy)));
        });
        return List.copyOf(result);
    }

    private static String period(Object value) {
        if (value instanceof LocalDateTime timestamp) {
            return timestamp.toLocalDate().toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return Cells.forPeople(value);
    }

    /** What the chart shows, for its title and aria-label. */
    String title() {
        return source + ": connections by TLS protocol per " + granularity;
    }

    /** Writes the chart as a figure; {@code chartId} makes its pattern id unique in the page. */
    void write(PrintWriter out, String chartId) {
        String hatch = chartId + "-legacy";
        Map<String, String> colours = colours();
        List<List<LegendEntry>> legendRows = legendRows(colours);
        double legendTop = TOP + PLOT_HEIGHT + AXIS_LABELS;
        double height = legendTop + legendRows.size() * LEGEND_ROW + 4;

        out.println("<figure class=\"chart trend-chart\">");
        out.println(Svg.open(WIDTH, height, title()));
        out.println("<title>" + HtmlEscaper.escape(title()) + "</title>");
        out.println("<desc>" + HtmlEscaper.escape(fallback()) + "</desc>");
        out.println("<defs>" + Svg.hatchPattern(hatch) + "</defs>");
        out.println(Svg.heading(title()));
        writeAxis(out);
        double slot = PLOT_WIDTH / bars.size();
        double barWidth = Math.min(slot * 0.75, MAX_BAR_WIDTH);
        out.println("<g class=\"bars\">");
        for (int i = 0; i < bars.size(); i++) {
            writeBar(out, bars.get(i), LEFT + i * slot + (slot - barWidth) / 2, barWidth, slot, colours, hatch);
        }
        out.println("</g>");
        writePeriodLabels(out, slot);
        writeLegend(out, legendRows, legendTop, hatch);
        out.println("</svg>");
        out.println("<figcaption>" + HtmlEscaper.escape(fallback()) + "</figcaption>");
        out.println("</figure>");
    }

    /** The chart in words, for readers whose mail program drops SVG. */
    private String fallback() {
        List<String> shares = new ArrayList<>();
        for (Bar bar : bars) {
            shares.add(bar.period() + " " + Svg.percent(bar.legacyShare()));
        }
        String per = granularity.equals("week") ? "per week starting" : "per " + granularity;
        return title() + ". Legacy share (TLS 1.0, TLS 1.1, SSL) " + per + ": " + String.join(", ", shares) + ".";
    }

    private Map<String, String> colours() {
        Map<String, String> colours = new LinkedHashMap<>();
        int others = 0;
        for (String protocol : protocols) {
            colours.put(protocol, ProtocolPalette.colour(protocol, others));
            if (!ProtocolPalette.isNamed(protocol)) {
                others++;
            }
        }
        return colours;
    }

    private static void writeAxis(PrintWriter out) {
        out.println("<g class=\"axis\">");
        for (int percent = 0; percent <= 100; percent += 25) {
            double y = TOP + PLOT_HEIGHT - percent * PLOT_HEIGHT / 100;
            out.println("<line x1=\"" + Svg.number(LEFT) + "\" y1=\"" + Svg.number(y) + "\" x2=\""
                    + Svg.number(LEFT + PLOT_WIDTH) + "\" y2=\"" + Svg.number(y) + "\" stroke=\""
                    + (percent == 0 ? "#000" : "#ccc") + "\" stroke-width=\"1\"/>");
            out.println("<text x=\"" + Svg.number(LEFT - 6) + "\" y=\"" + Svg.number(y + 4)
                    + "\" text-anchor=\"end\" font-size=\"11\">" + percent + "%</text>");
        }
        out.println("</g>");
    }

    private static void writeBar(
            PrintWriter out, Bar bar, double x, double width, double slot, Map<String, String> colours, String hatch) {
        List<String> parts = new ArrayList<>();
        for (Segment segment : bar.segments()) {
            parts.add(segment.protocol() + " " + Svg.percent(segment.share()) + " (" + segment.connections() + ")");
        }
        out.println("<g class=\"bar\"><title>" + HtmlEscaper.escape(bar.period() + ": " + String.join(", ", parts))
                + "</title>");
        double stacked = 0;
        for (Segment segment : bar.segments()) {
            double top = Math.min(100, stacked + Svg.clampPercent(segment.share()));
            double height = (top - stacked) * PLOT_HEIGHT / 100;
            double y = TOP + PLOT_HEIGHT - top * PLOT_HEIGHT / 100;
            String geometry = "x=\"" + Svg.number(x) + "\" y=\"" + Svg.number(y) + "\" width=\"" + Svg.number(width)
                    + "\" height=\"" + Svg.number(height) + "\"";
            out.println("<rect class=\"segment\" " + geometry + " fill=\"" + colours.get(segment.protocol()) + "\"/>");
            if (bar.legacy().contains(segment.protocol())) {
                out.println(
                        "<rect class=\"hatch\" " + geometry + " fill=\"url(#" + HtmlEscaper.escape(hatch) + ")\"/>");
            }
            stacked = top;
        }
        if (slot >= MIN_SLOT_FOR_LABEL) {
            // the legacy share over each bar: the number that matters, legible without colour
            out.println("<text class=\"bar-label\" x=\"" + Svg.number(x + width / 2) + "\" y=\""
                    + Svg.number(TOP + PLOT_HEIGHT - stacked * PLOT_HEIGHT / 100 - 4)
                    + "\" text-anchor=\"middle\" font-size=\"10\">" + HtmlEscaper.escape(Svg.percent(bar.legacyShare()))
                    + "</text>");
        }
        out.println("</g>");
    }

    private void writePeriodLabels(PrintWriter out, double slot) {
        int every = (bars.size() + MAX_PERIOD_LABELS - 1) / MAX_PERIOD_LABELS;
        out.println("<g class=\"periods\">");
        for (int i = 0; i < bars.size(); i += every) {
            double x = LEFT + i * slot + slot / 2;
            double y = TOP + PLOT_HEIGHT + 12;
            out.println("<text x=\"" + Svg.number(x) + "\" y=\"" + Svg.number(y) + "\" transform=\"rotate(-45 "
                    + Svg.number(x) + " " + Svg.number(y) + ")\" text-anchor=\"end\" font-size=\"10\">"
                    + HtmlEscaper.escape(Svg.cut(bars.get(i).period(), PERIOD_LABEL_LIMIT)) + "</text>");
        }
        out.println("</g>");
    }

    private record LegendEntry(String protocol, String label, String colour, double width, boolean legacy) {}

    private List<List<LegendEntry>> legendRows(Map<String, String> colours) {
        List<List<LegendEntry>> rows = new ArrayList<>();
        List<LegendEntry> row = new ArrayList<>();
        double used = 0;
        for (Map.Entry<String, String> protocol : colours.entrySet()) {
            String label = Svg.cut(protocol.getKey(), 30) + (legacy.contains(protocol.getKey()) ? " (legacy)" : "");
            // DejaVu Sans and Arial average about 0.6 em: wide enough not to overlap the next entry
            double width = 18 + label.length() * 6.6 + 14;
            if (!row.isEmpty() && LEFT + used + width > WIDTH) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            row.add(new LegendEntry(
                    protocol.getKey(), label, protocol.getValue(), width, legacy.contains(protocol.getKey())));
            used += width;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    private static void writeLegend(PrintWriter out, List<List<LegendEntry>> rows, double top, String hatch) {
        out.println("<g class=\"legend\">");
        for (int r = 0; r < rows.size(); r++) {
            double x = LEFT;
            double y = top + r * LEGEND_ROW;
            for (LegendEntry entry : rows.get(r)) {
                String swatch = "x=\"" + Svg.number(x) + "\" y=\"" + Svg.number(y) + "\" width=\"12\" height=\"12\"";
                out.print("<g class=\"legend-entry\"><rect " + swatch + " fill=\"" + entry.colour()
                        + "\" stroke=\"#000\" stroke-width=\"0.5\"/>");
                if (entry.legacy()) {
                    out.print("<rect " + swatch + " fill=\"url(#" + HtmlEscaper.escape(hatch) + ")\"/>");
                }
                out.println("<text x=\"" + Svg.number(x + 18) + "\" y=\"" + Svg.number(y + 10) + "\" font-size=\"11\">"
                        + HtmlEscaper.escape(entry.label()) + "</text></g>");
                x += entry.width();
            }
        }
        out.println("</g>");
    }
}
