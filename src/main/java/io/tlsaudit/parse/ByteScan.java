package io.tlsaudit.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches that look at eight bytes per step (SWAR: a {@code long} read from the byte array, and the classic
 * has-zero-byte test on it), for the loops every byte of a log goes through. A plain byte loop costs about a cycle
 * per byte; these about a cycle per eight, which the SMTP parse of a large share feels (see {@code
 * SmtpParseTiming}).
 */
public final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101010101010101L;
    static final long HIGHS = 0x8080808080808080L;
    static final long LINE_FEEDS = ONES * '\n';
    private static final long COMMAS = ONES * ',';
    private static final long QUOTES = ONES * '"';

    private ByteScan() {}

    /** Where the first LF of {@code bytes[from, to)} is, or -1. */
    public static int indexOfLineFeed(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long found = zeroBytes(word(bytes, i) ^ LINE_FEEDS);
            if (found != 0) {
                return i + firstByte(found);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Where the first {@code ,} or {@code "} of {@code bytes[from, to)} is, or {@code to}. */
    public static int indexOfCommaOrQuote(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long word = word(bytes, i);
            long found = zeroBytes(word ^ COMMAS) | zeroBytes(word ^ QUOTES);
            if (found != 0) {
                return i + firstByte(found);
            }
        }
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b == ',' || b == '"') {
                return i;
            }
        }
        return to;
    }

    /** Where the first {@code "} of {@code bytes[from, to)} is, or {@code to}. */
    public static int indexOfQuote(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long found = zeroBytes(word(bytes, i) ^ QUOTES);
            if (found != 0) {
                return i + firstByte(found);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '"') {
                return i;
            }
        }
        return to;
    }

    /** Where the first byte of {@code bytes[from, to)} that is not ASCII is, or {@code to}. */
    public static int indexOfNonAscii(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long found = word(bytes, i) & HIGHS;
            if (found != 0) {
                return i + firstByte(found);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] < 0) {
                return i;
            }
        }
        return to;
    }

    /** The eight bytes at {@code at} as one little-endian {@code long}. */
    public static long word(byte[] bytes, int at) {
        return (long) LONGS.get(bytes, at);
    }

    /**
     * The high bit of each zero byte of {@code x}. Bytes above the first zero byte may be flagged wrongly (a borrow
     * runs on), never those below it, so the lowest flag is exact, and that is the only one read.
     */
    static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    /**
     * The high bit of each zero byte of {@code x}, exactly: adding 0x7F to the low seven bits of a byte cannot carry
     * into the next byte, so every byte is judged on its own and all the flags of a word can be read (a scanner that
     * takes every delimiter of a word at once needs them all; {@link #zeroBytes} is exact for the lowest only).
     */
    public static long everyZeroByte(long x) {
        return ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS);
    }

    /** The index, 0 to 7, of the lowest flagged byte: the first in memory, the word being little-endian. */
    static int firstByte(long flags) {
        return Long.numberOfTrailingZeros(flags) >>> 3;
    }

    /** {@code bytes[from, to)} as a whole number of one to nine ASCII digits, else -1. */
    public static int wholeNumber(byte[] bytes, int from, int to) {
        if (from == to || to - from > 9) {
            return -1;
        }
        int number = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            number = number * 10 + (b - '0');
        }
        return number;
    }
}
