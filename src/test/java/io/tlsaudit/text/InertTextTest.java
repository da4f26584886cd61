package io.tlsaudit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InertTextTest {

    @Test
    void unsafeCodePointsAreWrittenWithAtLeastFourHexDigits() {
        assertEquals("a<U+001B>[31mb", InertText.of("a\u001B[31mb"));
        assertEquals("<U+0000><U+007F><U+009B>", InertText.of("\u0000\u007F\u009B"));
        assertEquals("x<U+202E>y<U+FEFF>", InertText.of("x\u202Ey\uFEFF"));
        assertEquals(
                "<U+E0041><U+E01EF>",
                InertText.of(new String(Character.toChars(0xE0041)) + new String(Character.toChars(0xE01EF))));
        assertEquals("<U+D800>", InertText.of("\uD800"));
    }

    @Test
    void everyUnsafeCodePointIsWrittenAsFormatWouldWriteIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (InertText.isUnsafe(codePoint)) {
                assertEquals(
                        String.format("<U+%04X>", codePoint), InertText.of(new String(Character.toChars(codePoint))));
            }
        }
    }

    @Test
    void safeTextIsReturnedAsItIs() {
        String text = "EX01.contoso.com München ✓";
        assertEquals(text, InertText.of(text));
        assertEquals(null, InertText.of(null));
    }
}
