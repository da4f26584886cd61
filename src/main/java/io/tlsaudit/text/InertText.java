package io.tlsaudit.text;

/**
 * Makes text that strangers control (EHLO names, user agents, certificate subjects, file names, and database errors
 * that echo them) inert when it is printed: characters that steer a terminal or reorder what a reader sees are shown
 * as {@code <U+XXXX>}. Those are the C0 and C1 controls and DEL (escape sequences, bell, carriage return, backspace,
 * line feeds that forge a new line), the bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066
 * to U+2069), the zero-width characters (U+200B to U+200D, U+2060, U+FEFF) and the line and paragraph separators
 * U+2028 and U+2029. The one place this rule is written; stored values keep the original text.
 */
public final class InertText {

    private InertText() {}

    /** True for a character that is shown escaped. */
    public static boolean isUnsafe(char c) {
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
            return true;
        }
        return switch (c) {
            case '\u061C',
                    '\u200B',
                    '\u200C',
                    '\u200D',
                    '\u200E',
                    '\u200F',
                    '\u2028',
                    '\u2029',
                    '\u202A',
                    '\u202B',
                    '\u202C',
                    '\u202D',
                    '\u202E',
                    '\u2060',
                    '\u2066',
                    '\u2067',
                    '\u2068',
                    '\u2069',
                    '\uFEFF' -> true;
            default -> false;
        };
    }

    /** {@code text} with every unsafe character written as {@code <U+XXXX>}; null stays null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length() + 16);
        safe.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                safe.append(String.format("<U+%04X>", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
