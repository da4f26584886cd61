package io.tlsaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The data column of < and > rows is raw SMTP converted from ISO-8859-1 to UTF-8 (docs/log-formats.md, 'Encoding and
 * double-encoded peer text').
 */
class TextRepairTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "mÃ¼nchen, münchen",
        "Ã©, é",
        "EHLO mail.mÃ¼nchen.example, EHLO mail.münchen.example",
        "GebÃ¤ude, Gebäude",
    })
    void recoversDoubleEncodedUtf8(String logged, String sent) {
        assertEquals(sent, TextRepair.undoLatin1Mojibake(logged));
    }

    @Test
    void recoversFourByteSequenceWhoseLatin1FormHasC1Controls() {
        // U+1F600 is F0 9F 98 80; as ISO-8859-1 those bytes are U+00F0 and three C1 controls.
        assertEquals("\uD83D\uDE00", TextRepair.undoLatin1Mojibake("\u00F0\u009F\u0098\u0080"));
    }

    @Test
    void returnsAsciiTextAsTheSameInstance() {
        String ascii = "EHLO [203.0.113.45]";
        assertSame(ascii, TextRepair.undoLatin1Mojibake(ascii));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "Соединитель Ã©", // a character above U+00FF: this value was never Latin-1 converted
                "EHLO 例え.jp",
                "\u20AC",
            })
    void leavesTextWithCharactersAboveLatin1Unchanged(String text) {
        assertSame(text, TextRepair.undoLatin1Mojibake(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "münchen", // FC alone is not UTF-8
                "Ã(", // C3 28: bad continuation byte
                "Ã", // C3 at the end: truncated sequence
                "\u00C0\u00AF", // C0 AF: overlong encoding of '/'
                "caf\u00E9", // byte E9 alone
            })
    void leavesInvalidUtf8SequencesUnchanged(String text) {
        assertSame(text, TextRepair.undoLatin1Mojibake(text));
    }
}
