package io.tlsaudit.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lines as byte ranges: small buffers put every line end, CR LF pair and byte-order mark at a buffer boundary somewhere,
 * and the lines must come out the same as with the default buffer.
 */
class LogLinesTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path folder;

    private Path write(byte[]... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return Files.write(folder.resolve("RECV2024031209-1.LOG"), bytes.toByteArray());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One line as read: its text, and the flags. */
    private record Line(String text, boolean ascii, boolean cut) {
        static Line of(String text) {
            return new Line(text, text.chars().allMatch(c -> c < 0x80), false);
        }
    }

    private static List<Line> readAll(LogLines lines) throws IOException {
        List<Line> all = new ArrayList<>();
        while (lines.next()) {
            String text = new String(lines.bytes(), lines.start(), lines.end() - lines.start(), StandardCharsets.UTF_8);
            all.add(new Line(text, lines.isAscii(), lines.wasCut()));
        }
        assertFalse(lines.next(), "next() after the end");
        return all;
    }

    private List<Line> read(Path file, int bufferBytes, int maxLineBytes) throws IOException {
        try (LogLines lines = LogLines.open(file, "test.LOG", 0, bufferBytes, maxLineBytes)) {
            return readAll(lines);
        }
    }

    @ParameterizedTest(name = "buffer of {0} bytes")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 16, 17, 23, 31, 64, 1 << 20})
    void readsTheSameLinesWhereverTheBufferEnds(int bufferBytes) throws IOException {
        // CR LF pairs, LF alone, an empty line, a lone CR kept as data, non-ASCII text, and a line longer than any
        // small buffer; with every buffer size some CR falls at a buffer's last byte and its LF at the next one's
        // first.
        String longLine = "2024-03-12T08:59:48.871Z," + "x".repeat(200);
        Path file = write(
                BOM,
                utf8("#Software: Microsoft Exchange Server\r\n"),
                utf8("a,b,c\r\n"),
                utf8("\r\n"),
                utf8("lone\rcarriage return\n"),
                utf8("Gebäude,Соединитель\r\n"),
                utf8(longLine + "\r\n"),
                utf8("last\n"));

        List<Line> expected = List.of(
                Line.of("#Software: Microsoft Exchange Server"),
                Line.of("a,b,c"),
                Line.of(""),
                Line.of("lone\rcarriage return"),
                Line.of("Gebäude,Соединитель"),
                Line.of(longLine),
                Line.of("last"));
        assertEquals(expected, read(file, bufferBytes, LogLines.MAX_LINE_BYTES));
    }

    /** Line ends as files copied from Windows and back have them; the lines each holds. */
    private static final Object[][] LINE_ENDS = {
        {"CR LF", "a,b\r\nc,d\r\n", List.of("a,b", "c,d")},
        {"LF alone", "a,b\nc,d\n", List.of("a,b", "c,d")},
        {"lone CR kept as data", "a\rb\n", List.of("a\rb")},
        {"CR LF, LF and a lone CR mixed", "a\r\nb\nc\rd\r\n", List.of("a", "b", "c\rd")},
        {"only the CR right before LF dropped", "a\r\r\nb\n", List.of("a\r", "b")},
        {"only CR LF", "\r\n", List.of("")},
        {"blank CR LF lines", "\r\n\r\n\r\n", List.of("", "", "")},
        {"escaped CR LF letters untouched", "a\\r\\nb\r\n", List.of("a\\r\\nb")},
        {"only CR: no complete line", "\r", List.of()},
        {"no terminator: no complete line", "abc", List.of()},
        {"empty file", "", List.of()},
    };

    static Stream<Arguments> lineEnds() {
        List<Arguments> arguments = new ArrayList<>();
        for (int bufferBytes : new int[] {8, 9, LogLines.DEFAULT_BUFFER_BYTES}) {
            for (Object[] row : LINE_ENDS) {
                arguments.add(Arguments.of(row[0], bufferBytes, row[1], row[2]));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}, buffer of {1} bytes")
    @MethodSource("lineEnds")
    void endsLinesAtLineFeedsDroppingOnlyTheCarriageReturnBeforeOne(
            String description, int bufferBytes, String content, List<String> expected) throws IOException {
        List<Line> lines = read(write(utf8(content)), bufferBytes, LogLines.MAX_LINE_BYTES);
        assertEquals(expected.stream().map(Line::of).toList(), lines);
    }

    @ParameterizedTest(name = "buffer of {0} bytes")
    @ValueSource(ints = {8, 13, 64, 1 << 20})
    void cutsLineLongerThanTheCapKeepingItsStartAndReadsOn(int bufferBytes) throws IOException {
        String tooLong = "y".repeat(100);
        Path file = write(utf8("first\r\n" + tooLong + "\r\n" + "z".repeat(32) + "\r\nafter\r\n"));

        List<Line> lines = read(file, bufferBytes, 32);

        assertEquals(Line.of("first"), lines.get(0));
        assertTrue(lines.get(1).cut(), "over the cap");
        assertTrue(tooLong.startsWith(lines.get(1).text()), lines.get(1).text());
        assertEquals(Line.of("z".repeat(32)), lines.get(2), "exactly the cap, CR not counted");
        assertEquals(Line.of("after"), lines.get(3));
        assertEquals(4, lines.size());
    }

    @Test
    void keepsEnoughOfACutLineToQuoteIt() throws IOException {
        String tooLong = "q".repeat(LogLines.MAX_LINE_BYTES + 5000);
        Path file = write(utf8(tooLong + "\nafter\n"));

        List<Line> lines = read(file, LogLines.DEFAULT_BUFFER_BYTES, LogLines.MAX_LINE_BYTES);

        assertTrue(lines.get(0).cut());
        assertTrue(lines.get(0).text().length() > LineProblem.EXCERPT_LIMIT, "more than a message quotes");
        assertEquals(Line.of("after"), lines.get(1));
    }

    @Test
    void stopsBeforeALastLineWithoutLineFeedAndAtACarriageReturnWithoutIt() throws IOException {
        assertEquals(List.of(Line.of("done")), read(write(utf8("done\r\nhalf a li")), 8, 64));
        assertEquals(List.of(Line.of("done")), read(write(utf8("done\r\nwhole but\r")), 8, 64));
    }

    @Test
    void repeatsTheCurrentLineOnce() throws IOException {
        try (LogLines lines = LogLines.open(write(utf8("one\ntwo\n")), "test.LOG", 0)) {
            assertTrue(lines.next());
            lines.repeat();
            assertTrue(lines.next());
            assertEquals(
                    "one",
                    new String(lines.bytes(), lines.start(), lines.end() - lines.start(), StandardCharsets.UTF_8));
            assertTrue(lines.next());
            assertEquals(
                    "two",
                    new String(lines.bytes(), lines.start(), lines.end() - lines.start(), StandardCharsets.UTF_8));
            assertFalse(lines.next());
        }
    }

    @Test
    void countsAndChecksumsEveryByteOfAReadFromTheStart() throws IOException {
        byte[] content = utf8("#Fields: a\r\n" + "row\r\n".repeat(100));
        Path file = write(BOM, content, utf8("partial"));
        try (LogLines lines = LogLines.open(file, "test.LOG", 0, 16, 64)) {
            readAll(lines);
            CRC32 crc = new CRC32();
            crc.update(BOM);
            crc.update(content);
            assertEquals(BOM.length + content.length, lines.bytesRead());
            assertEquals(OptionalLong.of(crc.getValue()), lines.contentCrc());
            assertEquals(BOM.length + content.length, lines.completeBytes());
        }
    }

    @Test
    void readsOnFromAnOffsetWithoutChecksumOrByteOrderMark() throws IOException {
        // Three bytes at the offset that look like a BOM are data there.
        Path file = write(utf8("first\n"), BOM, utf8("second\n"));
        try (LogLines lines = LogLines.open(file, "test.LOG", 6)) {
            List<Line> read = readAll(lines);
            assertEquals(1, read.size());
            assertEquals("\uFEFFsecond", read.get(0).text());
            assertEquals(Files.size(file), lines.bytesRead());
            assertEquals(OptionalLong.empty(), lines.contentCrc());
        }
    }

    @Test
    void refusesAnOffsetBeyondTheCompleteLines() throws IOException {
        Path file = write(utf8("first\nsecond"));
        IOException thrown = assertThrows(IOException.class, () -> LogLines.open(file, "test.LOG", 7));
        assertEquals("test.LOG: shorter than when it was last read", thrown.getMessage());
    }

    @Test
    void refusesUtf16ButNotAFileTooShortToTell() throws IOException {
        Path utf16 = write(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0, '\n', 0});
        IOException thrown = assertThrows(IOException.class, () -> LogLines.open(utf16, "test.LOG", 0));
        assertTrue(
                thrown.getMessage().startsWith("test.LOG: starts with a UTF-16 byte-order mark"), thrown.getMessage());

        assertEquals(List.of(Line.of("")), read(write(new byte[] {'\n'}), 8, 64));
        assertEquals(List.of(), read(write(BOM), 8, 64), "no complete line: nothing read, nothing refused");
    }

    @Test
    void skipsByteOrderMarkOfUtf8() throws IOException {
        try (LogLines lines = LogLines.open(write(BOM, utf8("x\n")), "test.LOG", 0, 8, 64)) {
            assertTrue(lines.next());
            assertArrayEquals(utf8("x"), java.util.Arrays.copyOfRange(lines.bytes(), lines.start(), lines.end()));
        }
    }
}
