package io.tlsaudit.parse;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 over byte ranges: decoding with U+FFFD for invalid bytes, as the old character reader did, and a check that
 * tells without decoding whether decoding would show a U+FFFD.
 */
public final class Utf8 {

    private Utf8() {}

    /** The text of {@code bytes[from, to)}; invalid bytes become U+FFFD. */
    public static String decode(byte[] bytes, int from, int to) {
        return from == to ? "" : new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /**
     * True when {@code bytes[from, to)}, decoded, would hold a U+FFFD: a byte sequence that is not well-formed UTF-8
     * (Unicode table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF, the JDK decoder's rule), or a
     * U+FFFD written as such ({@code EF BF BD}), which a reader of the decoded text cannot tell apart.
     */
    public static boolean showsReplacement(byte[] bytes, int from, int to) {
        int i = ByteScan.indexOfNonAscii(bytes, from, to);
        while (i < to) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xFF;
            if (lead < 0xC2) {
                return true; // a continuation byte on its own, or an overlong two-byte lead
            }
            if (lead < 0xE0) {
                if (i + 1 >= to || !isContinuation(bytes[i + 1])) {
                    return true;
                }
                i += 2;
            } else if (lead < 0xF0) {
                if (i + 2 >= to || !isContinuation(bytes[i + 2])) {
                    return true;
                }
                int second = bytes[i + 1] & 0xFF;
                int low = lead == 0xE0 ? 0xA0 : 0x80;
                int high = lead == 0xED ? 0x9F : 0xBF;
                if (second < low || second > high) {
                    return true;
                }
                if (lead == 0xEF && second == 0xBF && (bytes[i + 2] & 0xFF) == 0xBD) {
                    return true;
                }
                i += 3;
            } else if (lead < 0xF5) {
                if (i + 3 >= to || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3])) {
                    return true;
                }
                int second = bytes[i + 1] & 0xFF;
                int low = lead == 0xF0 ? 0x90 : 0x80;
                int high = lead == 0xF4 ? 0x8F : 0xBF;
                if (second < low || second > high) {
                    return true;
                }
                i += 4;
            } else {
                return true;
            }
        }
        return false;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
