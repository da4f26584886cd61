package io.tlsaudit.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.report.render.TextWrap.Breaks;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextWrapTest {

    private static void assertLossless(String text, List<String> lines, int width) {
        assertEquals(text, String.join("", lines), "the lines put together are the text");
        for (String line : lines) {
            assertTrue(DisplayWidth.of(line.stripTrailing()) <= width, () -> "wider than " + width + ": " + line);
        }
    }

    @Test
    void textThatFitsIsOneLine() {
        assertEquals(List.of("TLS 1.1, TLS 1.2"), TextWrap.lines("TLS 1.1, TLS 1.2", 16, Breaks.SPACES));
    }

    @Test
    void breaksAfterCommaAndSpaceKeepingTheSpaceOnTheLineBefore() {
        String peers = "mx1.fabrikam.com, mx2.fabrikam.com, relay.contoso.com";
        List<String> lines = TextWrap.lines(peers, 36, Breaks.SPACES);
        assertEquals(List.of("mx1.fabrikam.com, mx2.fabrikam.com, ", "relay.contoso.com"), lines);
        assertLossless(peers, lines, 36);
    }

    @Test
    void aWordLongerThanTheLineIsBrokenWhereTheLineEnds() {
        String hex = "\\x16\\x03\\x01\\x02\\x00";
        List<String> lines = TextWrap.lines(hex, 8, Breaks.SPACES);
        assertEquals(List.of("\\x16\\x03", "\\x01\\x02", "\\x00"), lines);
        assertLossless(hex, lines, 8);
    }

    @Test
    void aLongWordAfterShortOnesStartsOnItsOwnLine() {
        String text = "ours: CN=smtp-out.contoso.com,OU=Messaging,O=Contoso";
        List<String> lines = TextWrap.lines(text, 20, Breaks.SPACES);
        assertEquals(List.of("ours: ", "CN=smtp-out.contoso.", "com,OU=Messaging,O=C", "ontoso"), lines);
        assertLossless(text, lines, 20);
    }

    @Test
    void columnNamesBreakAfterUnderscores() {
        assertEquals(
                List.of("key_", "exchange_", "bits"),
                TextWrap.lines("key_exchange_bits", 9, Breaks.SPACES_AND_UNDERSCORES));
        assertEquals(
                List.of("key_exchange_", "bits"),
                TextWrap.lines("key_exchange_bits", 13, Breaks.SPACES_AND_UNDERSCORES));
        assertEquals(List.of("key_exchange_bits"), TextWrap.lines("key_exchange_bits", 17, Breaks.SPACES));
        assertEquals(9, TextWrap.narrowest("key_exchange_bits", Breaks.SPACES_AND_UNDERSCORES));
        assertEquals(17, TextWrap.narrowest("key_exchange_bits", Breaks.SPACES));
    }

    @Test
    void wideCharactersAreNotSplitAcrossTheLineEnd() {
        String text = "漢字漢字漢";
        List<String> lines = TextWrap.lines(text, 5, Breaks.SPACES);
        assertEquals(List.of("漢字", "漢字", "漢"), lines);
        assertLossless(text, lines, 5);
    }

    @Test
    void combiningMarksStayWithTheirLetter() {
        String text = "e\u0301e\u0301e\u0301e\u0301";
        List<String> lines = TextWrap.lines(text, 2, Breaks.SPACES);
        assertEquals(List.of("e\u0301e\u0301", "e\u0301e\u0301"), lines);
    }

    @Test
    void runsOfSpacesAndLeadingSpacesAreKept() {
        String text = "  indented  text with   gaps";
        List<String> lines = TextWrap.lines(text, 12, Breaks.SPACES);
        assertLossless(text, lines, 12);
        assertEquals("  indented  ", lines.get(0));
    }
}
