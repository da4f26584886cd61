package io.tlsaudit.parse.smtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Session ids as Exchange writes them, checked and keyed without a String: exactly 16 hexadecimal digits, as every
 * real file shows, or a GUID ({@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, optionally in braces), the form the
 * documentation names. Placeholders ({@code <SessionId>}, {@code -}, <code>{}</code>) and masked or cut ids are not
 * ids: keyed by such a value, rows of unrelated sessions would merge into one connection. Only ASCII digits count
 * as hex, not the full-width or other Unicode digits that {@link Character#digit} accepts.
 *
 * <p>An id of 16 digits and upper-case letters, the form of real files, is its own {@code long} key: 64 bits, no
 * collision possible. Other ids (GUIDs, lower-case hex) keep their text as key, so that ids differing only in case
 * stay apart as they always did.
 */
public final class SmtpSessionIds {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private SmtpSessionIds() {}

    /** True when {@code bytes[from, to)} is a session id. */
    public static boolean isValid(byte[] bytes, int from, int to) {
        int length = to - from;
        boolean braced = length == 38 && bytes[from] == '{' && bytes[to - 1] == '}';
        int start = braced ? from + 1 : from;
        int end = braced ? to - 1 : to;
        boolean guid = end - start == 36;
        if (!guid && length != 16) {
            return false;
        }
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            int offset = i - start;
            if (guid && (offset == 8 || offset == 13 || offset == 18 || offset == 23)) {
                if (b != '-') {
                    return false;
                }
            } else if (!((b >= '0' && b <= '9') || (b >= 'A' && b <= 'F') || (b >= 'a' && b <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code bytes[from, to)} is 16 digits and upper-case letters, a valid id keyed by its number. */
    public static boolean isNumeric(byte[] bytes, int from, int to) {
        if (to - from != 16) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (!((b >= '0' && b <= '9') || (b >= 'A' && b <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The key of {@code bytes[from, to)} when it is a numeric id, checked and read in one pass; {@link
     * Long#MIN_VALUE} when it is not, or when it is the id {@code 8000000000000000}, which {@link #isNumeric(byte[],
     * int, int)} then tells apart. Every row needs its session key, so the sixteen digits are read as two {@code
     * long}s and checked and converted eight at a time.
     */
    public static long numericKeyOrMinValue(byte[] bytes, int from, int to) {
        if (to - from != 16) {
            return Long.MIN_VALUE;
        }
        long high = eightDigits((long) LONGS.get(bytes, from));
        long low = eightDigits((long) LONGS.get(bytes, from + 8));
        return (high | low) < 0 ? Long.MIN_VALUE : (high << 32) | low;
    }

    /**
     * The value of eight hex digits (digits and upper-case letters), the first in the lowest byte of {@code word}, or
     * -1. Each byte is below 0x80, so adding up to 0x50 to it cannot carry into the next: the high bit of each sum
     * tells one comparison for all eight bytes.
     */
    private static long eightDigits(long word) {
        if ((word & HIGH_BITS) != 0) {
            return -1;
        }
        long digits = (word + ONES * (0x80 - '0')) & ~(word + ONES * (0x80 - '9' - 1)) & HIGH_BITS;
        long letters = (word + ONES * (0x80 - 'A')) & ~(word + ONES * (0x80 - 'F' - 1)) & HIGH_BITS;
        if ((digits | letters) != HIGH_BITS) {
            return -1;
        }
        long nibbles = (word & ONES * 0x0F) + (letters >>> 7) * 9; // 'A' is 0x41: low nibble 1, value 10
        long value = Long.reverseBytes(nibbles); // the first digit is the most significant
        value = (value | (value >>> 4)) & 0x00FF00FF00FF00FFL;
        value = (value | (value >>> 8)) & 0x0000FFFF0000FFFFL;
        return (value | (value >>> 16)) & 0x00000000FFFFFFFFL;
    }

    /** {@link #isNumeric(byte[], int, int)} for a stored id. */
    public static boolean isNumeric(String id) {
        if (id.length() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** The key of a stored id that {@link #isNumeric(String)}: its 16 digits as the 64 bits they spell. */
    public static long numericKey(String id) {
        long key = 0;
        for (int i = 0; i < 16; i++) {
            key = (key << 4) | hexValue(id.charAt(i));
        }
        return key;
    }

    private static int hexValue(int c) {
        return c <= '9' ? c - '0' : c - 'A' + 10;
    }
}
