package io.tlsaudit.parse.smtp;

import io.tlsaudit.parse.ByteScan;
import io.tlsaudit.parse.IsoTimestamps;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.LineProblemSink;
import io.tlsaudit.parse.LogLines;
import io.tlsaudit.parse.LogReader;
import io.tlsaudit.parse.ReadProgress;
import io.tlsaudit.parse.ResumePoint;
import io.tlsaudit.parse.UtcTimestamps;
import io.tlsaudit.parse.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A pull reader over one Exchange SMTP protocol log: {@link #next()} returns validated rows, with the {@link
 * SmtpFact} each states, until it returns null.
 *
 * <p>It streams (memory does not grow with the file), strips a UTF-8 byte-order mark, accepts CRLF and LF, follows
 * {@code #Fields} and {@code #Log-type} lines wherever they stand, and stops before a last line that has no line
 * terminator because its writer has not finished it. Rows that cannot be used (wrong column count, a date or session
 * id that is a placeholder, an unknown event code) are reported to the {@link LineProblemSink} with file and line
 * and skipped; the reader keeps going. Rows are read as bytes ({@link LogLines}, {@link SmtpRowScanner}); only the
 * values a connection keeps become Strings. Not thread-safe; the caller closes it. Readers share nothing, so each
 * may run on a thread of its own.
 */
public final class SmtpLogReader implements LogReader {

    /** Longest line accepted, in bytes; a longer one is a broken or hostile line, reported and skipped. */
    static final int MAX_LINE_CHARS = LogLines.MAX_LINE_BYTES;

    /** Most physical lines one quoted value may span before the quote is taken as broken. */
    private static final int MAX_JOINED_LINES = 64;

    private final String fileName;
    private final LineProblemSink problems;
    private final LogLines lines;
    private final SmtpRowScanner scanner = new SmtpRowScanner();
    private final RecentTexts<String> connectorNames = new RecentTexts<>(16, name -> name);
    private final SmtpFacts facts = new SmtpFacts();
    private final IsoTimestamps timestamps = new IsoTimestamps();
    private final SmtpRecord row = new SmtpRecord();
    /** A record whose quoted value spans lines, put together here (rare). */
    private byte[] joined = new byte[1024];
    /** No byte of the current record is above 0x7F, so its UTF-8 needs no check. */
    private boolean recordIsAscii;

    private SmtpFieldLayout layout = SmtpFieldLayout.STANDARD;
    private Optional<SmtpDirection> direction = Optional.empty();
    private SmtpDirection directionOrNull;
    private long rowsRead;
    private long lineNumber;
    private long linesRejected;
    private String fieldsLine;
    private String logTypeLine;

    private SmtpLogReader(String fileName, LineProblemSink problems, LogLines lines) {
        this.fileName = fileName;
        this.problems = problems;
        this.lines = lines;
    }

    /**
     * Opens {@code file} for reading up to its last complete line.
     *
     * @param fileName how messages name the file
     * @throws IOException when the file cannot be read, or when it is UTF-16 encoded, which no Exchange build writes
     */
    public static SmtpLogReader open(Path file, String fileName, LineProblemSink problems) throws IOException {
        return open(file, fileName, problems, ResumePoint.START);
    }

    /** Opens {@code file} to read on from where an earlier read stopped. */
    public static SmtpLogReader open(Path file, String fileName, LineProblemSink problems, ResumePoint from)
            throws IOException {
        return open(LogLines.open(file, fileName, from.byteOffset()), fileName, problems, from);
    }

    /** Reads {@code content}, a log that no longer grows (an archive member), from its start to its end. */
    public static SmtpLogReader open(InputStream content, String fileName, LineProblemSink problems)
            throws IOException {
        return open(content, fileName, problems, ResumePoint.START);
    }

    /** Reads {@code content} on from where an earlier read of the same content stopped, to its end. */
    public static SmtpLogReader open(InputStream content, String fileName, LineProblemSink problems, ResumePoint from)
            throws IOException {
        LogLines lines = LogLines.open(content, fileName, LogLines.DEFAULT_BUFFER_BYTES, from.byteOffset());
        return open(lines, fileName, problems, from);
    }

    /** As {@link #open(Path, String, LineProblemSink)} over a line buffer of {@code bufferBytes}: for tests. */
    static SmtpLogReader open(Path file, String fileName, LineProblemSink problems, int bufferBytes)
            throws IOException {
        LogLines lines = LogLines.open(file, fileName, 0, bufferBytes, LogLines.MAX_LINE_BYTES);
        return open(lines, fileName, problems, ResumePoint.START);
    }

    private static SmtpLogReader open(LogLines lines, String fileName, LineProblemSink problems, ResumePoint from) {
        SmtpLogReader reader = new SmtpLogReader(fileName, problems, lines);
        reader.lineNumber = from.linesRead();
        from.logTypeLine().ifPresent(line -> reader.readDirective(line, 0));
        from.fieldsLine().ifPresent(line -> reader.readDirective(line, 0));
        return reader;
    }

    /** Physical lines read so far, including those before a resume point. */
    public long linesRead() {
        return lineNumber;
    }

    /** The last {@code #Fields} line read or resumed with, as written. */
    public Optional<String> fieldsLine() {
        return Optional.ofNullable(fieldsLine);
    }

    /** The last {@code #Log-type} line read or resumed with, as written. */
    public Optional<String> logTypeLine() {
        return Optional.ofNullable(logTypeLine);
    }

    /** The direction from {@code #Log-type}, once the header has been read; empty for other log types. */
    public Optional<SmtpDirection> direction() {
        return direction;
    }

    /** Bytes this reader covers: the file up to its last line terminator when it was opened. */
    public long completeBytes() {
        return lines.completeBytes();
    }

    /** How far the read got through the file, and the checksum of what it read; final once {@link #next()} is null. */
    public ReadProgress progress() {
        return lines;
    }

    /** Data rows returned so far. */
    public long rowsRead() {
        return rowsRead;
    }

    /** Lines skipped as unusable so far. */
    public long linesRejected() {
        return linesRejected;
    }

    /**
     * The next usable data row, or null at the end of the complete lines. The row is this reader's one {@link
     * SmtpRecord}, overwritten by the next call.
     *
     * @throws IOException when reading fails
     */
    public SmtpRecord next() throws IOException {
        while (lines.next()) {
            lineNumber++;
            long recordLine = lineNumber;
            byte[] bytes = lines.bytes();
            int start = lines.start();
            int end = lines.end();
            if (lines.wasCut()) {
                reject(
                        recordLine,
                        "line longer than " + MAX_LINE_CHARS + " characters",
                        Utf8.decode(bytes, start, end));
                continue;
            }
            if (start == end) {
                continue;
            }
            if (bytes[start] == '#') {
                readDirective(Utf8.decode(bytes, start, end), recordLine);
                continue;
            }
            scanner.scan(bytes, start, end);
            int firstLineLength = end - start;
            recordIsAscii = lines.isAscii();
            if ((scanner.quotes() & 1) == 1) {
                end = joinQuotedLines(bytes, start, end);
                start = 0;
                bytes = joined;
            }
            if (scanner.columnCount() > SmtpRowScanner.MAX_COLUMNS) {
                reject(recordLine, "unreadable CSV", Utf8.decode(bytes, start, start + firstLineLength));
                continue;
            }
            scanner.unescape(bytes);
            if (toRecord(bytes, start, end, recordLine)) {
                rowsRead++;
                return row;
            }
        }
        return null;
    }

    /**
     * Exchange writes CR and LF inside values as the characters {@code \r}/{@code \n}, so a record is one line; a
     * quoted value that really spans lines is still accepted, but only while the following lines do not start a
     * record of their own: one stray quote must not swallow the rows after it. The record is put together in {@link
     * #joined}, its lines separated by LF, and scanned again.
     *
     * @return the end of the record in {@link #joined}, which starts at 0
     */
    private int joinQuotedLines(byte[] first, int start, int end) throws IOException {
        int length = end - start;
        ensureJoinedRoom(length);
        System.arraycopy(first, start, joined, 0, length);
        int quotes = scanner.quotes();
        for (int count = 0; count < MAX_JOINED_LINES && (quotes & 1) == 1; count++) {
            if (!lines.next()) {
                break;
            }
            byte[] bytes = lines.bytes();
            int nextStart = lines.start();
            int nextEnd = lines.end();
            int nextLength = nextEnd - nextStart;
            if (lines.wasCut() || startsRecord(bytes, nextStart, nextEnd) || length + nextLength > MAX_LINE_CHARS) {
                lines.repeat(); // read again by the caller, as its own line
                break;
            }
            lineNumber++;
            ensureJoinedRoom(length + 1 + nextLength);
            joined[length++] = '\n';
            System.arraycopy(bytes, nextStart, joined, length, nextLength);
            length += nextLength;
            quotes += countQuotes(bytes, nextStart, nextEnd);
            recordIsAscii &= lines.isAscii();
        }
        scanner.scan(joined, 0, length);
        return length;
    }

    private void ensureJoinedRoom(int length) {
        if (joined.length < length) {
            joined = Arrays.copyOf(joined, Math.max(length, joined.length * 2));
        }
    }

    private static int countQuotes(byte[] bytes, int from, int to) {
        int quotes = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '"') {
                quotes++;
            }
        }
        return quotes;
    }

    /** A header line or a line that begins with a timestamp ({@code 2024-03-12T}) starts a record. */
    private static boolean startsRecord(byte[] bytes, int from, int to) {
        if (to > from && bytes[from] == '#') {
            return true;
        }
        return to - from > 11
                && bytes[from + 4] == '-'
                && bytes[from + 7] == '-'
                && bytes[from + 10] == 'T'
                && bytes[from] >= '0'
                && bytes[from] <= '9';
    }

    private void readDirective(String line, long lineNumber) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return;
        }
        String keyword = line.substring(1, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (keyword.equalsIgnoreCase("Log-type")) {
            direction = SmtpDirection.fromLogType(value);
            directionOrNull = direction.orElse(null);
            logTypeLine = line;
        } else if (keyword.equalsIgnoreCase("Fields")) {
            fieldsLine = line;
            List<String> names = Arrays.asList(value.split(","));
            Optional<SmtpFieldLayout> fields = SmtpFieldLayout.fromNames(names);
            if (fields.isPresent()) {
                layout = fields.get();
            } else {
                reject(
                        lineNumber,
                        "#Fields lacks " + SmtpFieldLayout.missingFrom(names) + "; keeping the previous"
                                + " column layout",
                        line);
            }
        }
    }

    /** Validates the scanned record and points {@link #row} at it; false when it is no data row. */
    private boolean toRecord(byte[] bytes, int start, int end, long lineNumber) {
        int[] starts = scanner.starts();
        int[] ends = scanner.ends();
        int columnCount = scanner.columnCount();
        if (rowsRead == 0 && linesRejected == 0 && isFieldNameRow(bytes, starts[0], ends[0])) {
            // The "CSV compatible" writer mode puts a field-name row before the header (docs/log-formats.md,
            // 'Encoding and double-encoded peer text').
            SmtpFieldLayout.fromNames(columnTexts(bytes)).ifPresent(fields -> layout = fields);
            return false;
        }
        if (columnCount != layout.columnCount) {
            reject(lineNumber, "expected " + layout.columnCount + " columns, found " + columnCount, bytes);
            return false;
        }
        long epochMicros = timestamps.parse(bytes, starts[layout.dateTime], ends[layout.dateTime]);
        if (epochMicros == UtcTimestamps.INVALID) {
            reject(lineNumber, "date-time is not yyyy-MM-ddTHH:mm:ss.fffZ", bytes);
            return false;
        }
        int sessionStart = starts[layout.sessionId];
        int sessionEnd = ends[layout.sessionId];
        long sessionKey = SmtpSessionIds.numericKeyOrMinValue(bytes, sessionStart, sessionEnd);
        boolean numericSessionId =
                sessionKey != Long.MIN_VALUE || SmtpSessionIds.isNumeric(bytes, sessionStart, sessionEnd);
        if (!numericSessionId && !SmtpSessionIds.isValid(bytes, sessionStart, sessionEnd)) {
            reject(lineNumber, "session-id is not a hexadecimal id", bytes);
            return false;
        }
        int sequenceNumber = ByteScan.wholeNumber(bytes, starts[layout.sequenceNumber], ends[layout.sequenceNumber]);
        if (sequenceNumber < 0) {
            reject(lineNumber, "sequence-number is not a whole number", bytes);
            return false;
        }
        SmtpEvent event =
                ends[layout.event] - starts[layout.event] == 1 ? SmtpEvent.fromCode(bytes[starts[layout.event]]) : null;
        if (event == null) {
            reject(lineNumber, "event is not one of + - > < *", bytes);
            return false;
        }
        if (!recordIsAscii && Utf8.showsReplacement(bytes, start, end)) {
            // Kept: the TLS facts of the row are still sound; the message tells the admin the file is damaged.
            problems.report(LineProblem.atLine(
                    fileName, lineNumber, "invalid UTF-8 bytes (shown as U+FFFD); row kept", joinedColumns(bytes)));
        }
        row.reset(bytes, connectorNames, lineNumber, epochMicros, sequenceNumber);
        row.columns(starts, ends, layout);
        row.session(numericSessionId, numericSessionId ? sessionKey : 0);
        row.event(event);
        facts.classify(row, bytes, starts, ends, layout, directionOrNull);
        return true;
    }

    private static boolean isFieldNameRow(byte[] bytes, int from, int to) {
        return Utf8.decode(bytes, from, to).equalsIgnoreCase("date-time");
    }

    private List<String> columnTexts(byte[] bytes) {
        int count = Math.min(scanner.columnCount(), SmtpRowScanner.MAX_COLUMNS);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(Utf8.decode(bytes, scanner.starts()[i], scanner.ends()[i]));
        }
        return texts;
    }

    /** The values of the record joined by commas, as far as a message quotes them. */
    private String joinedColumns(byte[] bytes) {
        StringBuilder line = new StringBuilder();
        int count = Math.min(scanner.columnCount(), SmtpRowScanner.MAX_COLUMNS);
        for (int i = 0; i < count && line.length() <= LineProblem.EXCERPT_LIMIT; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(Utf8.decode(bytes, scanner.starts()[i], scanner.ends()[i]));
        }
        return line.toString();
    }

    private void reject(long lineNumber, String reason, byte[] bytes) {
        reject(lineNumber, reason, joinedColumns(bytes));
    }

    private void reject(long lineNumber, String reason, String line) {
        linesRejected++;
        problems.report(LineProblem.atLine(fileName, lineNumber, reason, line));
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
