package io.tlsaudit.report.render;

import io.tlsaudit.store.ResultTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The horizontal bars of section {@code readiness}: one per row, its legacy share of 100%, labelled
 * {@code server direction entry_point}, with the count of legacy-only peers as text. Reads the columns
 * {@code server, direction, entry_point, legacy_percent, legacy_only_peers}; a table without them has no chart.
 */
final class ReadinessChart {

    static final String SECTION = "readiness";
    static final List<String> COLUMNS =
            List.of("server", "direction", "entry_point", "legacy_percent", "legacy_only_peers");

    /** The track of a bar: 100% is {@value #TRACK_WIDTH} units wide, so a share of s% is a bar 4s units wide. */
    static final double TRACK_WIDTH = 400;

    private static final double TRACK_X = 320;
    private static final double LABEL_RIGHT = 312;
    private static final int LABEL_LIMIT = 46;
    private static final int PEER_COUNT_LIMIT = 12;
    private static final double NOTE_WIDTH = 230;
    private static final double WIDTH = TRACK_X + TRACK_WIDTH + NOTE_WIDTH;
    private static final double TOP = 44;
    private static final double ROW = 24;
    private static final double BAR_HEIGHT = 14;

    /** A row's bar; {@code legacyPercent} null where no connection's TLS version is known: no bar, not 0%. */
    private record Bar(String label, Double legacyPercent, String legacyOnlyPeers) {
        String note() {
            String peers = legacyOnlyPeers.equals("1") ? " legacy-only peer" : " legacy-only peers";
            String share = legacyPercent == null ? "TLS version not logged" : Svg.percent(legacyPercent) + " legacy";
            return share + ", " + legacyOnlyPeers + peers;
        }
    }

    private final List<Bar> bars;

    private ReadinessChart(List<Bar> bars) {
        this.bars = bars;
    }

    /** The chart of {@code table}, or none without the columns or rows. */
    static List<ReadinessChart> from(ResultTable table) {
        List<String> columns = table.columns();
        if (!columns.containsAll(COLUMNS) || table.rows().isEmpty()) {
            return List.of();
        }
        int serverAt = columns.indexOf("server");
        int directionAt = columns.indexOf("direction");
        int entryPointAt = columns.indexOf("entry_point");
        int percentAt = columns.indexOf("legacy_percent");
        int peersAt = columns.indexOf("legacy_only_peers");
        List<Bar> bars = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            Double percent = Svg.numberOf(row.get(percentAt));
            String label = String.join(
                            " ",
                            Cells.forPeople(row.get(serverAt)),
                            Cells.forPeople(row.get(directionAt)),
                            Cells.forPeople(row.get(entryPointAt)))
                    .strip();
            Object peers = row.get(peersAt);
            // a count; anything else a broken query put there is cut so it cannot crowd out the bar
            String peerCount = peers == null ? "0" : Svg.cut(Cells.forPeople(peers), PEER_COUNT_LIMIT);
            bars.add(new Bar(label, percent, peerCount));
        }
        return List.of(new ReadinessChart(List.copyOf(bars)));
    }

    /** What the chart shows, for its title and aria-label. */
    static String title() {
        return "Legacy TLS share of connections per server, direction and entry point";
    }

    /** Writes the chart as a figure; {@code chartId} makes its pattern id unique in the page. */
    void write(PrintWriter out, String chartId) {
        String hatch = chartId + "-legacy";
        double height = TOP + bars.size() * ROW + 6;
        out.println("<figure class=\"chart readiness-chart\">");
        out.println(Svg.open(WIDTH, height, title()));
        out.println("<title>" + HtmlEscaper.escape(title()) + "</title>");
        out.println("<desc>" + HtmlEscaper.escape(fallback()) + "</desc>");
        out.println("<defs>" + Svg.hatchPattern(hatch) + "</defs>");
        out.println(Svg.heading(title()));
        writeScale(out, height);
        out.println("<g class=\"bars\">");
        for (int i = 0; i < bars.size(); i++) {
            writeBar(out, bars.get(i), TOP + i * ROW, hatch);
        }
        out.println("</g>");
        out.println("</svg>");
        out.println("<figcaption>" + HtmlEscaper.escape(fallback()) + "</figcaption>");
        out.println("</figure>");
    }

    /** The chart in words, for readers whose mail program drops SVG. */
    private String fallback() {
        List<String> parts = new ArrayList<>();
        for (Bar bar : bars) {
            parts.add(bar.label() + ": " + bar.note());
        }
        return title() + ". " + String.join("; ", parts) + ".";
    }

    private static void writeScale(PrintWriter out, double height) {
        out.println("<g class=\"axis\">");
        for (int percent = 0; percent <= 100; percent += 50) {
            double x = TRACK_X + percent * TRACK_WIDTH / 100;
            out.println("<line x1=\"" + Svg.number(x) + "\" y1=\"" + Svg.number(TOP - 4) + "\" x2=\"" + Svg.number(x)
                    + "\" y2=\"" + Svg.number(height - 4) + "\" stroke=\"#ccc\" stroke-width=\"1\"/>");
            out.println("<text x=\"" + Svg.number(x) + "\" y=\"" + Svg.number(TOP - 8)
                    + "\" text-anchor=\"middle\" font-size=\"11\">" + percent + "%</text>");
        }
        out.println("</g>");
    }

    private static void writeBar(PrintWriter out, Bar bar, double top, String hatch) {
        double y = top + (ROW - BAR_HEIGHT) / 2;
        double width = bar.legacyPercent() == null ? 0 : Svg.clampPercent(bar.legacyPercent()) * TRACK_WIDTH / 100;
        String geometry = "x=\"" + Svg.number(TRACK_X) + "\" y=\"" + Svg.number(y) + "\" width=\"" + Svg.number(width)
                + "\" height=\"" + Svg.number(BAR_HEIGHT) + "\"";
        double baseline = y + BAR_HEIGHT - 3;
        out.println("<g class=\"bar\"><title>" + HtmlEscaper.escape(bar.label() + ": " + bar.note()) + "</title>");
        out.println("<text class=\"bar-name\" x=\"" + Svg.number(LABEL_RIGHT) + "\" y=\"" + Svg.number(baseline)
                + "\" text-anchor=\"end\" font-size=\"11\">" + HtmlEscaper.escape(Svg.cut(bar.label(), LABEL_LIMIT))
                + "</text>");
        out.println("<rect class=\"track\" x=\"" + Svg.number(TRACK_X) + "\" y=\"" + Svg.number(y) + "\" width=\""
                + Svg.number(TRACK_WIDTH) + "\" height=\"" + Svg.number(BAR_HEIGHT)
                + "\" fill=\"#f2f2f2\" stroke=\"#8c8c8c\" stroke-width=\"0.5\"/>");
        out.println("<rect class=\"legacy\" " + geometry + " fill=\"" + Svg.LEGACY_COLOUR + "\"/>");
        out.println("<rect class=\"hatch\" " + geometry + " fill=\"url(#" + HtmlEscaper.escape(hatch) + ")\"/>");
        out.println("<text class=\"bar-note\" x=\"" + Svg.number(TRACK_X + TRACK_WIDTH + 8) + "\" y=\""
                + Svg.number(baseline) + "\" font-size=\"11\">" + HtmlEscaper.escape(bar.note()) + "</text>");
        out.println("</g>");
    }
}
