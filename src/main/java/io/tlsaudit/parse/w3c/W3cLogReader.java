package io.tlsaudit.parse.w3c;

import io.tlsaudit.parse.CryptoAlgorithm;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.LineProblemSink;
import io.tlsaudit.parse.LogLines;
import io.tlsaudit.parse.LogReader;
import io.tlsaudit.parse.PeerText;
import io.tlsaudit.parse.ReadProgress;
import io.tlsaudit.parse.ResumePoint;
import io.tlsaudit.parse.TlsProtocol;
import io.tlsaudit.parse.UtcTimestamps;
import io.tlsaudit.parse.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A pull reader over one IIS W3C log: {@link #next()} returns decoded requests until it returns null.
 *
 * <p>It streams, accepts a BOM, CRLF and LF, and switches its column map at every {@code #Fields} line: IIS rewrites
 * the header block mid-file after restarts, idle periods and field changes (docs/log-formats.md, 'IIS W3C files and
 * header rewrites'). It stops before an unterminated last line. Lines whose field count does not match the current
 * {@code #Fields}, or whose date is not valid, or whose TLS value is not a hexadecimal number, are reported and
 * skipped. Not thread-safe; the caller closes it.
 *
 * <p>A {@code #Fields} line need name only {@code time} and {@code c-ip}. Without {@code date}, requests are dated
 * by the latest {@code #Date} directive as {@link DateDirective} says; without a valid one before them, they are
 * rejected. Without {@code cs-uri-stem} a request has no path and client protocol {@code other}.
 *
 * <p>Lines are read as bytes ({@link LogLines}, {@link W3cColumns}): columns are offsets into the line; date,
 * time, port, status and the TLS values are read from their bytes, and only the values a request keeps become
 * Strings. A request line with invalid UTF-8 anywhere is reported and kept, its bad bytes read as U+FFFD.
 */
public final class W3cLogReader implements LogReader {

    /**
     * IIS caps lines at maxLogLineLength (64 KiB by default); far longer lines are garbage. The cap counts bytes;
     * the message calls them characters, as it did when lines were read as text.
     */
    static final int MAX_LINE_BYTES = LogLines.MAX_LINE_BYTES;

    /**
     * The line buffer a reader starts with. IIS lines are a few hundred bytes, and shares hold many hourly files: 64
     * KiB read as fast as LogLines' default megabyte on the benchmark share and allocate a sixteenth of it per file
     * (105 MB less per pass over its 288 IIS files). A longer line grows the buffer.
     */
    private static final int BUFFER_BYTES = 1 << 16;

    /** Cap on stored client-controlled text (user agents, paths), which IIS lets grow to 4 KiB and more. */
    static final int TEXT_LIMIT = 512;

    /** Cap on a stored HTTP method. */
    static final int METHOD_LIMIT = 32;

    /** Bytes of a line a message decodes: enough for its excerpt, as no character takes more than four bytes. */
    private static final int EXCERPT_BYTES = 4 * (LineProblem.EXCERPT_LIMIT + 1);

    private static final byte[] ACTIVE_MONITOR = "ActiveMonitor".getBytes(StandardCharsets.US_ASCII);

    private static final String DATE_TIME_EXPECTED = "date/time is not yyyy-MM-dd HH:mm:ss in the years "
            + UtcTimestamps.EARLIEST_YEAR + " to " + UtcTimestamps.LATEST_YEAR;

    private static final String DATE_DIRECTIVE_EXPECTED = "#Date is not yyyy-MM-dd HH:mm:ss in the years "
            + UtcTimestamps.EARLIEST_YEAR + " to " + UtcTimestamps.LATEST_YEAR;

    /** A {@code crypt-protocol} value as stored: the version, or {@code 0x} and the flag for an unknown one. */
    private record TlsValue(String label, Boolean legacy) {

        static final TlsValue NONE = new TlsValue(null, null);

        static TlsValue of(String hex) {
            Optional<TlsProtocol> protocol = TlsProtocol.fromHex(hex);
            return protocol.isPresent()
                    ? new TlsValue(protocol.get().label(), protocol.get().isLegacy())
                    : new TlsValue("0x" + hex.toLowerCase(Locale.ROOT), null);
        }
    }

    private final String fileName;
    private final LineProblemSink problems;
    private final IisFieldNames fieldNames;
    private final LogLines lines;
    private final W3cColumns columns = new W3cColumns();
    private final RecentHexValues<TlsValue> protocols = new RecentHexValues<>(TlsValue::of);
    private final RecentHexValues<String> ciphers = new RecentHexValues<>(CryptoAlgorithm::fromHex);
    private final RecentHexValues<String> hashes = new RecentHexValues<>(CryptoAlgorithm::fromHex);
    private final RecentHexValues<String> keyExchanges = new RecentHexValues<>(CryptoAlgorithm::fromHex);

    /** The line being read: {@code bytes[lineStart, lineEnd)}. */
    private byte[] bytes;

    private int lineStart;
    private int lineEnd;

    private W3cFieldLayout layout;
    private long lineNumber;
    private String fieldsLine;
    private boolean fieldsHaveDate;
    private DateDirective dateDirective;
    private String unusableFields;
    private long unusableFieldsLine;
    private boolean replaying;
    private long rowsRead;
    private long linesRejected;

    private W3cLogReader(String fileName, LineProblemSink problems, IisFieldNames fieldNames, LogLines lines) {
        this.fileName = fileName;
        this.problems = problems;
        this.fieldNames = fieldNames;
        this.lines = lines;
    }

    /** Opens {@code file} for reading up to its last complete line. */
    public static W3cLogReader open(Path file, String fileName, LineProblemSink problems, IisFieldNames fieldNames)
            throws IOException {
        return open(file, fileName, problems, fieldNames, ResumePoint.START);
    }

    /** Opens {@code file} to read on from where an earlier read stopped. */
    public static W3cLogReader open(
            Path file, String fileName, LineProblemSink problems, IisFieldNames fieldNames, ResumePoint from)
            throws IOException {
        LogLines lines = LogLines.open(file, fileName, from.byteOffset(), BUFFER_BYTES, LogLines.MAX_LINE_BYTES);
        return open(lines, fileName, problems, fieldNames, from);
    }

    /** Reads {@code content}, a log that no longer grows (an archive member), from its start to its end. */
    public static W3cLogReader open(
            InputStream content, String fileName, LineProblemSink problems, IisFieldNames fieldNames)
            throws IOException {
        return open(content, fileName, problems, fieldNames, ResumePoint.START);
    }

    /** Reads {@code content} on from where an earlier read of the same content stopped, to its end. */
    public static W3cLogReader open(
            InputStream content, String fileName, LineProblemSink problems, IisFieldNames fieldNames, ResumePoint from)
            throws IOException {
        LogLines lines = LogLines.open(content, fileName, BUFFER_BYTES, from.byteOffset());
        return open(lines, fileName, problems, fieldNames, from);
    }

    /** As {@link #open(Path, String, LineProblemSink, IisFieldNames)} over a line buffer of {@code bufferBytes}. */
    static W3cLogReader open(
            Path file, String fileName, LineProblemSink problems, IisFieldNames fieldNames, int bufferBytes)
            throws IOException {
        LogLines lines = LogLines.open(file, fileName, 0, bufferBytes, LogLines.MAX_LINE_BYTES);
        return open(lines, fileName, problems, fieldNames, ResumePoint.START);
    }

    private static W3cLogReader open(
            LogLines lines, String fileName, LineProblemSink problems, IisFieldNames fieldNames, ResumePoint from) {
        W3cLogReader reader = new W3cLogReader(fileName, problems, fieldNames, lines);
        reader.lineNumber = from.linesRead();
        from.fieldsLine().ifPresent(reader::replayDirectives);
        return reader;
    }

    /** Physical lines read so far, including those before a resume point. */
    public long linesRead() {
        return lineNumber;
    }

    /**
     * The header lines a later read needs to go on from where this one stops: the last {@code #Fields} line read or
     * resumed with, as written, preceded by the {@code #Date} line in force and a line feed when those
     * {@code #Fields} have no {@code date} field (their requests take the date from it).
     */
    public Optional<String> fieldsLine() {
        if (fieldsLine != null && !fieldsHaveDate && dateDirective != null) {
            return Optional.of(dateDirective.line() + "\n" + fieldsLine);
        }
        return Optional.ofNullable(fieldsLine);
    }

    /** Bytes this reader covers: the file up to its last line terminator when it was opened. */
    public long completeBytes() {
        return lines.completeBytes();
    }

    /** How far the read got through the file, and the checksum of what it read; final once {@link #next()} is null. */
    public ReadProgress progress() {
        return lines;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long linesRejected() {
        return linesRejected;
    }

    /** The next usable request, or null at the end of the complete lines. */
    public IisRequest next() throws IOException {
        while (lines.next()) {
            lineNumber++;
            bytes = lines.bytes();
            lineStart = lines.start();
            lineEnd = lines.end();
            if (lines.wasCut()) {
                reject("line longer than " + MAX_LINE_BYTES + " characters");
                continue;
            }
            if (lineStart == lineEnd) {
                continue;
            }
            if (bytes[lineStart] == '#') {
                readDirective(Utf8.decode(bytes, lineStart, lineEnd));
                continue;
            }
            IisRequest request = toRequest();
            if (request != null) {
                rowsRead++;
                if (!lines.isAscii() && Utf8.showsReplacement(bytes, lineStart, lineEnd)) {
                    // Kept: the TLS values of the request are sound; the message tells the admin the file is damaged.
                    problems.report(LineProblem.atLine(
                            fileName,
                            lineNumber,
                            "invalid UTF-8 bytes (shown as U+FFFD); request kept",
                            Utf8.decode(bytes, lineStart, Math.min(lineEnd, lineStart + EXCERPT_BYTES))));
                }
                return request;
            }
        }
        return null;
    }

    /** Takes up the header lines of {@link #fieldsLine()}; what they held wrong was reported by the earlier read. */
    private void replayDirectives(String directives) {
        replaying = true;
        for (String directive : directives.split("\n")) {
            readDirective(directive);
        }
        replaying = false;
    }

    private void readDirective(String line) {
        if (line.regionMatches(true, 0, "#Date:", 0, 6)) {
            // An invalid #Date dates nothing: the rows under it are rejected rather than dated by an older one.
            dateDirective = DateDirective.parse(line);
            if (dateDirective == null) {
                rejectDirective(DATE_DIRECTIVE_EXPECTED, line);
            }
        } else if (line.regionMatches(true, 0, "#Fields:", 0, 8)) {
            fieldsLine = line;
            W3cFieldLayout fields = W3cFieldLayout.parse(line.substring(8), fieldNames);
            fieldsHaveDate = fields.date >= 0;
            String missing = fields.missingRequired();
            if (fields.columnCount > W3cColumns.MAX_COLUMNS) {
                unusableFields = "#Fields names " + fields.columnCount + " fields, more than " + W3cColumns.MAX_COLUMNS;
            } else if (missing != null) {
                unusableFields = "#Fields lacks " + missing;
            } else {
                unusableFields = null;
            }
            if (unusableFields == null) {
                layout = fields;
            } else {
                layout = null;
                unusableFieldsLine = replaying ? 0 : lineNumber;
                rejectDirective(unusableFields + "; lines up to the next #Fields are skipped", line);
            }
        }
    }

    private void rejectDirective(String reason, String line) {
        if (!replaying) {
            reject(reason, line);
        }
    }

    private IisRequest toRequest() {
        if (layout == null) {
            if (unusableFields == null) {
                reject("request line before any usable #Fields line");
            } else {
                String where = unusableFieldsLine > 0 ? " (line " + unusableFieldsLine + ")" : "";
                reject("request line under an unusable #Fields line" + where + ": " + unusableFields);
            }
            return null;
        }
        columns.scan(bytes, lineStart, lineEnd);
        if (columns.count() != layout.columnCount) {
            reject("expected " + layout.columnCount + " fields as #Fields says, found " + columns.count());
            return null;
        }
        long epochMicros;
        if (layout.date >= 0) {
            epochMicros = columns.dateAndTime(layout.date, layout.time);
        } else if (dateDirective == null) {
            reject("no date: #Fields has no date field and no valid #Date line came before");
            return null;
        } else {
            long clock = columns.timeOfDay(layout.time);
            epochMicros = clock == UtcTimestamps.INVALID ? UtcTimestamps.INVALID : dateDirective.place(clock);
        }
        if (epochMicros == UtcTimestamps.INVALID) {
            reject(layout.date >= 0 ? DATE_TIME_EXPECTED : "time is not HH:mm:ss");
            return null;
        }
        // A line with one broken TLS column is not trusted for the others: stored with a NULL protocol it would
        // count as plain HTTP.
        long protocolKey = columns.hexKey(layout.protocol);
        long cipherKey = columns.hexKey(layout.cipher);
        long hashKey = columns.hexKey(layout.hash);
        long keyExchangeKey = columns.hexKey(layout.keyExchange);
        int malformed = malformedColumn(protocolKey, cipherKey, hashKey, keyExchangeKey);
        if (malformed >= 0) {
            reject(layout.name(malformed) + " is not 1 to 8 hex digits: \""
                    + LineProblem.excerpt(PeerText.capped(columns.text(malformed), 40)) + "\"");
            return null;
        }
        String cIp = ClientAddresses.clientIp(columns.text(layout.clientIp), TEXT_LIMIT);
        String forwardedValue = columns.text(layout.forwardedFor);
        String forwarded = forwardedValue == null ? null : ClientAddresses.forwardedClient(forwardedValue, TEXT_LIMIT);
        String uriStem = columns.cappedText(layout.uriStem, TEXT_LIMIT);
        String username = columns.cappedText(layout.username, TEXT_LIMIT);
        String userAgent = columns.spacedText(layout.userAgent, TEXT_LIMIT);
        TlsValue protocol = protocolKey == W3cColumns.NO_VALUE ? TlsValue.NONE : protocols.of(protocolKey);
        return new IisRequest(
                lineNumber,
                epochMicros,
                forwarded != null ? forwarded : cIp,
                forwarded != null ? cIp : null,
                forwardedValue != null && forwarded == null,
                username,
                userAgent,
                uriStem == null ? ClientProtocol.OTHER : ClientProtocol.fromUriStem(uriStem),
                columns.cappedText(layout.method, METHOD_LIMIT), // client-supplied, and never longer than a verb needs
                uriStem,
                columns.number(layout.serverPort),
                columns.number(layout.status),
                layout.logsTls(),
                protocol.label(),
                protocol.legacy(),
                algorithm(ciphers, cipherKey),
                algorithm(hashes, hashKey),
                algorithm(keyExchanges, keyExchangeKey),
                isProbe(username, userAgent, cIp));
    }

    /** The column of the first malformed TLS value (protocol, cipher, hash, key exchange), or -1. */
    private int malformedColumn(long protocolKey, long cipherKey, long hashKey, long keyExchangeKey) {
        if (protocolKey == W3cColumns.NOT_HEX) {
            return layout.protocol;
        }
        if (cipherKey == W3cColumns.NOT_HEX) {
            return layout.cipher;
        }
        if (hashKey == W3cColumns.NOT_HEX) {
            return layout.hash;
        }
        return keyExchangeKey == W3cColumns.NOT_HEX ? layout.keyExchange : -1;
    }

    private static String algorithm(RecentHexValues<String> names, long key) {
        return key == W3cColumns.NO_VALUE ? null : names.of(key);
    }

    /**
     * A Managed Availability probe: a request from the server itself (its own address or loopback), or from another
     * Exchange server as a health mailbox that also says it is a probe (an {@code AMProbe} agent or
     * {@code ActiveMonitor} in the query). The user agent and the query are whatever the client sends, so neither
     * alone makes a probe: a legacy client could hide from the report by calling itself one.
     */
    private boolean isProbe(String username, String userAgent, String clientIp) {
        if (clientIp != null
                && (columns.textEquals(layout.serverIp, clientIp)
                        || clientIp.equals("127.0.0.1")
                        || clientIp.equals("::1"))) {
            return true;
        }
        boolean healthMailbox = false;
        if (username != null) {
            int backslash = username.indexOf('\\');
            healthMailbox = username.regionMatches(true, backslash + 1, "HealthMailbox", 0, "HealthMailbox".length());
        }
        boolean saysProbe = (userAgent != null && userAgent.startsWith("AMProbe"))
                || columns.contains(layout.uriQuery, ACTIVE_MONITOR);
        return healthMailbox && saysProbe;
    }

    /** Rejects the current line, quoting its start. */
    private void reject(String reason) {
        reject(reason, Utf8.decode(bytes, lineStart, Math.min(lineEnd, lineStart + EXCERPT_BYTES)));
    }

    private void reject(String reason, String line) {
        linesRejected++;
        problems.report(LineProblem.atLine(fileName, lineNumber, reason, line));
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
