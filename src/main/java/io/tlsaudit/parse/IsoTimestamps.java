package io.tlsaudit.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Parses the ISO {@code date-time} column of one file's rows ({@link UtcTimestamps#parseIso(byte[], int, int)}),
 * remembering the minute of the last one: consecutive rows nearly always share {@code yyyy-MM-ddTHH:mm}, sixteen
 * bytes that two {@code long} comparisons recognise, so only the seconds and fraction are read again. Owned by one
 * reader; not thread-safe.
 */
public final class IsoTimestamps {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long minuteHead;
    private long minuteTail;
    private long minuteSeconds = UtcTimestamps.INVALID;

    /** Microseconds since the epoch of {@code bytes[from, to)}, or {@link UtcTimestamps#INVALID}. */
    public long parse(byte[] bytes, int from, int to) {
        if (to - from < 19) {
            return UtcTimestamps.INVALID;
        }
        long head = (long) LONGS.get(bytes, from);
        long tail = (long) LONGS.get(bytes, from + 8);
        if (minuteSeconds == UtcTimestamps.INVALID || head != minuteHead || tail != minuteTail) {
            long seconds = UtcTimestamps.isoMinuteSeconds(bytes, from);
            if (seconds == UtcTimestamps.INVALID) {
                return UtcTimestamps.INVALID;
            }
            minuteHead = head;
            minuteTail = tail;
            minuteSeconds = seconds;
        }
        return UtcTimestamps.isoWithinMinute(bytes, from, to, minuteSeconds);
    }
}
