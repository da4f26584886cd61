package io.tlsaudit.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Optional;

/** Byte-order marks at the start of a log: UTF-8's is skipped; UTF-16's names an encoding the logs never use. */
public final class TextEncoding {

    private TextEncoding() {}

    /** The byte-order mark a file starts with, as far as the logs care. */
    public enum ByteOrderMark {
        NONE,
        /** {@code EF BB BF}, three bytes to skip. */
        UTF_8,
        /** {@code FF FE} or {@code FE FF} (UTF-32 LE starts like UTF-16 LE): an encoding the logs never use. */
        UTF_16
    }

    /** The mark at the start of the first {@code length} bytes of a file. */
    public static ByteOrderMark byteOrderMark(byte[] head, int length) {
        if (length >= 2
                && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                        || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            return ByteOrderMark.UTF_16;
        }
        boolean utf8 = length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        return utf8 ? ByteOrderMark.UTF_8 : ByteOrderMark.NONE;
    }

    /**
     * Skips a UTF-8 byte-order mark, if any, and returns the stream positioned at the first character. Returns
     * empty (leaving the stream unusable) with the caller expected to reject the file when it starts with a UTF-16
     * or UTF-32 mark.
     */
    public static Optional<InputStream> skipUtf8Bom(InputStream input) throws IOException {
        PushbackInputStream stream = new PushbackInputStream(input, 3);
        byte[] head = new byte[3];
        int read = stream.readNBytes(head, 0, 3);
        ByteOrderMark mark = byteOrderMark(head, read);
        if (mark == ByteOrderMark.UTF_16) {
            return Optional.empty();
        }
        if (mark == ByteOrderMark.NONE && read > 0) {
            stream.unread(head, 0, read);
        }
        return Optional.of(stream);
    }
}
