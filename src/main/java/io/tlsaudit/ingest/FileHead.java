package io.tlsaudit.ingest;

import io.tlsaudit.store.IngestLedger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/** The CRC-32 of a file's first bytes: equal for a file that only grew, different for one that was replaced. */
final class FileHead {

    private FileHead() {}

    /** The CRC-32 of the first {@code min(length, HEAD_BYTES)} bytes. */
    static long crc(Path file, long length) throws IOException {
        int count = (int) Math.min(length, IngestLedger.FileRecord.HEAD_BYTES);
        try (InputStream input = Files.newInputStream(file)) {
            byte[] head = input.readNBytes(count);
            CRC32 crc = new CRC32();
            crc.update(head);
            return crc.getValue();
        }
    }
}
