package io.tlsaudit.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One log file being written: lines are appended to {@link #buffer()} and go to disk in large UTF-8 chunks. Counts
 * the bytes written (exactly) and the data rows. Not thread-safe; closed by its writer.
 */
final class LogOutput implements AutoCloseable {

    private static final int CHUNK = 1 << 18;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final OutputStream out;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 8192);
    private long bytes;
    private long rows;

    LogOutput(Path path, boolean byteOrderMark) {
        try {
            Files.createDirectories(path.getParent());
            out = Files.newOutputStream(path);
            if (byteOrderMark) {
                out.write(BOM);
                bytes += BOM.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Where the next line goes; call {@link #rowWritten()} after a data row, nothing after a header line. */
    StringBuilder buffer() {
        return buffer;
    }

    void rowWritten() {
        rows++;
        if (buffer.length() >= CHUNK) {
            flush();
        }
    }

    /** Bytes so far, the unflushed part counted as one byte per character (the roll-over size needs no more). */
    long approximateSize() {
        return bytes + buffer.length();
    }

    long rows() {
        return rows;
    }

    /** Exact bytes written; valid after {@link #close()}. */
    long bytes() {
        return bytes;
    }

    private void flush() {
        byte[] encoded = buffer.toString().getBytes(StandardCharsets.UTF_8);
        try {
            out.write(encoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes += encoded.length;
        buffer.setLength(0);
    }

    @Override
    public void close() {
        flush();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
