package io.tlsaudit.parse.w3c;

import io.tlsaudit.parse.BoundedLineReader;
import io.tlsaudit.parse.CryptoAlgorithm;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.LineProblemSink;
import io.tlsaudit.parse.LogText;
import io.tlsaudit.parse.PeerText;
import io.tlsaudit.parse.ReadProgress;
import io.tlsaudit.parse.ResumePoint;
import io.tlsaudit.parse.TlsProtocol;
import io.tlsaudit.parse.UtcTimestamps;
import java.io.Closeable;
import java.io.IOException;
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
 */
public final class W3cLogReader implements Closeable {

    private static final int MAX_COLUMNS = 256;

    /** IIS caps lines at maxLogLineLength (64 KiB by default); far longer lines are garbage. */
    static final int MAX_LINE_CHARS = 1 << 20;

    /** Cap on stored client-controlled text (user agents, paths), which IIS lets grow to 4 KiB and more. */
    static final int TEXT_LIMIT = 512;

    /** Cap on a stored HTTP method. */
    static final int METHOD_LIMIT = 32;

    private static final String DATE_TIME_EXPECTED = "date/time is not yyyy-MM-dd HH:mm:ss in the years "
            + UtcTimestamps.EARLIEST_YEAR + " to " + UtcTimestamps.LATEST_YEAR;

    private static final String DATE_DIRECTIVE_EXPECTED = "#Date is not yyyy-MM-dd HH:mm:ss in the years "
            + UtcTimestamps.EARLIEST_YEAR + " to " + UtcTimestamps.LATEST_YEAR;

    private final String fileName;
    private final LineProblemSink problems;
    private final IisFieldNames fieldNames;
    private final BoundedLineReader lines;
    private final long completeBytes;
    private ReadProgress progress;
    private final String[] columns = new String[MAX_COLUMNS];
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

    private W3cLogReader(
            String fileName,
            LineProblemSink problems,
            IisFieldNames fieldNames,
            BoundedLineReader lines,
            long completeBytes) {
        this.fileName = fileName;
        this.problems = problems;
        this.fieldNames = fieldNames;
        this.lines = lines;
        this.completeBytes = completeBytes;
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
        LogText text = LogText.open(file, fileName, from.byteOffset());
        W3cLogReader reader = new W3cLogReader(
                fileName,
                problems,
                fieldNames,
                new BoundedLineReader(text.reader(), MAX_LINE_CHARS),
                text.completeBytes());
        reader.lineNumber = from.linesRead();
        reader.progress = text.progress();
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

    public long completeBytes() {
        return completeBytes;
    }

    /** How far the read got through the file, and the checksum of what it read; final once {@link #next()} is null. */
    public ReadProgress progress() {
        return progress;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long linesRejected() {
        return linesRejected;
    }

    /** The next usable request, or null at the end of the complete lines. */
    public IisRequest next() throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (lines.lastLineWasCut()) {
                reject("line longer than " + MAX_LINE_CHARS + " characters", line);
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == '#') {
                readDirective(line);
                continue;
            }
            IisRequest request = toRequest(line);
            if (request != null) {
                rowsRead++;
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
            if (fields.columnCount > MAX_COLUMNS) {
                unusableFields = "#Fields names " + fields.columnCount + " fields, more than " + MAX_COLUMNS;
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

    private IisRequest toRequest(String line) {
        if (layout == null) {
            if (unusableFields == null) {
                reject("request line before any usable #Fields line", line);
            } else {
                String where = unusableFieldsLine > 0 ? " (line " + unusableFieldsLine + ")" : "";
                reject("request line under an unusable #Fields line" + where + ": " + unusableFields, line);
            }
            return null;
        }
        int count = split(line);
        if (count != layout.columnCount) {
            reject("expected " + layout.columnCount + " fields as #Fields says, found " + count, line);
            return null;
        }
        long epochMicros;
        if (layout.date >= 0) {
            epochMicros = UtcTimestamps.parseDateAndTime(columns[layout.date], columns[layout.time]);
        } else if (dateDirective == null) {
            reject("no date: #Fields has no date field and no valid #Date line came before", line);
            return null;
        } else {
            epochMicros = dateDirective.place(columns[layout.time]);
        }
        if (epochMicros == UtcTimestamps.INVALID) {
            reject(layout.date >= 0 ? DATE_TIME_EXPECTED : "time is not HH:mm:ss", line);
            return null;
        }
        String cIp = ClientAddresses.clientIp(value(layout.clientIp), TEXT_LIMIT);
        String forwardedValue = value(layout.forwardedFor);
        String forwarded = forwardedValue == null ? null : ClientAddresses.forwardedClient(forwardedValue, TEXT_LIMIT);
        String clientIp = forwarded != null ? forwarded : cIp;
        String proxyIp = forwarded != null ? cIp : null;
        String uriStem = value(layout.uriStem);
        if (uriStem != null) {
            uriStem = PeerText.capped(uriStem, TEXT_LIMIT);
        }
        String username = value(layout.username);
        if (username != null) {
            username = PeerText.capped(username, TEXT_LIMIT);
        }
        String userAgent = value(layout.userAgent);
        if (userAgent != null) {
            userAgent = PeerText.capped(userAgent.replace('+', ' '), TEXT_LIMIT);
        }
        String serverIp = value(layout.serverIp);
        String query = value(layout.uriQuery);
        String malformed = malformedCryptValue();
        if (malformed != null) {
            reject(malformed, line);
            return null;
        }
        boolean tlsLogged = layout.logsTls();
        String protocolHex = value(layout.protocol);
        Optional<TlsProtocol> protocol = protocolHex == null ? Optional.empty() : TlsProtocol.fromHex(protocolHex);
        String tlsProtocol = protocol.map(TlsProtocol::label)
                .orElse(protocolHex == null ? null : "0x" + protocolHex.toLowerCase(Locale.ROOT));
        return new IisRequest(
                lineNumber,
                epochMicros,
                clientIp,
                proxyIp,
                forwardedValue != null && forwarded == null,
                username,
                userAgent,
                uriStem == null ? ClientProtocol.OTHER : ClientProtocol.fromUriStem(uriStem),
                method(),
                uriStem,
                number(layout.serverPort),
                number(layout.status),
                tlsLogged,
                tlsProtocol,
                protocol.map(TlsProtocol::isLegacy).orElse(null),
                algorithm(layout.cipher),
                algorithm(layout.hash),
                algorithm(layout.keyExchange),
                isProbe(username, userAgent, query, cIp, serverIp));
    }

    /** Splits on single spaces into the reused column array; returns the field count. */
    private int split(String line) {
        int count = 0;
        int start = 0;
        int length = line.length();
        for (int i = 0; i <= length; i++) {
            if (i == length || line.charAt(i) == ' ') {
                if (count < MAX_COLUMNS) {
                    columns[count] = line.substring(start, i);
                }
                count++;
                start = i + 1;
            }
        }
        return count;
    }

    /** {@code cs-method}: client-supplied like the path, and never longer than a verb such as PROPFIND needs. */
    private String method() {
        String method = value(layout.method);
        return method == null ? null : PeerText.capped(method, METHOD_LIMIT);
    }

    private String value(int index) {
        if (index < 0) {
            return null;
        }
        String value = columns[index];
        return value.isEmpty() || value.equals("-") ? null : value;
    }

    private int number(int index) {
        String value = value(index);
        if (value == null || value.length() > 9) {
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

    private String algorithm(int index) {
        String hex = value(index);
        return hex == null ? null : CryptoAlgorithm.fromHex(hex);
    }

    /**
     * Why one of the four TLS values is not the hexadecimal number IIS writes (one to eight ASCII hex digits), or
     * null when all are. Such a line is rejected rather than stored without the value: stored with a NULL protocol
     * it would count as plain HTTP, and a line with one broken column is not trusted for the others.
     */
    private String malformedCryptValue() {
        String reason = malformedHex(layout.protocol);
        if (reason == null) {
            reason = malformedHex(layout.cipher);
        }
        if (reason == null) {
            reason = malformedHex(layout.hash);
        }
        return reason == null ? malformedHex(layout.keyExchange) : reason;
    }

    private String malformedHex(int index) {
        String value = value(index);
        if (value == null || isHexNumber(value)) {
            return null;
        }
        return layout.name(index) + " is not 1 to 8 hex digits: \"" + LineProblem.excerpt(PeerText.capped(value, 40))
                + "\"";
    }

    /** ASCII digits only: the JDK's number parsers also take a sign and full-width or other Unicode digits. */
    private static boolean isHexNumber(String value) {
        if (value.length() > 8) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isProbe(String username, String userAgent, String query, String clientIp, String serverIp) {
        if (username != null) {
            int backslash = username.indexOf('\\');
            if (username.regionMatches(true, backslash + 1, "HealthMailbox", 0, "HealthMailbox".length())) {
                return true;
            }
        }
        if (userAgent != null && userAgent.startsWith("AMProbe")) {
            return true;
        }
        if (query != null && query.contains("ActiveMonitor")) {
            return true;
        }
        return clientIp != null
                && (clientIp.equals(serverIp) || clientIp.equals("127.0.0.1") || clientIp.equals("::1"));
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
