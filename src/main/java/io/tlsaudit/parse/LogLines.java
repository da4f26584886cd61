package io.tlsaudit.parse;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.zip.CRC32;

/**
 * The complete lines of a log file as byte ranges in one large reused buffer: no String, no copy per line. Only the
 * part of the file up to its last line terminator is read (docs/log-formats.md, 'Live files and partial last
 * lines'); a UTF-8 byte-order mark is skipped and a UTF-16 one refused; lines end at LF, and a CR before the LF is
 * not part of the line (a CR anywhere else is data: writers escape CR inside values as the two characters
 * {@code \r}, so a lone CR is damage that must stay visible).
 *
 * <p>{@link #next()} moves to the next physical line; {@link #bytes()}, {@link #start()} and {@link #end()} locate
 * it and stay valid until the next call. A line longer than the cap is not kept: {@link #wasCut()} says so and the
 * range then holds only its first bytes, enough to quote it, while the rest is skipped up to its line terminator,
 * so a run of garbage without line ends (a preallocated file of NUL bytes) costs neither memory nor the lines after
 * it.
 *
 * <p>It counts and checksums the bytes it consumes ({@link ReadProgress}), so a whole read leaves the CRC the
 * ledger keeps without reading the file again. Not thread-safe; the caller closes it.
 */
public final class LogLines implements Closeable, ReadProgress {

    /** Longest line kept, in bytes without its terminator; a longer one is cut. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    /** The buffer a reader starts with (less for a smaller file); it grows only for a line longer than this. */
    public static final int DEFAULT_BUFFER_BYTES = 1 << 20;

    /** How much of a cut line is kept for the message that quotes it. */
    private static final int CUT_HEAD_BYTES = 4 * (LineProblem.EXCERPT_LIMIT + 1);

    private final ReadableByteChannel channel;
    private final long completeBytes;
    private final int maxLineBytes;
    private final boolean fromStart;
    private final CRC32 crc = new CRC32();
    private final byte[] cutHead = new byte[CUT_HEAD_BYTES];
    private byte[] buffer;
    private long bytesRead;
    private int position;
    private int limit;
    private boolean endOfInput;

    private byte[] lineBytes;
    private int lineStart;
    private int lineEnd;
    private boolean lineCut;
    /** High bits of the bytes of the line being found so far: a byte that is not ASCII sets one. */
    private long lineHighBits;

    private boolean repeatLine;
    private boolean hasLine;

    private LogLines(
            ReadableByteChannel channel, long completeBytes, long byteOffset, int bufferBytes, int maxLineBytes) {
        this.channel = channel;
        this.completeBytes = completeBytes;
        this.maxLineBytes = maxLineBytes;
        this.fromStart = byteOffset == 0;
        this.bytesRead = byteOffset;
        this.buffer = new byte[bufferBytes];
        this.lineBytes = buffer;
    }

    /**
     * Opens {@code file} at {@code byteOffset}, a line boundary an earlier read stopped at (0 for the start).
     *
     * @param fileName how messages name the file
     * @throws IOException when the file cannot be read, when it is now shorter than the offset, or when it starts
     *     with a UTF-16 byte-order mark, which neither Exchange nor IIS writes
     */
    public static LogLines open(Path file, String fileName, long byteOffset) throws IOException {
        return open(file, fileName, byteOffset, DEFAULT_BUFFER_BYTES, MAX_LINE_BYTES);
    }

    /**
     * As {@link #open(Path, String, long)} with another start buffer (at least 8 bytes) and line cap: tests use small
     * ones to put line ends at buffer boundaries.
     */
    public static LogLines open(Path file, String fileName, long byteOffset, int bufferBytes, int maxLineBytes)
            throws IOException {
        long completeBytes = CompleteLines.completeLength(file);
        if (completeBytes < byteOffset) {
            throw new IOException(fileName + ": shorter than when it was last read");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(byteOffset);
            // A small file, or the few new lines of a growing one, needs no megabyte.
            int size = (int) Math.max(8, Math.min(bufferBytes, completeBytes - byteOffset));
            return started(new LogLines(channel, completeBytes, byteOffset, size, maxLineBytes), fileName);
        } catch (IOException | RuntimeException failure) {
            channel.close();
            throw failure;
        }
    }

    /** {@code lines} past the byte order mark a log may start with, when they start at the log's first byte. */
    private static LogLines started(LogLines lines, String fileName) throws IOException {
        if (lines.fromStart) {
            lines.skipByteOrderMark(fileName);
        }
        return lines;
    }

    /**
     * Reads {@code content}, a log that can no longer grow (a member of an archive), to its end: a last line without
     * a terminator is a line, not half of one still being written.
     *
     * @param fileName how messages name it
     * @throws IOException as {@link #open(Path, String, long)}
     */
    public static LogLines open(InputStream content, String fileName, int bufferBytes) throws IOException {
        return open(content, fileName, bufferBytes, 0);
    }

    /**
     * As {@link #open(InputStream, String, int)}, from {@code byteOffset}, a line boundary an earlier read of the same
     * content stopped at: the bytes before it are read past, since a stream cannot be positioned.
     */
    public static LogLines open(InputStream content, String fileName, int bufferBytes, long byteOffset)
            throws IOException {
        ReadableByteChannel channel = Channels.newChannel(content);
        try {
            long skipped = 0;
            byte[] discard = new byte[1 << 16];
            while (skipped < byteOffset) {
                int read = content.read(discard, 0, (int) Math.min(discard.length, byteOffset - skipped));
                if (read < 0) {
                    throw new IOException(fileName + ": shorter than when it was last read");
                }
                skipped += read;
            }
            return started(new LogLines(channel, Long.MAX_VALUE, byteOffset, bufferBytes, MAX_LINE_BYTES), fileName);
        } catch (IOException | RuntimeException failure) {
            channel.close();
            throw failure;
        }
    }

    private void skipByteOrderMark(String fileName) throws IOException {
        while (limit < 3 && fill()) {
            // a mark is three bytes at most; a file may deliver fewer per read
        }
        switch (TextEncoding.byteOrderMark(buffer, limit)) {
            case UTF_8 -> position = 3;
            case UTF_16 ->
                throw new IOException(fileName + ": starts with a UTF-16 byte-order mark; expected UTF-8"
                        + " (convert the file back to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8)");
            case NONE -> {}
        }
    }

    /**
     * Bytes this reader covers: the file up to its last line terminator when it was opened; {@link Long#MAX_VALUE}
     * for a log read to its end ({@link #open(InputStream, String, int)}), where {@link #bytesRead()} tells.
     */
    public long completeBytes() {
        return completeBytes;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public OptionalLong contentCrc() {
        return fromStart ? OptionalLong.of(crc.getValue()) : OptionalLong.empty();
    }

    /**
     * Moves to the next line; false at the end of the complete lines. A file that shrinks while it is read ends
     * early, and then a last line without terminator is returned as it is.
     */
    public boolean next() throws IOException {
        if (repeatLine) {
            repeatLine = false;
            return hasLine;
        }
        hasLine = readLine();
        return hasLine;
    }

    /** Makes the next {@link #next()} return the current line again: a reader that looked ahead one line. */
    public void repeat() {
        repeatLine = true;
    }

    /** The array holding the current line. */
    public byte[] bytes() {
        return lineBytes;
    }

    /** Where the current line starts in {@link #bytes()}. */
    public int start() {
        return lineStart;
    }

    /** Where the current line ends in {@link #bytes()}: before its CR LF or LF. */
    public int end() {
        return lineEnd;
    }

    /** True when every byte of the current line is ASCII, so its UTF-8 needs no checking. */
    public boolean isAscii() {
        return (lineHighBits & ByteScan.HIGHS) == 0;
    }

    /** True when the current line was longer than the cap: the range holds only its first bytes. */
    public boolean wasCut() {
        return lineCut;
    }

    private boolean readLine() throws IOException {
        lineCut = false;
        lineHighBits = 0;
        int scanFrom = position;
        while (true) {
            int lineFeed = indexOfLineFeed(scanFrom, limit);
            if (lineFeed >= 0) {
                int end = lineFeed > position && buffer[lineFeed - 1] == '\r' ? lineFeed - 1 : lineFeed;
                setLine(position, end);
                position = lineFeed + 1;
                return true;
            }
            if (limit - position > maxLineBytes + 1) {
                // No terminator within cap + CR bytes: too long whatever follows.
                skipRestOfLongLine();
                return true;
            }
            if (endOfInput) {
                if (position == limit) {
                    return false;
                }
                // The file shrank under the reader: its last bytes are a line of their own, a trailing CR kept.
                setLine(position, limit);
                position = limit;
                return true;
            }
            int scanned = limit - position;
            makeRoomAndFill();
            scanFrom = position + scanned;
        }
    }

    private void setLine(int start, int end) {
        if (end - start > maxLineBytes) {
            keepHeadOfCutLine(start, end);
        } else {
            lineBytes = buffer; // perhaps grown since the line began
            lineStart = start;
            lineEnd = end;
        }
    }

    private void keepHeadOfCutLine(int start, int end) {
        int kept = Math.min(CUT_HEAD_BYTES, end - start);
        System.arraycopy(buffer, start, cutHead, 0, kept);
        lineBytes = cutHead;
        lineStart = 0;
        lineEnd = kept;
        lineCut = true;
    }

    /** Keeps the head of an over-long line and drops bytes up to and including its line feed. */
    private void skipRestOfLongLine() throws IOException {
        keepHeadOfCutLine(position, limit);
        position = limit;
        while (true) {
            if (position == limit) {
                limit = 0;
                position = 0;
                if (!fill()) {
                    return;
                }
            }
            int lineFeed = ByteScan.indexOfLineFeed(buffer, position, limit);
            if (lineFeed >= 0) {
                position = lineFeed + 1;
                return;
            }
            position = limit;
        }
    }

    /**
     * {@link ByteScan#indexOfLineFeed} that also gathers the high bits of the bytes before the LF into {@link
     * #lineHighBits}: the same words are read anyway, so knowing whether a line is ASCII costs nothing more.
     */
    private int indexOfLineFeed(int from, int to) {
        byte[] bytes = buffer;
        long high = 0;
        int i = from;
        for (; i <= to - 8; i += 8) {
            long word = ByteScan.word(bytes, i);
            long found = ByteScan.zeroBytes(word ^ ByteScan.LINE_FEEDS);
            if (found != 0) {
                int index = ByteScan.firstByte(found);
                lineHighBits |= high | (word & ((1L << (index << 3)) - 1));
                return i + index;
            }
            high |= word;
        }
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                lineHighBits |= high;
                return i;
            }
            high |= b;
        }
        lineHighBits |= high;
        return -1;
    }

    /** Moves the unread bytes to the front, grows the buffer when one line fills it, and reads more. */
    private void makeRoomAndFill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, (long) maxLineBytes + 2));
        }
        fill();
    }

    /** Reads into the free end of the buffer; false when nothing more comes. */
    private boolean fill() throws IOException {
        long remaining = completeBytes - bytesRead;
        if (remaining <= 0 || endOfInput) {
            endOfInput = true;
            return false;
        }
        int room = (int) Math.min(buffer.length - limit, remaining);
        if (room == 0) {
            throw new IllegalStateException("no room to read into: a line longer than the cap was not cut");
        }
        int read = channel.read(ByteBuffer.wrap(buffer, limit, room));
        if (read < 0) {
            endOfInput = true; // truncated while read: the count tells how far the read got
            return false;
        }
        crc.update(buffer, limit, read);
        limit += read;
        bytesRead += read;
        if (bytesRead >= completeBytes) {
            endOfInput = true;
        }
        return read > 0 || fill();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
