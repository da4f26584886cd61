package io.tlsaudit.parse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The part of a log file that ends in a line terminator. Log writers flush through a buffer, so a file still being
 * written usually ends in half a line (docs/log-formats.md, 'Live files and partial last lines'): readers stop
 * before it and a later run reads it whole.
 */
public final class CompleteLines {

    private static final int TAIL_CHUNK = 8192;

    private CompleteLines() {}

    /**
     * The number of bytes of {@code file} up to and including its last {@code LF}; 0 when there is none. Reads
     * backwards from the end, so the cost does not grow with the file.
     */
    public static long completeLength(Path file) throws IOException {
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            long size = input.length();
            byte[] chunk = new byte[TAIL_CHUNK];
            long end = size;
            while (end > 0) {
                int length = (int) Math.min(TAIL_CHUNK, end);
                long start = end - length;
                input.seek(start);
                input.readFully(chunk, 0, length);
                for (int i = length - 1; i >= 0; i--) {
                    if (chunk[i] == '\n') {
                        return start + i + 1;
                    }
                }
                end = start;
            }
            return 0;
        }
    }
}
