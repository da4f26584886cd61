package io.tlsaudit.parse;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses the fixed-layout UTC timestamps of both log formats straight into epoch microseconds, without allocating:
 * this runs once per log line. Dates outside the years {@value #EARLIEST_YEAR} to {@value #LATEST_YEAR} are
 * {@link #INVALID}.
 */
public final class UtcTimestamps {

    /** Returned for text that is not a valid timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    /**
     * The first year a log line can carry. Neither format existed before it, so an earlier date is a placeholder
     * written for a time that was never set: .NET's {@code DateTime.MinValue} ({@code 0001-01-01}), a zero
     * FILETIME (1601) or a zero Unix time (1970). Stored, such a row would stretch every report's time range.
     */
    public static final int EARLIEST_YEAR = 1990;

    /** The last year a log line can carry; later dates are placeholders such as {@code DateTime.MaxValue} (9999). */
    public static final int LATEST_YEAR = 2100;

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private UtcTimestamps() {}

    /** {@link #parseIso(byte[], int, int)} of a String: for tests and values read back. */
    public static long parseIso(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parseIso(bytes, 0, bytes.length);
    }

    /**
     * Parses Exchange's {@code yyyy-MM-ddTHH:mm:ss.fffZ} from the bytes {@code from} to {@code to} of a line, so a
     * row's timestamp never becomes a String; also accepts zero to seven fraction digits and a missing {@code Z},
     * which other builds and copies may produce. A byte that is not ASCII fails the pattern.
     */
    public static long parseIso(byte[] bytes, int from, int to) {
        if (to - from < 19) {
            return INVALID;
        }
        long minute = isoMinuteSeconds(bytes, from);
        return minute == INVALID ? INVALID : isoWithinMinute(bytes, from, to, minute);
    }

    /**
     * The seconds from the epoch to the minute {@code yyyy-MM-ddTHH:mm} of an ISO timestamp of at least 19 bytes
     * starting at {@code from}, or {@link #INVALID}: the part consecutive rows share.
     */
    static long isoMinuteSeconds(byte[] bytes, int from) {
        int year = digits(bytes, from, 4);
        int month = digits(bytes, from + 5, 2);
        int day = digits(bytes, from + 8, 2);
        int hour = digits(bytes, from + 11, 2);
        int minute = digits(bytes, from + 14, 2);
        if (bytes[from + 4] != '-'
                || bytes[from + 7] != '-'
                || bytes[from + 10] != 'T'
                || bytes[from + 13] != ':'
                || !isValidDate(year, month, day)
                || !isValidClock(hour, minute, 0)) {
            return INVALID;
        }
        return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L;
    }

    /** The rest of an ISO timestamp after its minute ({@code :ss}, fraction, {@code Z}) on top of {@code minute}. */
    static long isoWithinMinute(byte[] bytes, int from, int to, long minuteSeconds) {
        int second = digits(bytes, from + 17, 2);
        if (bytes[from + 16] != ':' || !isValidClock(0, 0, second)) {
            return INVALID;
        }
        int position = from + 19;
        long fractionMicros = 0;
        if (position < to && bytes[position] == '.') {
            position++;
            int digits = 0;
            long scale = 100_000;
            while (position < to && isDigit(bytes[position])) {
                if (digits < 6) {
                    fractionMicros += (bytes[position] - '0') * scale;
                    scale /= 10;
                }
                digits++;
                position++;
            }
            if (digits == 0 || digits > 7) {
                return INVALID;
            }
        }
        if (position < to && bytes[position] == 'Z') {
            position++;
        }
        if (position != to) {
            return INVALID;
        }
        return (minuteSeconds + second) * MICROS_PER_SECOND + fractionMicros;
    }

    /** Parses the W3C pair {@code yyyy-MM-dd} and {@code HH:mm:ss}. */
    public static long parseDateAndTime(String date, String time) {
        if (date.length() != 10 || time.length() != 8) {
            return INVALID;
        }
        long seconds = parseDate(date, 0);
        long clock = parseClock(time, 0);
        if (seconds == INVALID || clock == INVALID) {
            return INVALID;
        }
        return (seconds + clock) * MICROS_PER_SECOND;
    }

    /** The epoch microseconds of a UTC date-time read back from the database. */
    public static long toEpochMicros(LocalDateTime timestamp) {
        return timestamp.toEpochSecond(ZoneOffset.UTC) * MICROS_PER_SECOND + timestamp.getNano() / 1000;
    }

    /** Converts parsed epoch microseconds for the database. */
    public static LocalDateTime toLocalDateTime(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochMicros, MICROS_PER_SECOND) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    private static long parseDateAndTime(String text, int dateStart, int timeStart) {
        long date = parseDate(text, dateStart);
        long clock = parseClock(text, timeStart);
        return date == INVALID || clock == INVALID ? INVALID : date + clock;
    }

    /** Seconds from the epoch to midnight of {@code yyyy-MM-dd} at {@code start}. */
    private static long parseDate(String text, int start) {
        int year = digits(text, start, 4);
        int month = digits(text, start + 5, 2);
        int day = digits(text, start + 8, 2);
        if (text.charAt(start + 4) != '-' || text.charAt(start + 7) != '-' || !isValidDate(year, month, day)) {
            return INVALID;
        }
        return daysFromCivil(year, month, day) * 86_400L;
    }

    /** Seconds since midnight of {@code HH:mm:ss} at {@code start}. */
    private static long parseClock(String text, int start) {
        int hour = digits(text, start, 2);
        int minute = digits(text, start + 3, 2);
        int second = digits(text, start + 6, 2);
        if (text.charAt(start + 2) != ':' || text.charAt(start + 5) != ':' || !isValidClock(hour, minute, second)) {
            return INVALID;
        }
        return hour * 3600L + minute * 60L + second;
    }

    /** Fields that were not digits arrive as -1 and fail here. */
    private static boolean isValidDate(int year, int month, int day) {
        return year >= EARLIEST_YEAR
                && year <= LATEST_YEAR
                && month >= 1
                && month <= 12
                && day >= 1
                && day <= daysInMonth(year, month);
    }

    /** Second 60, a leap second, is accepted. */
    private static boolean isValidClock(int hour, int minute, int second) {
        return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60;
    }

    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int digits(byte[] bytes, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            byte b = bytes[i];
            if (!isDigit(b)) {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    // Howard Hinnant's days-from-civil algorithm: proleptic Gregorian calendar, no allocation.
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
