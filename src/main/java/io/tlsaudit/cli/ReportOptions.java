package io.tlsaudit.cli;

import io.tlsaudit.report.ReportWindow;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --since}, {@code --until}, {@code --section}: shared by {@code report} and {@code analyze}. */
public final class ReportOptions {

    @Option(
            names = "--since",
            paramLabel = "DATE",
            converter = WindowStart.class,
            description = "Only connections that started at or after DATE (UTC): 2026-11-01 or 2026-11-01T08:00.")
    LocalDateTime since;

    @Option(
            names = "--until",
            paramLabel = "DATE",
            converter = WindowEnd.class,
            description = "Only connections that started before the end of DATE (UTC): --until 2026-11-07 includes"
                    + " the whole of 7 November; a time (2026-11-07T12:00) is exclusive.")
    LocalDateTime until;

    @Option(
            names = "--section",
            paramLabel = "ID",
            description = "Print only this section: overview, tls-summary, legacy-peers, plaintext-peers, tls-failures,"
                    + " cipher-inventory, legacy-https-clients, https-protocol-share, iis-tls-logging-missing (pure"
                    + " CSV/JSON for scripts).")
    String section;

    ReportWindow window() {
        return new ReportWindow(Optional.ofNullable(since), Optional.ofNullable(until));
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

    /** A four-digit year, so an out-of-range value (+1000000-01-01) is a usage error, not an overflow in SQL. */
    private static final Pattern DATE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z?)?");

    private static LocalDateTime parse(String value, boolean endOfDay) {
        if (!DATE.matcher(value).matches()) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a date (yyyy-MM-dd) or date-time (yyyy-MM-ddTHH:mm[:ss])");
        }
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
