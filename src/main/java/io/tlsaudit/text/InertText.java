package io.tlsaudit.text;

/**
 * Makes text that strangers control (EHLO names, user agents, certificate subjects, file names, and database errors
 * that echo them) inert when it is printed: characters that steer a terminal, or that a reader cannot see, are shown
 * as {@code <U+XXXX>}. Those are all control characters (C0 and C1, DEL: escape sequences, bell, carriage return,
 * backspace, line feeds that forge a new line), all format characters (bidirectional overrides and isolates,
 * zero-width characters, invisible operators, tag characters from U+E0000), the line and paragraph separators,
 * unpaired surrogates, variation selectors, and the blank fillers U+115F, U+1160, U+3164 and U+FFA0. The one place
 * this rule is written; stored values keep the original text.
 */
public final class InertText {

    private InertText() {}

    /** True for a code point that is shown escaped. */
    public static boolean isUnsafe(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> {
                return true;
            }
            default -> {
                // the fillers and selectors below are ordinary letters or marks to Unicode, but print as nothing
            }
        }
        return codePoint == 0x115F
                || codePoint == 0x1160
                || codePoint == 0x3164
                || codePoint == 0xFFA0
                || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)
                || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)
                || codePoint == 0x180E;
    }

    /** {@code text} with every unsafe code point written as {@code <U+XXXX>}; null stays null. */
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
        for (int i = first; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (isUnsafe(codePoint)) {
                appendEscaped(safe, codePoint);
            } else {
                safe.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return safe.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * {@code <U+XXXX>}, at least four hex digits, as {@code String.format("<U+%04X>")} writes it: a damaged file can
     * put thousands of these on one line, and every warning is escaped.
     */
    private static void appendEscaped(StringBuilder out, int codePoint) {
        out.append("<U+");
        int digits = Math.max(4, (32 - Integer.numberOfLeadingZeros(codePoint) + 3) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(codePoint >>> shift) & 0xF]);
        }
        out.append('>');
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (isUnsafe(codePoint)) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }
}
