package io.tlsaudit.parse;

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
}
