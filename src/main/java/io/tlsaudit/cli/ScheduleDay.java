package io.tlsaudit.cli;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/**
 * When a scheduled job runs: on one day of the week, or every day ({@code --every day}), with each scheduler's
 * spelling of it.
 *
 * @param dayOfWeek the day, empty for every day
 */
record ScheduleDay(Optional<DayOfWeek> dayOfWeek) {

    static final ScheduleDay EVERY_DAY = new ScheduleDay(Optional.empty());

    static ScheduleDay weekly(DayOfWeek day) {
        return new ScheduleDay(Optional.of(day));
    }

    /** {@code monday} ... {@code sunday}, {@code mon} ... {@code sun}, or {@code day} (also {@code daily}). */
    static ScheduleDay parse(String value) {
        String word = value.strip().toLowerCase(Locale.ROOT);
        if (word.equals("day") || word.equals("daily")) {
            return EVERY_DAY;
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            if (word.equals(name) || word.equals(name.substring(0, 3))) {
                return weekly(day);
            }
        }
        throw new CommandLine.TypeConversionException("'" + value
                + "' is not a day: expected monday, tuesday, ..., sunday (or mon ... sun), or day for every day");
    }

    /** "every Monday", "every day". */
    String description() {
        return "every "
                + dayOfWeek
                        .map(day -> day.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                        .orElse("day");
    }

    /** The day-of-week field of a crontab line: 0 is Sunday, 1 Monday ... 6 Saturday; {@code *} every day. */
    String cronField() {
        return dayOfWeek.map(day -> Integer.toString(day.getValue() % 7)).orElse("*");
    }

    /** The weekday of a systemd calendar event ({@code Mon }, with its space), empty for every day. */
    String systemdWeekday() {
        return dayOfWeek
                .map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " ")
                .orElse("");
    }

    /** {@code /SC WEEKLY /D MON} or {@code /SC DAILY}. */
    String schtasksSchedule() {
        return dayOfWeek
                .map(day -> "/SC WEEKLY /D " + day.name().substring(0, 3))
                .orElse("/SC DAILY");
    }

    /** The schedule arguments of {@code New-ScheduledTaskTrigger}: {@code -Weekly -DaysOfWeek Monday} or {@code -Daily}. */
    String powershellSchedule() {
        return dayOfWeek
                .map(day -> "-Weekly -DaysOfWeek " + day.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .orElse("-Daily");
    }

    /** Picocli's converter for {@code --every}. */
    static final class Converter implements CommandLine.ITypeConverter<ScheduleDay> {
        @Override
        public ScheduleDay convert(String value) {
            return parse(value);
        }
    }
}
