package io.tlsaudit.cli;

import io.tlsaudit.report.ReportWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The time window of {@code report}, {@code analyze} and {@code query}: an ISO week, the last hours or days, or a
 * since/until range, all in UTC. One kind at a time; without any, each command has its own default.
 */
public final class WindowOptions {

    @Option(
            names = "--week",
            paramLabel = "YYYY-Www",
            converter = IsoWeek.class,
            description = "One ISO week, Monday 00:00 to the next Monday 00:00 UTC: 2026-W47.")
    ReportWindow week;

    @Option(
            names = "--last",
            paramLabel = "N{h|d}",
            converter = LastDuration.class,
            description = "The last N hours or days up to now: 24h, 7d, 30d.")
    Duration last;

    @Option(
            names = "--since",
            paramLabel = "DATE",
            converter = WindowStart.class,
            description = "From DATE (UTC, inclusive): 2026-11-01 or 2026-11-01T08:00.")
    LocalDateTime since;

    @Option(
            names = "--until",
            paramLabel = "DATE",
            converter = WindowEnd.class,
            description = "Up to DATE (UTC): --until 2026-11-07 includes the whole of 7 November; a time"
                    + " (2026-11-07T12:00) is exclusive.")
    LocalDateTime until;

    /** True when any window option was given. */
    boolean given() {
        return week != null || last != null || since != null || until != null;
    }

    /** Rejects two kinds of window at once and a range that ends before it starts, as usage errors. */
    void check(CommandLine commandLine) {
        int kinds = (week != null ? 1 : 0) + (last != null ? 1 : 0) + (since != null || until != null ? 1 : 0);
        if (kinds > 1) {
            throw new CommandLine.ParameterException(
                    commandLine, "--week, --last and --since/--until each set the window; give one of them");
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    "the window is empty: it starts at "
                            + since.toString().replace('T', ' ') + " and ends before "
                            + until.toString().replace('T', ' ')
                            + " (UTC; --until DATE includes that whole day)");
        }
    }

    /** The window asked for, or {@code otherwise} when no window option was given. */
    ReportWindow window(Clock clock, ReportWindow otherwise) {
        if (week != null) {
            return week;
        }
        if (last != null) {
            return ReportWindow.last(last, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
        }
        if (since != null || until != null) {
            return new ReportWindow(Optional.ofNullable(since), Optional.ofNullable(until));
        }
        return otherwise;
    }

    /** {@code 2026-W47}: ISO week-based year and week, checked against the weeks that year has. */
    static final class IsoWeek implements CommandLine.ITypeConverter<ReportWindow> {
        private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

        @Override
        public ReportWindow convert(String value) {
            Matcher matcher = WEEK.matcher(value);
            if (!matcher.matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an ISO week: give YYYY-Www, e.g. 2026-W47");
            }
            int year = Integer.parseInt(matcher.group(1));
            int number = Integer.parseInt(matcher.group(2));
            checkYear(year, value);
            if (number < 1 || number > ReportWindow.weeksIn(year)) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "': ISO year " + year + " has weeks 01 to " + ReportWindow.weeksIn(year));
            }
            return ReportWindow.isoWeek(year, number);
        }
    }

    /** {@code 24h}, {@code 7d}: a whole number of hours or days, at least one and at most ten years. */
    static final class LastDuration implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern LENGTH = Pattern.compile("(\\d{1,6})([hd])");
        private static final Duration LONGEST = Duration.ofDays(3660);

        @Override
        public Duration convert(String value) {
            Matcher matcher = LENGTH.matcher(value);
            if (!matcher.matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a length: give hours or days, e.g. 24h, 7d, 30d");
            }
            long amount = Long.parseLong(matcher.group(1));
            Duration length = matcher.group(2).equals("h") ? Duration.ofHours(amount) : Duration.ofDays(amount);
            if (length.isZero() || length.compareTo(LONGEST) > 0) {
                throw new CommandLine.TypeConversionException("'" + value + "': the length must be from 1h to 3660d");
            }
            return length;
        }
    }

    /** A date means the start of that day. */
    static final class WindowStart implements CommandLine.ITypeConverter<LocalDateTime> {
        @Override
        public LocalDateTime convert(String value) {
            return parse(value, false);
        }
    }

    /** A date means the end of that day, so {@code --until} includes it. */
    static final class WindowEnd implements CommandLine.ITypeConverter<LocalDateTime> {
        @Override
        public LocalDateTime convert(String value) {
            return parse(value, true);
        }
    }

    /** Years logs can hold, as the log readers accept them; a window outside them is a typo. */
    static final int FIRST_YEAR = 1990;

    static final int LAST_YEAR = 2100;

    private static void checkYear(int year, String value) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "': the year must be from " + FIRST_YEAR + " to " + LAST_YEAR);
        }
    }

    /** A four-digit year, so an out-of-range value (+1000000-01-01) is a usage error, not an overflow in SQL. */
    private static final Pattern DATE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z?)?");

    private static LocalDateTime parse(String value, boolean endOfDay) {
        if (!DATE.matcher(value).matches()) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a date (yyyy-MM-dd) or date-time (yyyy-MM-ddTHH:mm[:ss])");
        }
        checkYear(Integer.parseInt(value.substring(0, 4)), value);
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return endOfDay ? day.plusDays(1).atStartOfDay() : day.atStartOfDay();
            }
            return LocalDateTime.parse(value.endsWith("Z") ? value.substring(0, value.length() - 1) : value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a date (yyyy-MM-dd) or date-time (yyyy-MM-ddTHH:mm[:ss])");
        }
    }
}
