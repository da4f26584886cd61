package io.tlsaudit.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayWidthTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "ASCII, mail.contoso.com, 16",
        "precomposed umlaut, Gebäude, 7",
        "combining acute accent, Gebe\u0301ude, 7",
        "CJK ideographs, 漢字, 4",
        "kana, メール, 6",
        "Hangul syllables, 한국, 4",
        "fullwidth forms, ＡＢ, 4",
        "Hangul jamo vowel after a consonant, \u1100\u1161, 2",
        "emoji, \uD83D\uDE00, 2",
        "CJK extension B, \uD840\uDC0B, 2",
        "Cyrillic, почта, 5",
        "mixed, mail.例え.jp, 12"
    })
    void countsTerminalColumns(String what, String text, int columns) {
        assertEquals(columns, DisplayWidth.of(text), what);
    }
}
