package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsoWeekWindowTest {

    private static LocalDateTime at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute);
    }

    @Test
    void isoWeeksStartOnMondayAndBelongToTheirWeekBasedYear() {
        // 2026-W01 starts on Monday 29 December 2025; 2026 has 53 ISO weeks, 2025 has 52.
        assertEquals(ReportWindow.between(at(2025, 12, 29, 0, 0), at(2026, 1, 5, 0, 0)), ReportWindow.isoWeek(2026, 1));
        assertEquals(
                ReportWindow.between(at(2026, 12, 28, 0, 0), at(2027, 1, 4, 0, 0)), ReportWindow.isoWeek(2026, 53));
        assertEquals(53, ReportWindow.weeksIn(2026));
        assertEquals(52, ReportWindow.weeksIn(2025));
        assertThrows(IllegalArgumentException.class, () -> ReportWindow.isoWeek(2025, 53));
        assertEquals(
                ReportWindow.between(at(2024, 3, 11, 0, 0), at(2024, 3, 18, 0, 0)), ReportWindow.isoWeek(2024, 11));
    }

    @Test
    void lastFullWeekIsTheWeekBeforeTheOneNowIsIn() {
        ReportWindow w47 = ReportWindow.isoWeek(2026, 47);
        // Monday 23 November 2026 00:00 starts W48: W47 has just ended.
        assertEquals(w47, ReportWindow.lastFullWeek(at(2026, 11, 23, 0, 0)));
        assertEquals(w47, ReportWindow.lastFullWeek(LocalDateTime.of(2026, 11, 29, 23, 59, 59, 999_999_999)));
        assertEquals(ReportWindow.isoWeek(2026, 46), ReportWindow.lastFullWeek(at(2026, 11, 22, 23, 59)));
        // Across the year: on Monday 4 January 2027 the last full week is 2026-W53.
        assertEquals(ReportWindow.isoWeek(2026, 53), ReportWindow.lastFullWeek(at(2027, 1, 4, 6, 0)));
    }

    @Test
    void labelsNameTheWeekOrTheDaysCovered() {
        assertEquals("2026-W53", ReportWindow.isoWeek(2026, 53).label());
        assertEquals("2026-W01", ReportWindow.isoWeek(2026, 1).label());
        assertTrue(ReportWindow.isoWeek(2026, 1).isIsoWeek());
        ReportWindow tuesdayToTuesday = ReportWindow.between(at(2026, 11, 17, 0, 0), at(2026, 11, 24, 0, 0));
        assertFalse(tuesdayToTuesday.isIsoWeek());
        assertEquals("2026-11-17_2026-11-23", tuesdayToTuesday.label());
        assertEquals(
                "2026-11-30_2026-12-01",
                ReportWindow.last(Duration.ofHours(24), at(2026, 12, 1, 13, 48)).label());
        assertEquals("all", ReportWindow.ALL.label());
        assertEquals("2026-11-01_end", new ReportWindow(Optional.of(at(2026, 11, 1, 0, 0)), Optional.empty()).label());
    }

    @Test
    void openEndsCloseOnTheDaysOfTheFirstAndLastRowAndThePreviousPeriodHasTheSameLength() {
        WindowBounds bounds = ReportWindow.ALL.bounds(
                Optional.of(LocalDateTime.of(2024, 3, 11, 10, 15, 2)),
                Optional.of(LocalDateTime.of(2024, 3, 13, 23, 59, 59)),
                LocalDate.of(2026, 12, 1));
        assertEquals(new WindowBounds(at(2024, 3, 11, 0, 0), at(2024, 3, 14, 0, 0)), bounds);
        assertEquals(at(2024, 3, 8, 0, 0), bounds.previousSince());
        WindowBounds week = ReportWindow.isoWeek(2026, 47).bounds(Optional.empty(), Optional.empty(), LocalDate.now());
        assertEquals(at(2026, 11, 9, 0, 0), week.previousSince());
        WindowBounds empty = ReportWindow.ALL.bounds(Optional.empty(), Optional.empty(), LocalDate.of(2026, 12, 1));
        assertEquals(new WindowBounds(at(2026, 12, 1, 0, 0), at(2026, 12, 1, 0, 0)), empty);
    }
}
