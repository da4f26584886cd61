package io.tlsaudit.parse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.zip.CRC32;

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

    /** Opens {@code file} limited to its first {@code length} bytes; the caller closes the stream. */
    public static LimitedInputStream open(Path file, long length) throws IOException {
        return new LimitedInputStream(Files.newInputStream(file), length);
    }

    /**
     * A stream over the first bytes of a file that counts what it delivers (a file truncated while it is read ends
     * early, and the count tells how far the read really got) and checksums it, so a whole read leaves the CRC the
     * ledger keeps without reading the file again.
     */
    public static final class LimitedInputStream extends FilterInputStream implements ReadProgress {
        private final long limit;
        private final CRC32 crc = new CRC32();
        private long remaining;
        private boolean skipped;

        LimitedInputStream(InputStream input, long limit) {
            super(input);
            this.limit = limit;
            this.remaining = limit;
        }

        @Override
        public long bytesRead() {
            return limit - remaining;
        }

        @Override
        public OptionalLong contentCrc() {
            return skipped ? OptionalLong.empty() : OptionalLong.of(crc.getValue());
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int value = super.read();
            if (value >= 0) {
                remaining--;
                crc.update(value);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
                crc.update(buffer, offset, read);
            }
            return read;
        }

        @Override
        public long skip(long count) throws IOException {
            long skippedBytes = super.skip(Math.min(count, remaining));
            remaining -= skippedBytes;
            skipped |= skippedBytes > 0;
            return skippedBytes;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }
    }
}
