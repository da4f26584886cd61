package io.tlsaudit.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Optional;

/** Byte-order marks at the start of a log: UTF-8's is skipped; UTF-16's names an encoding the logs never use. */
public final class TextEncoding {

    private TextEncoding() {}

    /**
     * Skips a UTF-8 byte-order mark, if any, and returns the stream positioned at the first character. Returns
     * empty (leaving the stream unusable) with the caller expected to reject the file when it starts with a UTF-16
     * or UTF-32 mark.
     */
    public static Optional<InputStream> skipUtf8Bom(InputStream input) throws IOException {
        PushbackInputStream stream = new PushbackInputStream(input, 3);
        byte[] head = new byte[3];
        int read = stream.readNBytes(head, 0, 3);
        if (read >= 2
                && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                        || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            return Optional.empty();
        }
        boolean utf8Bom = read == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        if (!utf8Bom && read > 0) {
            stream.unread(head, 0, read);
        }
        return Optional.of(stream);
    }
}
