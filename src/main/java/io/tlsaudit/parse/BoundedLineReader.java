package io.tlsaudit.parse;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads LF-terminated lines (after {@link LineFeedReader}) with a cap on their length, so a run of garbage without
 * line terminators (a crash-preallocated file full of NUL bytes, a binary file) costs neither memory nor the lines
 * after it. A line over the cap is returned cut, with {@link #lastLineWasCut()} true; the reader then resumes at the
 * next line terminator. Not thread-safe; closing it closes the wrapped reader.
 */
public final class BoundedLineReader implements Closeable {

    private final Reader in;
    private final int maxChars;
    private final char[] chunk = new char[1 << 16];
    private final StringBuilder line = new StringBuilder(256);
    private int position;
    private int limit;
    private boolean lastLineWasCut;

    public BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, or null at the end of the input. */
    public String readLine() throws IOException {
        line.setLength(0);
        lastLineWasCut = false;
        boolean sawAnything = false;
        while (true) {
            if (position == limit) {
                limit = in.read(chunk, 0, chunk.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return sawAnything ? line.toString() : null;
                }
            }
            sawAnything = true;
            int start = position;
            while (position < limit && chunk[position] != '\n') {
                position++;
            }
            int room = maxChars - line.length();
            int length = position - start;
            if (length > room) {
                lastLineWasCut = true;
                length = Math.max(room, 0);
            }
            line.append(chunk, start, length);
            if (position < limit) {
                position++; // the LF
                return line.toString();
            }
        }
    }

    /** True when the line last returned was longer than the cap and has been cut. */
    public boolean lastLineWasCut() {
        return lastLineWasCut;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
