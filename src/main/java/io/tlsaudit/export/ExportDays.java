package io.tlsaudit.export;

import io.tlsaudit.report.ReportWindow;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;

/**
 * The whole UTC days an export covers, from {@code first} (inclusive) to {@code end} (exclusive), either open. An
 * export replaces whole day folders, so a window that starts or ends inside a day is widened to cover it: writing
 * part of a day would drop the rest of it from the export.
 */
public record ExportDays(Optional<LocalDate> first, Optional<LocalDate> end) {

    /** The days {@code window} touches. */
    public static ExportDays covering(ReportWindow window) {
        return new ExportDays(
                window.since().map(LocalDateTime::toLocalDate),
                window.until()
                        .map(until -> until.toLocalTime().equals(LocalTime.MIDNIGHT)
                                ? until.toLocalDate()
                                : until.toLocalDate().plusDays(1)));
    }

    /** Whether {@code day} is one of these days. */
    public boolean contains(LocalDate day) {
        return first.map(start -> !day.isBefore(start)).orElse(true)
                && end.map(stop -> day.isBefore(stop)).orElse(true);
    }

    /** {@code 2024-03-11 to 2024-03-17}, {@code all days}, {@code from 2024-03-11}, {@code up to 2024-03-17}. */
    public String label() {
        Optional<LocalDate> last = end.map(stop -> stop.minusDays(1));
        if (first.isPresent() && last.isPresent()) {
            return first.get().equals(last.get()) ? first.get().toString() : first.get() + " to " + last.get();
        }
        if (first.isPresent()) {
            return "from " + first.get();
        }
        return last.map(day -> "up to " + day).orElse("all days");
    }
}
