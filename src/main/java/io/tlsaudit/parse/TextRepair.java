package io.tlsaudit.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Undoes the ISO-8859-1 to UTF-8 conversion Exchange applies to raw SMTP lines (docs/log-formats.md, 'Encoding and
 * double-encoded peer text').
 */
public final class TextRepair {

    private TextRepair() {}

    /**
     * Recovers text a peer sent as UTF-8 that Exchange logged double-encoded ({@code Ã©} back to {@code é}). ASCII
     * text returns as it is, without copying; text that does not decode back is also returned unchanged.
     */
    public static String undoLatin1Mojibake(String text) {
        boolean ascii = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                ascii = false;
                if (c > 0xff) {
                    return text; // not Latin-1 bytes: this value was not converted
                }
            }
        }
        if (ascii) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return text;
        }
    }
}
