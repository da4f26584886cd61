package io.tlsaudit.parse.w3c;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * What the last few distinct values of one TLS column ({@code crypt-protocol}, {@code crypt-cipher}, ...) read as. A
 * file repeats a handful of them on every line, so each is read once, by the same String methods as ever, and its
 * result shared; the line's value is found by one {@code long} comparison per entry. A value is one to eight ASCII
 * hex digits, and its bytes packed into a {@code long} ({@link #pack}) are its key: no digit is a zero byte, so
 * {@code 40} and {@code 040} have different keys. Owned by one reader; not thread-safe.
 *
 * @param <V> what a value reads as
 */
final class RecentHexValues<V> {

    private static final int SIZE = 8;

    private final long[] keys = new long[SIZE];
    private final Object[] values = new Object[SIZE];
    private final Function<String, V> read;
    private int size;
    private int next;

    /** @param read what a value's text reads as, called once per distinct value kept */
    RecentHexValues(Function<String, V> read) {
        this.read = read;
    }

    /**
     * The key of {@code bytes[from, to)}, or -1 when it is not one to eight ASCII hex digits in any case (a sign,
     * {@code 0x}, spaces, full-width or other non-ASCII digits are not). Keys are positive.
     */
    static long pack(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 8) {
            return -1;
        }
        long key = 0;
        for (int i = 0; i < length; i++) {
            int b = bytes[from + i];
            if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F'))) {
                return -1;
            }
            key |= (long) b << (i << 3);
        }
        return key;
    }

    /** What the value with key {@code key} reads as. */
    @SuppressWarnings("unchecked")
    V of(long key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        V value = read.apply(text(key));
        int slot = next; // the oldest entry, once all are taken
        keys[slot] = key;
        values[slot] = value;
        size = Math.max(size, slot + 1);
        next = (slot + 1) % SIZE;
        return value;
    }

    /** The digits a key was packed from. */
    static String text(long key) {
        byte[] digits = new byte[8];
        int length = 0;
        for (long rest = key; rest != 0; rest >>>= 8) {
            digits[length++] = (byte) rest;
        }
        return new String(digits, 0, length, StandardCharsets.US_ASCII);
    }
}
