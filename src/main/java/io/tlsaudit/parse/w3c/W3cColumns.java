package io.tlsaudit.parse.w3c;

import io.tlsaudit.parse.ByteScan;
import io.tlsaudit.parse.PeerText;
import io.tlsaudit.parse.Utf8;
import java.util.Arrays;

/**
 * The columns of one W3C request line: found as byte offsets into the line ({@link #scan}), without allocating, and
 * read as values only when the reader asks, so a column no request keeps never becomes a String.
 *
 * <p>W3C values are separated by single spaces and never quoted (IIS writes a space inside a value as {@code +}), so
 * every space ends a value and two in a row make an empty one. Every byte of every IIS file goes through the scan, so
 * it looks at eight bytes per step: the spaces of a {@code long} read from the array are taken from one bit mask
 * (SWAR), and the many short columns of a line ({@code 200 0 0 15}) cost no loop of their own. A space is ASCII and
 * no byte of a UTF-8 sequence, valid or not, so the columns are those of the decoded text, and a value's invalid
 * UTF-8 is decoded as U+FFFD as before.
 *
 * <p>Column indexes come from {@link W3cFieldLayout}; -1, a column the layout lacks, has no value. One instance per
 * reader; not thread-safe.
 */
final class W3cColumns {

    /** Columns whose offsets are kept; a line may have more, and {@link #count()} still counts them. */
    static final int MAX_COLUMNS = 256;

    /** {@link #hexKey} of a column without a value. */
    static final long NO_VALUE = -2;

    /** {@link #hexKey} of a column that is not one to eight ASCII hex digits. */
    static final long NOT_HEX = -1;

    private static final long SPACES = 0x2020202020202020L;

    private final int[] starts = new int[MAX_COLUMNS];
    private final int[] ends = new int[MAX_COLUMNS];
    private final W3cTimestamps timestamps = new W3cTimestamps();
    /** A value with {@code +} made a space, before it is decoded. */
    private byte[] spaced = new byte[256];

    private byte[] bytes;
    private int count;

    /** Finds the columns of {@code bytes[from, to)}, a line without its terminator; valid until the next scan. */
    void scan(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        count = 0;
        int valueStart = from;
        int i = from;
        for (; i <= to - 8; i += 8) {
            long spaces = ByteScan.everyZeroByte(ByteScan.word(bytes, i) ^ SPACES);
            while (spaces != 0) {
                int at = i + (Long.numberOfTrailingZeros(spaces) >>> 3);
                spaces &= spaces - 1;
                column(valueStart, at);
                valueStart = at + 1;
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == ' ') {
                column(valueStart, i);
                valueStart = i + 1;
            }
        }
        column(valueStart, to);
    }

    private void column(int start, int end) {
        int column = count++;
        if (column < MAX_COLUMNS) {
            starts[column] = start;
            ends[column] = end;
        }
    }

    /** Values on the line, one more than its spaces; may exceed {@link #MAX_COLUMNS}. */
    int count() {
        return count;
    }

    /** True when {@code column} is -1, empty or {@code -}: no value. */
    boolean isAbsent(int column) {
        if (column < 0) {
            return true;
        }
        int from = starts[column];
        int length = ends[column] - from;
        return length == 0 || (length == 1 && bytes[from] == '-');
    }

    /** The text of {@code column}, or null when it has no value. */
    String text(int column) {
        return isAbsent(column) ? null : Utf8.decode(bytes, starts[column], ends[column]);
    }

    /**
     * {@link #text} capped at {@code limit} characters ({@link PeerText#capped}). Only the first {@code 4 * (limit +
     * 1)} bytes are decoded: as no character takes more than four bytes, they hold more than {@code limit} characters
     * when the value is longer, and a character cut at their end lies past the ones kept.
     */
    String cappedText(int column, int limit) {
        if (isAbsent(column)) {
            return null;
        }
        int from = starts[column];
        return PeerText.capped(Utf8.decode(bytes, from, Math.min(ends[column], from + 4 * (limit + 1))), limit);
    }

    /** {@link #cappedText} with {@code +} read as a space, as IIS writes spaces in {@code cs(User-Agent)}. */
    String spacedText(int column, int limit) {
        if (isAbsent(column)) {
            return null;
        }
        int from = starts[column];
        int length = Math.min(ends[column], from + 4 * (limit + 1)) - from;
        if (spaced.length < length) {
            spaced = Arrays.copyOf(spaced, Math.max(length, 2 * spaced.length));
        }
        // '+' and ' ' are ASCII, never part of a UTF-8 sequence, so replacing bytes equals replacing characters.
        for (int i = 0; i < length; i++) {
            byte b = bytes[from + i];
            spaced[i] = b == '+' ? (byte) ' ' : b;
        }
        return PeerText.capped(Utf8.decode(spaced, 0, length), limit);
    }

    /** {@code column} as a number of up to nine ASCII digits, else -1. */
    int number(int column) {
        if (isAbsent(column)) {
            return -1;
        }
        return ByteScan.wholeNumber(bytes, starts[column], ends[column]);
    }

    /**
     * {@code column} as the key {@link RecentHexValues} knows a TLS value by: {@link #NO_VALUE} without a value,
     * {@link #NOT_HEX} for anything but one to eight ASCII hex digits in any case (a sign, {@code 0x}, full-width or
     * other non-ASCII digits included).
     */
    long hexKey(int column) {
        return isAbsent(column) ? NO_VALUE : RecentHexValues.pack(bytes, starts[column], ends[column]);
    }

    /** The {@code date} and {@code time} columns in epoch microseconds, or {@code UtcTimestamps.INVALID}. */
    long dateAndTime(int date, int time) {
        return timestamps.dateAndTime(bytes, starts[date], ends[date], starts[time], ends[time]);
    }

    /** The {@code time} column in microseconds since midnight, or {@code UtcTimestamps.INVALID}. */
    long timeOfDay(int time) {
        return timestamps.timeOfDay(bytes, starts[time], ends[time]);
    }

    /** True when {@code column} has a value holding the ASCII bytes {@code needle}. */
    boolean contains(int column, byte[] needle) {
        if (isAbsent(column)) {
            return false;
        }
        int last = ends[column] - needle.length;
        for (int i = starts[column]; i <= last; i++) {
            if (bytes[i] == needle[0] && Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code column} has a value and its text is {@code text}; decodes only a value that is not ASCII. */
    boolean textEquals(int column, String text) {
        if (isAbsent(column)) {
            return false;
        }
        int from = starts[column];
        int to = ends[column];
        if (ByteScan.indexOfNonAscii(bytes, from, to) < to) {
            return Utf8.decode(bytes, from, to).equals(text);
        }
        if (to - from != text.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] != text.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }
}
