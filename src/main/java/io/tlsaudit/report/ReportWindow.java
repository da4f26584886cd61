package io.tlsaudit.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    /** Everything in the database. */
    public static final ReportWindow ALL = new ReportWindow(Optional.empty(), Optional.empty());

    /** From {@code since} inclusive to {@code until} exclusive. */
    public static ReportWindow between(LocalDateTime since, LocalDateTime until) {
        return new ReportWindow(Optional.of(since), Optional.of(until));
    }

    /** ISO week {@code week} of ISO week-based year {@code year}: Monday 00:00 to the next Monday 00:00, UTC. */
    public static ReportWindow isoWeek(int year, int week) {
        LocalDate monday = LocalDate.of(year, 6, 1)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(DayOfWeek.MONDAY);
        if (monday.get(IsoFields.WEEK_BASED_YEAR) != year || monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) != week) {
            throw new IllegalArgumentException(year + " has " + weeksIn(year) + " ISO weeks; there is no week " + week);
        }
        return between(monday.atStartOfDay(), monday.plusWeeks(1).atStartOfDay());
    }

    /** The number of ISO weeks of ISO week-based year {@code year}: 52 or 53. */
    public static int weeksIn(int year) {
        return (int) LocalDate.of(year, 6, 1)
                .range(IsoFields.WEEK_OF_WEEK_BASED_YEAR)
                .getMaximum();
    }

    /** The last ISO week that ended at or before {@code now}: the default of a weekly report. */
    public static ReportWindow lastFullWeek(LocalDateTime now) {
        LocalDate thisMonday = now.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate monday = thisMonday.minusWeeks(1);
        return between(monday.atStartOfDay(), thisMonday.atStartOfDay());
    }

    /** The {@code length} before {@code now}, to the second. */
    public static ReportWindow last(Duration length, LocalDateTime now) {
        LocalDateTime until = now.truncatedTo(ChronoUnit.SECONDS);
        return between(until.minus(length), until);
    }

    /**
     * Restricts {@code sql} to the window by shadowing the tables {@code smtp_sessions} and {@code iis_requests} with
     * common table expressions over them, so the named queries run unchanged, and adds {@code report_window}, one row
     * of the window's bounds for queries that compare it with what came before: {@code since}, {@code until} and
     * {@code previous_since}, the start of the period of the same length just before it. The unrestricted tables stay
     * reachable as {@code main.smtp_sessions} and {@code main.iis_requests}. The result takes seven parameters,
     * {@link #parameters(WindowBounds)}: a NULL one of the first four is an open end, whose comparison is NULL and so,
     * through {@code IS NOT FALSE}, keeps every row.
     */
    public static String restrict(String sql) {
        String body = stripLeadingComments(sql).strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        String window = "smtp_sessions AS (SELECT * FROM main.smtp_sessions"
                + " WHERE (started_at >= ?) IS NOT FALSE AND (started_at < ?) IS NOT FALSE),"
                + " iis_requests AS (SELECT * FROM main.iis_requests"
                + " WHERE (logged_at >= ?) IS NOT FALSE AND (logged_at < ?) IS NOT FALSE),"
                + " report_window AS (SELECT CAST(? AS TIMESTAMP) AS since, CAST(? AS TIMESTAMP) AS until,"
                + " CAST(? AS TIMESTAMP) AS previous_since)";
        Matcher with = LEADING_WITH.matcher(body);
        if (with.lookingAt()) {
            // The query's own CTEs follow ours; RECURSIVE applies to the whole list, so it moves to the front.
            String recursive = with.group(1) == null ? "" : "RECURSIVE ";
            return "WITH " + recursive + window + ",\n" + body.substring(with.end());
        }
        return "WITH " + window + "\n" + body;
    }

    /**
     * True when {@code sql} is a query the window can be put in front of: one that starts with {@code SELECT},
     * {@code WITH}, {@code FROM}, {@code VALUES}, {@code TABLE} or a parenthesis. {@code DESCRIBE}, {@code SHOW} and
     * {@code SUMMARIZE} are statements of their own that a common table expression cannot precede.
     */
    public static boolean restrictable(String sql) {
        return RESTRICTABLE.matcher(stripLeadingComments(sql)).lookingAt();
    }

    private static final Pattern RESTRICTABLE = Pattern.compile("(?is)(SELECT|WITH|FROM|VALUES|TABLE)\\b|\\(");

    /**
     * The values for the placeholders of {@link #restrict(String)}: the window's ends, null where open, then
     * {@code bounds}, the window with its open ends closed on the data.
     */
    public List<Object> parameters(WindowBounds bounds) {
        LocalDateTime from = since.orElse(null);
        LocalDateTime to = until.orElse(null);
        return Collections.unmodifiableList(
                Arrays.asList(from, to, from, to, bounds.since(), bounds.until(), bounds.previousSince()));
    }

    /**
     * This window with its open ends closed on the data: an open start becomes the start of the day of the first
     * stored row, an open end the start of the day after the last one. Without data, an open end becomes the other
     * end, or {@code today}'s start.
     */
    public WindowBounds bounds(Optional<LocalDateTime> firstRow, Optional<LocalDateTime> lastRow, LocalDate today) {
        LocalDateTime start =
                since.orElseGet(() -> firstRow.map(first -> first.toLocalDate().atStartOfDay())
                        .orElseGet(() -> until.orElse(today.atStartOfDay())));
        LocalDateTime end = until.orElseGet(
                () -> lastRow.map(last -> last.toLocalDate().plusDays(1).atStartOfDay())
                        .orElse(start));
        return new WindowBounds(start, end.isBefore(start) ? start : end);
    }

    /** True for exactly one ISO week, Monday 00:00 to the next Monday 00:00. */
    public boolean isIsoWeek() {
        return since.isPresent()
                && until.isPresent()
                && since.get().equals(since.get().toLocalDate().atStartOfDay())
                && since.get().getDayOfWeek() == DayOfWeek.MONDAY
                && until.get().equals(since.get().plusWeeks(1));
    }

    /**
     * A name for files of this window's report: the ISO week ({@code 2026-W47}) for a week, else the first and last
     * day covered ({@code 2026-11-01_2026-11-07}), with {@code start} or {@code end} for an open end.
     */
    public String label() {
        if (isIsoWeek()) {
            LocalDate monday = since.get().toLocalDate();
            return String.format(
                    Locale.ROOT,
                    "%d-W%02d",
                    monday.get(IsoFields.WEEK_BASED_YEAR),
                    monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
        if (since.isEmpty() && until.isEmpty()) {
            return "all";
        }
        String first = since.map(start -> DAY.format(start)).orElse("start");
        String last = until.map(end -> DAY.format(end.minusNanos(1))).orElse("end");
        return first.equals(last) ? first : first + "_" + last;
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
