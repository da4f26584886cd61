package io.tlsaudit.report.render;

import io.tlsaudit.report.ReportWindow;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How a report window reads in the human formats. */
final class Windows {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Windows() {}

    static String describe(ReportWindow window) {
        if (window.since().isEmpty() && window.until().isEmpty()) {
            return "all data";
        }
        if (window.isIsoWeek()) {
            return "ISO week " + window.label() + ", from Monday "
                    + TIMESTAMP.format(window.since().get()) + " up to Monday "
                    + TIMESTAMP.format(window.until().get()) + " (UTC)";
        }
        String since = window.since().map(TIMESTAMP::format).orElse("the first connection");
        String until = window.until().map(TIMESTAMP::format).orElse("the last connection");
        return "from " + since + " up to " + until + " (UTC)";
    }
}
