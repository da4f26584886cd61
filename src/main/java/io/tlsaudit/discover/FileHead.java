package io.tlsaudit.discover;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * CRC-32 checksums of a file's first kilobyte (its header, with the creation time: equal for copies of a file,
 * different for a file replaced by another) and of the bytes just before a given length (equal only if what was read
 * up to there is still there). Together they tell a file that only grew from one that was replaced, truncated or
 * rewritten, at the cost of reading 5 KiB.
 */
public final class FileHead {

    /** How many bytes of a file's start the head CRC covers at most. */
    public static final int BYTES = 1024;

    /** How many bytes before a length the tail CRC covers at most. */
    public static final int TAIL_BYTES = 4096;

    private FileHead() {}

    /**
     * The checksums of the first {@code length} bytes of a file.
     *
     * @param head CRC-32 of the first {@code min(length, BYTES)} bytes
     * @param tail CRC-32 of the {@code min(length, TAIL_BYTES)} bytes that end at {@code length}
     */
    public record Fingerprint(long head, long tail) {}

    /** The CRC-32 of the first {@code min(length, BYTES)} bytes of {@code file}. */
    public static long crc(Path file, long length) throws IOException {
        try (InputStream input = Files.newInputStream(file)) {
            byte[] head = input.readNBytes((int) Math.min(length, BYTES));
            return crc(head, head.length);
        }
    }

    /**
     * The fingerprint of the first {@code length} bytes of {@code file}; a file now shorter than {@code length} gets
     * the checksums of what it has, which match no fingerprint taken at the full length.
     */
    public static Fingerprint fingerprint(Path file, long length) throws IOException {
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            byte[] head = new byte[(int) Math.min(length, BYTES)];
            int headLength = readAt(input, 0, head);
            int tailSize = (int) Math.min(length, TAIL_BYTES);
            byte[] tail = new byte[tailSize];
            int tailLength = readAt(input, length - tailSize, tail);
            CRC32 tailCrc = new CRC32();
            tailCrc.update(tail, 0, tailLength);
            // A short read (the file shrank) mixes the length into the checksum so it cannot match by accident.
            if (headLength < head.length || tailLength < tailSize) {
                tailCrc.update(new byte[] {(byte) tailLength, (byte) (tailLength >> 8), 1});
            }
            return new Fingerprint(crc(head, headLength), tailCrc.getValue());
        }
    }

    /**
     * The fingerprint of the first {@code length} bytes of {@code input}, a log that cannot be read at an offset (an
     * archive member), read from its start; {@code endsThere} tells whether the content ends at {@code length}.
     */
    public record StreamFingerprint(Fingerprint fingerprint, boolean endsThere) {}

    /** {@link #fingerprint(Path, long)} of a stream; reads up to {@code length + 1} bytes and leaves it open. */
    public static StreamFingerprint fingerprint(InputStream input, long length) throws IOException {
        int tailSize = (int) Math.min(length, TAIL_BYTES);
        byte[] head = new byte[(int) Math.min(length, BYTES)];
        byte[] tail = new byte[tailSize];
        byte[] buffer = new byte[1 << 16];
        long position = 0;
        int headLength = 0;
        while (position < length) {
            int read = input.read(buffer, 0, (int) Math.min(buffer.length, length - position));
            if (read < 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                long at = position + i;
                if (at < head.length) {
                    head[(int) at] = buffer[i];
                    headLength++;
                }
                long fromTailStart = at - (length - tailSize);
                if (fromTailStart >= 0) {
                    tail[(int) fromTailStart] = buffer[i];
                }
            }
            position += read;
        }
        if (position < length) {
            // Shorter than that: checksums no content of that length gives.
            return new StreamFingerprint(new Fingerprint(-2, -2), false);
        }
        CRC32 tailCrc = new CRC32();
        tailCrc.update(tail, 0, tailSize);
        boolean endsThere = input.read() < 0;
        return new StreamFingerprint(new Fingerprint(crc(head, headLength), tailCrc.getValue()), endsThere);
    }

    private static int readAt(RandomAccessFile input, long position, byte[] buffer) throws IOException {
        input.seek(position);
        int total = 0;
        while (total < buffer.length) {
            int read = input.read(buffer, total, buffer.length - total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    /**
     * The CRC-32 of the first {@code length} bytes of {@code file}, all of them: what tells a file whose modification
     * time alone changed (a backup or virus scanner touched it) from one rewritten in place to the same size.
     */
    public static long contentCrc(Path file, long length) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream input = Files.newInputStream(file)) {
            long remaining = length;
            while (remaining > 0) {
                int read = input.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    // Shorter than that: a value no complete read of the length gives.
                    crc.update(new byte[] {2, (byte) remaining});
                    break;
                }
                crc.update(buffer, 0, read);
                remaining -= read;
            }
        }
        return crc.getValue();
    }

    /** The CRC-32 of the first {@code min(length, BYTES)} bytes of {@code head}. */
    static long crc(byte[] head, int length) {
        CRC32 crc = new CRC32();
        crc.update(head, 0, Math.min(length, BYTES));
        return crc.getValue();
    }
}
