package io.tlsaudit.report.render;

/**
 * How many terminal columns text takes: a small, honest approximation of what terminals do (Markus Kuhn's
 * {@code wcwidth}). East Asian wide and fullwidth characters (Hangul, CJK ideographs, kana, fullwidth forms) and the
 * emoji blocks U+1F300-U+1F64F and U+1F900-U+1F9FF count 2; combining and enclosing marks and the conjoining Hangul
 * vowels and finals count 0; everything else counts 1. Terminals differ on ambiguous-width characters (Greek or
 * Cyrillic under a CJK locale) and on newer emoji; those count 1 here. Control and format characters never reach this
 * count raw: {@link Cells#visible} has written them as {@code <U+XXXX>}.
 */
final class DisplayWidth {

    private DisplayWidth() {}

    /** The columns {@code text} takes. */
    static int of(CharSequence text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            width += of(codePoint);
            i += Character.charCount(codePoint);
        }
        return width;
    }

    /** The columns one code point takes: 0, 1 or 2. */
    static int of(int codePoint) {
        if (codePoint < 0x300) {
            return 1;
        }
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT
                || (codePoint >= 0x1160 && codePoint <= 0x11FF)) {
            return 0;
        }
        return isWide(codePoint) ? 2 : 1;
    }

    private static boolean isWide(int c) {
        return (c >= 0x1100 && c <= 0x115F)
                || c == 0x2329
                || c == 0x232A
                || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F)
                || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFE10 && c <= 0xFE19)
                || (c >= 0xFE30 && c <= 0xFE6F)
                || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6)
                || (c >= 0x1F300 && c <= 0x1F64F)
                || (c >= 0x1F900 && c <= 0x1F9FF)
                || (c >= 0x20000 && c <= 0x2FFFD)
                || (c >= 0x30000 && c <= 0x3FFFD);
    }
}
