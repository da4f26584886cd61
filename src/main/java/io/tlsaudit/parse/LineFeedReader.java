package io.tlsaudit.parse;

import java.io.IOException;
import java.io.Reader;

/**
 * Turns CRLF into LF so one parser setting reads files written by Exchange (CRLF) and files that lost their CR when
 * copied (LF), even mixed within a file. A CR not followed by LF is kept as data: writers escape CR inside values as
 * the two characters {@code \r}, so a lone CR is damage, and dropping it would hide that. Closing it closes the wrapped reader.
 */
public final class LineFeedReader extends Reader {

    private final Reader in;
    private final char[] chunk = new char[16384];
    private int position;
    private int limit;
    private boolean endOfInput;

    public LineFeedReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int written = 0;
        while (written < length) {
            if (position == limit && !refill(false)) {
                break;
            }
            char c = chunk[position];
            if (c == '\r') {
                if (position + 1 == limit) {
                    // The CR ends the chunk: read on to see whether LF follows.
                    if (!refill(true)) {
                        buffer[offset + written++] = '\r';
                        position++;
                    }
                    continue;
                }
                if (chunk[position + 1] == '\n') {
                    position++;
                    continue;
                }
            }
            buffer[offset + written++] = c;
            position++;
        }
        return written == 0 && length > 0 ? -1 : written;
    }

    /** Reads the next chunk, keeping a trailing CR in front of it when asked; false at the end of the input. */
    private boolean refill(boolean keepCarriageReturn) throws IOException {
        if (endOfInput) {
            return false;
        }
        int kept = keepCarriageReturn ? 1 : 0;
        if (keepCarriageReturn) {
            chunk[0] = '\r';
        }
        int read = in.read(chunk, kept, chunk.length - kept);
        position = 0;
        if (read < 0) {
            endOfInput = true;
            limit = kept;
            return false;
        }
        limit = kept + read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
