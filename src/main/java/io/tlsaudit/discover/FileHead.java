package io.tlsaudit.discover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The CRC-32 of a file's first kilobyte (its header, with the creation time): equal for copies of a file and for a
 * file that only grew, different for one that was replaced.
 */
public final class FileHead {

    /** How many bytes of a file's start the CRC covers at most. */
    public static final int BYTES = 1024;

    private FileHead() {}

    /** The CRC-32 of the first {@code min(length, BYTES)} bytes of {@code file}. */
    public static long crc(Path file, long length) throws IOException {
        try (InputStream input = Files.newInputStream(file)) {
            byte[] head = input.readNBytes((int) Math.min(length, BYTES));
            return crc(head, head.length);
        }
    }

    /** The CRC-32 of the first {@code min(length, BYTES)} bytes of {@code head}. */
    static long crc(byte[] head, int length) {
        CRC32 crc = new CRC32();
        crc.update(head, 0, Math.min(length, BYTES));
        return crc.getValue();
    }
}
