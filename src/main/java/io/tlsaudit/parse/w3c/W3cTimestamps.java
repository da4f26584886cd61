package io.tlsaudit.parse.w3c;

import io.tlsaudit.parse.IsoTimestamps;
import io.tlsaudit.parse.UtcTimestamps;
import java.nio.charset.StandardCharsets;

/**
 * The {@code date} and {@code time} values of request lines ({@code yyyy-MM-dd}, {@code HH:mm:ss}, UTC) in epoch
 * microseconds, read from the line's bytes without a String. The pair is laid out as the ISO form {@code
 * yyyy-MM-ddTHH:mm:ss} in a small buffer and parsed by {@link IsoTimestamps}, so both formats follow one rule (digits
 * and separators, the years {@value UtcTimestamps#EARLIEST_YEAR} to {@value UtcTimestamps#LATEST_YEAR}, second 60
 * allowed) and consecutive lines of the same minute read only their seconds again. Owned by one reader; not
 * thread-safe.
 */
final class W3cTimestamps {

    /** A day whose midnight is subtracted again: a time alone is parsed as the time of this day. */
    private static final byte[] FIXED_DAY = "2000-01-01".getBytes(StandardCharsets.US_ASCII);

    private static final long FIXED_MIDNIGHT = UtcTimestamps.parseIso("2000-01-01T00:00:00");

    private final IsoTimestamps iso = new IsoTimestamps();
    private final byte[] dateTime = "2000-01-01T00:00:00".getBytes(StandardCharsets.US_ASCII);

    /** {@code date} at {@code bytes[dateFrom, dateTo)} with {@code time} at {@code bytes[timeFrom, timeTo)}. */
    long dateAndTime(byte[] bytes, int dateFrom, int dateTo, int timeFrom, int timeTo) {
        if (dateTo - dateFrom != 10 || timeTo - timeFrom != 8) {
            return UtcTimestamps.INVALID;
        }
        System.arraycopy(bytes, dateFrom, dateTime, 0, 10);
        System.arraycopy(bytes, timeFrom, dateTime, 11, 8);
        return iso.parse(dateTime, 0, dateTime.length);
    }

    /** Microseconds since midnight of {@code HH:mm:ss} at {@code bytes[from, to)}, or {@link UtcTimestamps#INVALID}. */
    long timeOfDay(byte[] bytes, int from, int to) {
        if (to - from != 8) {
            return UtcTimestamps.INVALID;
        }
        System.arraycopy(FIXED_DAY, 0, dateTime, 0, 10);
        System.arraycopy(bytes, from, dateTime, 11, 8);
        long micros = iso.parse(dateTime, 0, dateTime.length);
        return micros == UtcTimestamps.INVALID ? UtcTimestamps.INVALID : micros - FIXED_MIDNIGHT;
    }
}
