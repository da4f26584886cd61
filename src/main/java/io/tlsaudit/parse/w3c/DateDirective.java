package io.tlsaudit.parse.w3c;

import io.tlsaudit.parse.UtcTimestamps;

/**
 * The date a {@code #Fields} block without {@code date} gets from the {@code #Date} directive
 * ({@code yyyy-MM-dd HH:mm:ss}, UTC), as W3C defines it. A time of day takes the directive's date, except that a time
 * more than {@value #REORDER_TOLERANCE_MINUTES} minutes before the directive's time belongs to the next day: the block
 * ran past midnight. Times up to that much earlier stay on the directive's day, because IIS buffers its rows and
 * writes them slightly out of order. Each time thus falls within the 24 hours from that tolerance before the
 * directive; a daily file, whose header is written just after midnight UTC, is dated right to its last second. The
 * price: a row buffered from just before midnight into a block whose {@code #Date} is just after it (the first hourly
 * file of a day) is dated a day late; a block cannot tell a daily file's last minutes from such a row.
 *
 * @param line the {@code #Date} line as written
 * @param epochMicros its date and time
 */
record DateDirective(String line, long epochMicros) {

    /** How much earlier than its {@code #Date} a buffered row without date may be and still be on that day. */
    static final int REORDER_TOLERANCE_MINUTES = 60;

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long REORDER_TOLERANCE_MICROS = REORDER_TOLERANCE_MINUTES * 60_000_000L;

    /** The directive of a {@code #Date:} line, or null when its value is no valid date and time. */
    static DateDirective parse(String line) {
        String value = line.substring("#Date:".length()).trim();
        if (value.length() != 19 || value.charAt(10) != ' ') {
            return null;
        }
        long micros = UtcTimestamps.parseDateAndTime(value.substring(0, 10), value.substring(11));
        return micros == UtcTimestamps.INVALID ? null : new DateDirective(line, micros);
    }

    /** The epoch microseconds of a time of day ({@code HH:mm:ss} as microseconds since midnight) under this directive. */
    long place(long timeOfDayMicros) {
        long micros = Math.floorDiv(epochMicros, MICROS_PER_DAY) * MICROS_PER_DAY + timeOfDayMicros;
        return micros < epochMicros - REORDER_TOLERANCE_MICROS ? micros + MICROS_PER_DAY : micros;
    }
}
