package io.tlsaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CRLF to LF (copied files may have lost the CR), whatever the wrapped reader's chunking. */
class LineFeedReaderTest {

    /** Hands out {@code text} at most {@code chunkSize} characters per read, like a slow stream. */
    private static final class ChunkedReader extends Reader {
        private final String text;
        private final int chunkSize;
        private int position;
        boolean closed;

        ChunkedReader(String text, int chunkSize) {
            this.text = text;
            this.chunkSize = chunkSize;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position >= text.length()) {
                return -1;
            }
            int count = Math.min(Math.min(length, chunkSize), text.length() - position);
            text.getChars(position, position + count, buffer, offset);
            position += count;
            return count;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Reads everything through a small buffer, so the caller's buffer also ends mid-line. */
    private static String drain(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4];
        int read;
        while ((read = reader.read(buffer, 0, buffer.length)) >= 0) {
            assertTrue(read > 0, "a read returned 0 characters");
            text.append(buffer, 0, read);
        }
        return text.toString();
    }

    private static final String[][] CASES = {
        {"CRLF becomes LF", "a,b\r\nc,d\r\n", "a,b\nc,d\n"},
        {"lone LF kept", "a,b\nc,d\n", "a,b\nc,d\n"},
        {"lone CR kept", "a\rb\n", "a\rb\n"},
        {"mixed CRLF, LF and CR", "a\r\nb\nc\rd\r\n", "a\nb\nc\rd\n"},
        {"CR before CRLF", "a\r\r\nb", "a\r\nb"},
        {"CR at end of input", "abc\r", "abc\r"},
        {"only CR", "\r", "\r"},
        {"only CRLF", "\r\n", "\n"},
        {"blank CRLF lines", "\r\n\r\n\r\n", "\n\n\n"},
        {"no terminator", "abc", "abc"},
        {"empty input", "", ""},
        {"escaped CR LF letters untouched", "a\\r\\nb\r\n", "a\\r\\nb\n"},
    };

    static Stream<Arguments> cases() {
        List<Arguments> arguments = new ArrayList<>();
        // 1: one char per read; 2 and 3 split many CR|LF pairs across reads; MAX_VALUE: one read.
        for (int chunkSize : new int[] {1, 2, 3, Integer.MAX_VALUE}) {
            for (String[] row : CASES) {
                arguments.add(Arguments.of(row[0], chunkSize, row[1], row[2]));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}, {1} chars per read")
    @MethodSource("cases")
    void normalisesLineEnds(String description, int chunkSize, String input, String expected) throws IOException {
        try (Reader reader = new LineFeedReader(new ChunkedReader(input, chunkSize))) {
            assertEquals(expected, drain(reader));
        }
    }

    @Test
    void joinsCrLfSplitAcrossTwoReadsOfTheWrappedReader() throws IOException {
        // Chunks "ab\r" | "\ncd\r" | "\n": each CR is the last character its read returned.
        try (Reader reader = new LineFeedReader(new ChunkedReader("ab\r\ncd\r\n", 3))) {
            assertEquals("ab\ncd\n", drain(reader));
        }
    }

    @Test
    void keepsLoneCrSplitFromFollowingTextAcrossReads() throws IOException {
        try (Reader reader = new LineFeedReader(new ChunkedReader("ab\rcd", 3))) {
            assertEquals("ab\rcd", drain(reader));
        }
    }

    @Test
    void joinsCrLfAtTheEndOfItsOwnInternalBuffer() throws IOException {
        // The reader pulls 16384 characters at a time: put the CR at the last position of the first pull.
        String head = "x".repeat(16383);
        try (Reader reader = new LineFeedReader(new StringReader(head + "\r\ny\r\n"))) {
            assertEquals(head + "\ny\n", drain(reader));
        }
        try (Reader reader = new LineFeedReader(new StringReader(head + "\r"))) {
            assertEquals(head + "\r", drain(reader));
        }
        try (Reader reader = new LineFeedReader(new StringReader(head + "\rz"))) {
            assertEquals(head + "\rz", drain(reader));
        }
    }

    @Test
    void readsOneCharacterAtATime() throws IOException {
        try (Reader reader = new LineFeedReader(new ChunkedReader("a\r\n\rb", 1))) {
            assertEquals('a', reader.read());
            assertEquals('\n', reader.read());
            assertEquals('\r', reader.read());
            assertEquals('b', reader.read());
            assertEquals(-1, reader.read());
            assertEquals(-1, reader.read());
        }
    }

    @Test
    void returnsZeroForZeroLengthRead() throws IOException {
        try (Reader reader = new LineFeedReader(new StringReader("abc"))) {
            assertEquals(0, reader.read(new char[4], 0, 0));
            assertEquals("abc", drain(reader));
        }
    }

    @Test
    void closesWrappedReader() throws IOException {
        ChunkedReader wrapped = new ChunkedReader("abc", 1);
        new LineFeedReader(wrapped).close();
        assertTrue(wrapped.closed);
    }
}
