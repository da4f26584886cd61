package io.tlsaudit.report.render;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How the trend chart colours a protocol: TLS 1.0, TLS 1.1 and SSL in warm colours, TLS 1.2 and 1.3 in blues,
 * anything else (plaintext, not logged, failed) in greys; and the stacking order, oldest at the bottom of a bar so the
 * legacy share reads off the axis. Which protocols are legacy (and hatched) is the query's {@code legacy} column, not
 * decided here.
 */
final class ProtocolPalette {

    private static final List<String> GREYS = List.of("#bdbdbd", "#8c8c8c", "#d9d9d9", "#636363", "#a6a6a6");

    /** Stacking and legend order: SSL, TLS 1.0, TLS 1.1, TLS 1.2, TLS 1.3, then the rest by name. */
    static final Comparator<String> ORDER =
            Comparator.comparingInt(ProtocolPalette::rank).thenComparing(Comparator.naturalOrder());

    private ProtocolPalette() {}

    /** The fill of {@code protocol}; {@code otherIndex} picks a grey for the n-th protocol that is not TLS. */
    static String colour(String protocol, int otherIndex) {
        String compact = compact(protocol);
        if (compact.startsWith("SSL")) {
            return "#7f0000";
        }
        return switch (compact) {
            case "TLS1.0" -> Svg.LEGACY_COLOUR;
            case "TLS1.1" -> "#fc8d59";
            case "TLS1.2" -> "#74add1";
            case "TLS1.3" -> "#313695";
            default -> GREYS.get(Math.floorMod(otherIndex, GREYS.size()));
        };
    }

    /** True for the protocols with a colour of their own, which take no grey. */
    static boolean isNamed(String protocol) {
        String compact = compact(protocol);
        return compact.startsWith("SSL") || compact.matches("TLS1\\.[0-3]");
    }

    private static int rank(String protocol) {
        String compact = compact(protocol);
        if (compact.startsWith("SSL")) {
            return 0;
        }
        return switch (compact) {
            case "TLS1.0" -> 1;
            case "TLS1.1" -> 2;
            case "TLS1.2" -> 3;
            case "TLS1.3" -> 4;
            default -> 5;
        };
    }

    private static String compact(String protocol) {
        return protocol.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
