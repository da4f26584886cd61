package io.tlsaudit.report.render;

import io.tlsaudit.text.InertText;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** What the inline SVG charts share: coordinates, percentages, label cutting and the hatch that marks legacy TLS. */
final class Svg {

    /** The colour of legacy TLS where a chart has no protocol to tell it apart by. */
    static final String LEGACY_COLOUR = "#d7301f";

    private Svg() {}

    /** A coordinate or length, to two decimals without trailing zeros: {@code 150}, {@code 12.5}. */
    static String number(double value) {
        return decimal(value, 2);
    }

    /** A share for people, to one decimal: {@code 37.5%}, {@code 100%}. */
    static String percent(double value) {
        return decimal(value, 1) + "%";
    }

    private static String decimal(double value, int places) {
        if (!Double.isFinite(value)) {
            return "0";
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
        String text = rounded.stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    /** A number from a result cell, or null when the cell holds none (a hostile or broken query). */
    static Double numberOf(Object value) {
        return value instanceof Number number && Double.isFinite(number.doubleValue()) ? number.doubleValue() : null;
    }

    /** {@code value} kept within {@code [0, 100]}: bars never leave their track. */
    static double clampPercent(double value) {
        return Math.max(0, Math.min(100, value));
    }

    /**
     * {@code text} made inert and cut to {@code limit} code points with an ellipsis, so a long peer-supplied label
     * cannot run over the bars; cut before escaping so no character reference is split.
     */
    static String cut(String text, int limit) {
        String inert = InertText.of(text);
        if (inert.codePointCount(0, inert.length()) <= limit) {
            return inert;
        }
        return inert.substring(0, inert.offsetByCodePoints(0, limit - 1)) + "…";
    }

    /**
     * The diagonal hatch laid over legacy bars so they read without colour, in print and in black and white. Ids are
     * global in a page, so each chart has its own.
     */
    static String hatchPattern(String id) {
        return "<pattern id=\"" + HtmlEscaper.escape(id) + "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"2.5\" height=\"6\" fill=\"#000\""
                + " fill-opacity=\"0.45\"/></pattern>";
    }

    /** A chart's visible title, top left. */
    static String heading(String title) {
        return "<text class=\"chart-title\" x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">"
                + HtmlEscaper.escape(title) + "</text>";
    }

    /**
     * The opening of an inline chart: sized by viewBox, shown at its natural size where CSS is stripped. Inline SVG in
     * HTML needs no namespace declaration, and the page names no URL at all.
     */
    static String open(double width, double height, String label) {
        return "<svg viewBox=\"0 0 " + number(width) + " " + number(height)
                + "\" width=\"" + number(width) + "\" height=\"" + number(height) + "\" role=\"img\" aria-label=\""
                + HtmlEscaper.escape(label) + "\">";
    }
}
