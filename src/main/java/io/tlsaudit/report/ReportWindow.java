package io.tlsaudit.report;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time range a report covers, on {@code smtp_sessions.started_at} and {@code iis_requests.logged_at} (UTC): from
 * {@code since} inclusive to {@code until} exclusive. Either end may be open, and an open end bounds nothing: every
 * stored row is inside {@link #ALL}, whatever its timestamp, so the report counts what a plain {@code SELECT count(*)}
 * counts.
 */
public record ReportWindow(Optional<LocalDateTime> since, Optional<LocalDateTime> until) {

    private static final Pattern LEADING_WITH = Pattern.compile("(?is)WITH\\s+(RECURSIVE\\s+)?");

    /** Everything in the database. */
    public static final ReportWindow ALL = new ReportWindow(Optional.empty(), Optional.empty());

    /**
     * Restricts {@code sql} to the window by shadowing the tables {@code smtp_sessions} and {@code iis_requests} with
     * common table expressions over them, so the named queries run unchanged. The result takes four parameters,
     * {@link #parameters()}: a NULL one is an open end, whose comparison is NULL and so, through {@code IS NOT FALSE},
     * keeps every row.
     */
    public static String restrict(String sql) {
        String body = stripLeadingComments(sql).strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        String window = "smtp_sessions AS (SELECT * FROM main.smtp_sessions"
                + " WHERE (started_at >= ?) IS NOT FALSE AND (started_at < ?) IS NOT FALSE),"
                + " iis_requests AS (SELECT * FROM main.iis_requests"
                + " WHERE (logged_at >= ?) IS NOT FALSE AND (logged_at < ?) IS NOT FALSE)";
        Matcher with = LEADING_WITH.matcher(body);
        if (with.lookingAt()) {
            // The query's own CTEs follow ours; RECURSIVE applies to the whole list, so it moves to the front.
            String recursive = with.group(1) == null ? "" : "RECURSIVE ";
            return "WITH " + recursive + window + ",\n" + body.substring(with.end());
        }
        return "WITH " + window + "\n" + body;
    }

    /** The values for the placeholders of {@link #restrict(String)}; null for an open end. */
    public List<Object> parameters() {
        LocalDateTime from = since.orElse(null);
        LocalDateTime to = until.orElse(null);
        return Collections.unmodifiableList(Arrays.asList(from, to, from, to));
    }

    private static String stripLeadingComments(String sql) {
        String rest = sql.stripLeading();
        while (rest.startsWith("--") || rest.startsWith("/*")) {
            if (rest.startsWith("--")) {
                int newline = rest.indexOf('\n');
                rest = newline < 0 ? "" : rest.substring(newline + 1).stripLeading();
            } else {
                int end = rest.indexOf("*/");
                rest = end < 0 ? "" : rest.substring(end + 2).stripLeading();
            }
        }
        return rest;
    }
}
