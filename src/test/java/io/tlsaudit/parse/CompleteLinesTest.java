package io.tlsaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A growing file is read up to its last line terminator (docs/log-formats.md, 'Live files and partial last lines'). */
class CompleteLinesTest {

    @TempDir
    Path folder;

    private Path write(byte[] bytes) throws IOException {
        return Files.write(folder.resolve("RECV2024031209-1.LOG"), bytes);
    }

    private Path write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ends in CRLF                 | a,b\\r\\nc,d\\r\\n       | 10",
                "ends in LF                   | a,b\\nc,d\\n             | 8",
                "ends mid-line after CRLF     | a,b\\r\\nc,d\\r\\ne,f   | 10",
                "ends mid-line after LF       | a,b\\nc,d\\ne,          | 8",
                "ends between CR and LF       | a,b\\r\\nc,d\\r         | 5",
                "no newline at all            | a,b,c                    | 0",
                "only a CR                    | a,b\\r                   | 0",
                "empty                        | ''                       | 0",
                "one LF                       | \\n                      | 1",
            })
    void measuresBytesUpToLastLineFeed(String description, String escaped, long expected) throws IOException {
        String text = escaped.replace("\\r", "\r").replace("\\n", "\n");
        assertEquals(expected, CompleteLines.completeLength(write(text)));
    }

    @Test
    void countsBytesNotCharactersOfMultiByteText() throws IOException {
        // "ä" is two bytes; the BOM is three.
        Path file = write("\uFEFFGebäude\r\nrest");
        assertEquals(3 + 8 + 2, CompleteLines.completeLength(file));
    }

    @Test
    void findsLastNewlineFarBeforeTheEndOfALargeFile() throws IOException {
        byte[] bytes = new byte[20_000];
        Arrays.fill(bytes, (byte) 'x');
        bytes[99] = '\n'; // the last newline: 19,900 bytes of unfinished line follow
        assertEquals(100, CompleteLines.completeLength(write(bytes)));
    }

    @Test
    void findsLastNewlineJustBeforeTheLastTailChunk() throws IOException {
        // The tail is read backwards in 8192-byte chunks: the newline is the last byte of the second chunk.
        byte[] bytes = new byte[20_000];
        Arrays.fill(bytes, (byte) 'x');
        bytes[20_000 - 8192 - 1] = '\n';
        assertEquals(20_000 - 8192, CompleteLines.completeLength(write(bytes)));
    }

    @Test
    void findsLastNewlineAtTheFirstByteOfTheLastTailChunk() throws IOException {
        byte[] bytes = new byte[20_000];
        Arrays.fill(bytes, (byte) 'x');
        bytes[20_000 - 8192] = '\n';
        bytes[10] = '\n';
        assertEquals(20_000 - 8192 + 1, CompleteLines.completeLength(write(bytes)));
    }

    @Test
    void measuresLargeFileEndingInNewline() throws IOException {
        byte[] bytes = new byte[8192 * 3];
        Arrays.fill(bytes, (byte) 'x');
        bytes[bytes.length - 1] = '\n';
        assertEquals(bytes.length, CompleteLines.completeLength(write(bytes)));
    }

    @Test
    void findsNoCompleteLineInLargeFileWithoutNewline() throws IOException {
        byte[] bytes = new byte[8192 * 2 + 17];
        Arrays.fill(bytes, (byte) 'x');
        assertEquals(0, CompleteLines.completeLength(write(bytes)));
    }
}
