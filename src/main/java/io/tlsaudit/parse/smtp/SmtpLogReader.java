package io.tlsaudit.parse.smtp;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.tlsaudit.parse.BoundedLineReader;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.LineProblemSink;
import io.tlsaudit.parse.LogText;
import io.tlsaudit.parse.ReadProgress;
import io.tlsaudit.parse.ResumePoint;
import io.tlsaudit.parse.UtcTimestamps;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A pull reader over one Exchange SMTP protocol log: {@link #next()} returns validated rows until it returns null.
 *
 * <p>It streams (memory does not grow with the file), strips a UTF-8 byte-order mark, accepts CRLF and LF, follows
 * {@code #Fields} and {@code #Log-type} lines wherever they stand, and stops before a last line that has no line
 * terminator because its writer has not finished it. Rows that cannot be used (wrong column count, a date or session
 * id that is a placeholder, an unknown event code) are reported to the {@link LineProblemSink} with file and line
 * and skipped; the reader keeps going. Not thread-safe; the caller closes it.
 */
public final class SmtpLogReader implements Closeable {

    /** Longest line accepted; a longer one is a broken or hostile line, reported and skipped. */
    static final int MAX_LINE_CHARS = 1 << 20;

    /** Most physical lines one quoted value may span before the quote is taken as broken. */
    private static final int MAX_JOINED_LINES = 64;

    private static final int MAX_COLUMNS = 512;

    private final String fileName;
    private final LineProblemSink problems;
    private final CsvParser parser;
    private final BoundedLineReader lines;
    private final long completeBytes;
    private final ReadProgress progress;
    private SmtpFieldLayout layout = SmtpFieldLayout.STANDARD;
    private Optional<SmtpDirection> direction = Optional.empty();
    private long rowsRead;
    private long lineNumber;
    private long linesRejected;
    private String pushedBack;
    private String fieldsLine;
    private String logTypeLine;

    private SmtpLogReader(String fileName, LineProblemSink problems, LogText text) {
        this.fileName = fileName;
        this.problems = problems;
        this.completeBytes = text.completeBytes();
        this.progress = text.progress();
        this.parser = new CsvParser(settings());
        this.lines = new BoundedLineReader(text.reader(), MAX_LINE_CHARS);
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
        LogText text = LogText.open(file, fileName, from.byteOffset());
        SmtpLogReader reader = new SmtpLogReader(fileName, problems, text);
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

    private static CsvParserSettings settings() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        // LineFeedReader has already turned CRLF into LF.
        settings.getFormat().setLineSeparator("\n");
        settings.getFormat().setNormalizedNewline('\n');
        settings.setCommentProcessingEnabled(false); // '#' header lines are read, not skipped
        settings.setIgnoreLeadingWhitespaces(false); // single-row certificate data starts with a space
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setSkipEmptyLines(false); // blank lines come back as rows so line numbers stay physical
        settings.setMaxCharsPerColumn(MAX_LINE_CHARS);
        settings.setMaxColumns(MAX_COLUMNS);
        settings.setReadInputOnSeparateThread(false);
        settings.setLineSeparatorDetectionEnabled(false);
        return settings;
    }

    /** The direction from {@code #Log-type}, once the header has been read; empty for other log types. */
    public Optional<SmtpDirection> direction() {
        return direction;
    }

    /** Bytes this reader covers: the file up to its last line terminator when it was opened. */
    public long completeBytes() {
        return completeBytes;
    }

    /** How far the read got through the file, and the checksum of what it read; final once {@link #next()} is null. */
    public ReadProgress progress() {
        return progress;
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
     * The next usable data row, or null at the end of the complete lines.
     *
     * @throws IOException when reading fails
     */
    public SmtpRecord next() throws IOException {
        String line;
        while ((line = nextLine()) != null) {
            long recordLine = lineNumber;
            if (lines.lastLineWasCut()) {
                reject(recordLine, "line longer than " + MAX_LINE_CHARS + " characters", line);
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == '#') {
                readDirective(line, recordLine);
                continue;
            }
            String[] columns;
            try {
                columns = parser.parseLine(joinQuotedLines(line));
            } catch (TextParsingException broken) {
                reject(recordLine, "unreadable CSV", line);
                continue;
            }
            SmtpRecord record = columns == null ? null : toRecord(columns, recordLine);
            if (record != null) {
                rowsRead++;
                return record;
            }
        }
        return null;
    }

    private String nextLine() throws IOException {
        if (pushedBack != null) {
            String line = pushedBack;
            pushedBack = null;
            lineNumber++;
            return line;
        }
        String line = lines.readLine();
        if (line != null) {
            lineNumber++;
        }
        return line;
    }

    /**
     * Exchange writes CR and LF inside values as the characters {@code \r}/{@code \n}, so a record is one line; a
     * quoted value that really spans lines is still accepted, but only while the following lines do not start a
     * record of their own: one stray quote must not swallow the rows after it.
     */
    private String joinQuotedLines(String line) throws IOException {
        if (!hasOpenQuote(line)) {
            return line;
        }
        StringBuilder record = new StringBuilder(line);
        for (int joined = 0; joined < MAX_JOINED_LINES && hasOpenQuote(record); joined++) {
            String next = lines.readLine();
            if (next == null) {
                break;
            }
            lineNumber++;
            if (lines.lastLineWasCut() || startsRecord(next) || record.length() + next.length() > MAX_LINE_CHARS) {
                pushedBack = next; // read again by the caller, as its own line
                lineNumber--;
                break;
            }
            record.append('\n').append(next);
        }
        return record.toString();
    }

    private static boolean hasOpenQuote(CharSequence text) {
        int first = text instanceof String line ? line.indexOf('"') : 0;
        if (first < 0) {
            return false; // most rows have no quote at all: one intrinsic scan
        }
        int quotes = 0;
        for (int i = first; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quotes++;
            }
        }
        return (quotes & 1) == 1;
    }

    /** A header line or a line that begins with a timestamp ({@code 2024-03-12T}) starts a record. */
    private static boolean startsRecord(String line) {
        if (line.startsWith("#")) {
            return true;
        }
        return line.length() > 11
                && line.charAt(4) == '-'
                && line.charAt(7) == '-'
                && line.charAt(10) == 'T'
                && Character.isDigit(line.charAt(0));
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

    private SmtpRecord toRecord(String[] columns, long lineNumber) {
        if (rowsRead == 0 && linesRejected == 0 && "date-time".equalsIgnoreCase(columns[0])) {
            // The "CSV compatible" writer mode puts a field-name row before the header (docs/log-formats.md,
            // 'Encoding and double-encoded peer text').
            SmtpFieldLayout.fromNames(Arrays.asList(columns)).ifPresent(fields -> layout = fields);
            return null;
        }
        if (columns.length != layout.columnCount) {
            reject(lineNumber, "expected " + layout.columnCount + " columns, found " + columns.length, columns);
            return null;
        }
        String dateTime = columns[layout.dateTime];
        long epochMicros = UtcTimestamps.parseIso(dateTime);
        if (epochMicros == UtcTimestamps.INVALID) {
            reject(lineNumber, "date-time is not yyyy-MM-ddTHH:mm:ss.fffZ", columns);
            return null;
        }
        String sessionId = columns[layout.sessionId];
        if (!isSessionId(sessionId)) {
            reject(lineNumber, "session-id is not a hexadecimal id", columns);
            return null;
        }
        int sequenceNumber = parseSequenceNumber(columns[layout.sequenceNumber]);
        if (sequenceNumber < 0) {
            reject(lineNumber, "sequence-number is not a whole number", columns);
            return null;
        }
        SmtpEvent event = SmtpEvent.fromCode(columns[layout.event]);
        if (event == null) {
            reject(lineNumber, "event is not one of + - > < *", columns);
            return null;
        }
        String data = columns[layout.data];
        String context = columns[layout.context];
        if (hasReplacementCharacter(columns)) {
            // Kept: the TLS facts of the row are still sound; the message tells the admin the file is damaged.
            problems.report(LineProblem.atLine(
                    fileName, lineNumber, "invalid UTF-8 bytes (shown as U+FFFD); row kept", join(columns)));
        }
        return new SmtpRecord(
                lineNumber,
                epochMicros,
                columns[layout.connectorId],
                sessionId,
                sequenceNumber,
                columns[layout.localEndpoint],
                columns[layout.remoteEndpoint],
                event,
                data,
                context);
    }

    private static boolean hasReplacementCharacter(String[] columns) {
        for (String column : columns) {
            if (column.indexOf('\uFFFD') >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * An id as Exchange writes it: exactly 16 hexadecimal digits, as every real file shows, or a GUID
     * ({@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, optionally in braces), the form the documentation names.
     * Placeholders ({@code <SessionId>}, {@code -}, {@code {}}) and masked or cut ids are not ids: keyed by such a
     * value, rows of unrelated sessions would merge into one connection. Only ASCII digits count as hex, not the
     * full-width or other Unicode digits that {@link Character#digit} accepts.
     */
    private static boolean isSessionId(String value) {
        int length = value.length();
        boolean braced = length == 38 && value.charAt(0) == '{' && value.charAt(37) == '}';
        int start = braced ? 1 : 0;
        int end = braced ? 37 : length;
        boolean guid = end - start == 36;
        if (!guid && length != 16) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            int offset = i - start;
            if (guid && (offset == 8 || offset == 13 || offset == 18 || offset == 23)) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static int parseSequenceNumber(String value) {
        if (value.isEmpty() || value.length() > 9) {
            return -1;
        }
        int number = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    private void reject(long lineNumber, String reason, String[] columns) {
        reject(lineNumber, reason, join(columns));
    }

    private void reject(long lineNumber, String reason, String line) {
        linesRejected++;
        problems.report(LineProblem.atLine(fileName, lineNumber, reason, line));
    }

    private static String join(String[] columns) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.length && line.length() <= LineProblem.EXCERPT_LIMIT; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(columns[i]);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
