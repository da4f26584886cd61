package io.tlsaudit.parse.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.parse.LineProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads files written byte for byte in a temporary folder. Rows are constructed Receive and Send sessions (the E1_*
 * constants are rows of one Receive session on TLS 1.2; "E7" in test names marks rows shaped like a
 * documentation-style excerpt with placeholders); line numbers in the assertions are counted by hand from the lines
 * written.
 */
class SmtpLogReaderTest {

    private static final String FILE = "RECV2024031209-1.LOG";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String CRLF = "\r\n";
    private static final String LF = "\n";

    private static final String FIELDS =
            "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context";
    private static final List<String> RECEIVE_HEADER = List.of(
            "#Software: Microsoft Exchange Server",
            "#Version: 15.0.0.0",
            "#Log-type: SMTP Receive Protocol Log",
            "#Date: 2024-03-12T09:00:02.871Z",
            FIELDS);
    private static final List<String> SEND_HEADER = List.of(
            "#Software: Microsoft Exchange Server",
            "#Version: 15.0.0.0",
            "#Log-type: SMTP Send Protocol Log",
            "#Date: 2024-03-12T09:00:02.871Z",
            FIELDS);

    private static final String E1_CONNECTOR = "EX01\\Default Frontend EX01";
    private static final String E1_SESSION = "08DC3B4192B4C1A7";
    private static final String E1_PREFIX = E1_CONNECTOR + "," + E1_SESSION + ",";

    private static final String BANNER_DATA =
            "220 EX01.contoso.com Microsoft ESMTP MAIL Service ready at Tue, 12 Mar 2024 17:59:47 +0900";
    private static final String E1_BANNER =
            "2024-03-12T08:59:47.305Z," + E1_PREFIX + "1,10.0.0.11:25,203.0.113.45:61877,>,\"" + BANNER_DATA + "\",";

    private static final String CERTIFICATE_DATA = " CN=mail.contoso.com CN=Contoso Issuing CA 01"
            + " 4F0000002A7B91C3D5E6F70812000000002A 9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24 2023-09-18T08:30:00.000Z"
            + " 2025-09-17T08:30:00.000Z mail.contoso.com;autodiscover.contoso.com;EX01.contoso.com";
    private static final String CERTIFICATE_CONTEXT = "Sending certificate Subject Issuer name Serial number"
            + " Thumbprint Not before Not after Subject alternate names";
    private static final String E1_CERTIFICATE = "2024-03-12T08:59:50.403Z," + E1_PREFIX
            + "6,10.0.0.11:25,203.0.113.45:61877,*," + CERTIFICATE_DATA + "," + CERTIFICATE_CONTEXT;

    private static final String TLS_CONTEXT = "TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk"
            + " encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength"
            + " 0 bits and key exchange algorithm CALG_ECDH_EPHEM with strength 384 bits";
    private static final String E1_TLS =
            "2024-03-12T08:59:58.117Z," + E1_PREFIX + "7,10.0.0.11:25,203.0.113.45:61877,*,,\"" + TLS_CONTEXT + "\"";

    private static final String E1_DISCONNECT =
            "2024-03-12T09:00:09.020Z," + E1_PREFIX + "17,10.0.0.11:25,203.0.113.45:61877,-,,Remote(ConnectionReset)";

    @TempDir
    Path folder;

    private final List<LineProblem> problems = new ArrayList<>();

    // ---- expected records ----

    /** The values of a row, kept: the reader's {@link SmtpRecord} is reused by its next call. */
    private record Row(
            long lineNumber,
            long epochMicros,
            String connectorId,
            String sessionId,
            int sequenceNumber,
            String localEndpoint,
            String remoteEndpoint,
            SmtpEvent event,
            String data,
            String context) {

        static Row of(SmtpRecord record) {
            return new Row(
                    record.lineNumber(),
                    record.epochMicros(),
                    record.connectorId(),
                    record.sessionId(),
                    record.sequenceNumber(),
                    record.localEndpoint(),
                    record.remoteEndpoint(),
                    record.event(),
                    record.data(),
                    record.context());
        }
    }

    private static long micros(String isoTimestamp) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(isoTimestamp));
    }

    private static Row e1(long line, String time, int sequence, SmtpEvent event, String data, String context) {
        return new Row(
                line,
                micros(time),
                E1_CONNECTOR,
                E1_SESSION,
                sequence,
                "10.0.0.11:25",
                "203.0.113.45:61877",
                event,
                data,
                context);
    }

    private static Row banner(long line) {
        return e1(line, "2024-03-12T08:59:47.305Z", 1, SmtpEvent.SENT, BANNER_DATA, "");
    }

    private static Row certificate(long line) {
        return e1(line, "2024-03-12T08:59:50.403Z", 6, SmtpEvent.INFORMATION, CERTIFICATE_DATA, CERTIFICATE_CONTEXT);
    }

    private static Row tls(long line) {
        return e1(line, "2024-03-12T08:59:58.117Z", 7, SmtpEvent.INFORMATION, "", TLS_CONTEXT);
    }

    private static Row disconnect(long line) {
        return e1(line, "2024-03-12T09:00:09.020Z", 17, SmtpEvent.DISCONNECT, "", "Remote(ConnectionReset)");
    }

    // ---- writing and reading files ----

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Each line followed by {@code terminator}. */
    private static String lines(String terminator, List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append(terminator);
        }
        return text.toString();
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private Path write(byte[]... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return Files.write(folder.resolve(FILE), bytes.toByteArray());
    }

    /** An Exchange file: BOM, the given lines, CRLF after each. */
    private Path writeExchangeFile(List<String> header, String... rows) throws IOException {
        return write(UTF8_BOM, utf8(lines(CRLF, concat(header, rows))));
    }

    private record Read(
            List<Row> records,
            Optional<SmtpDirection> direction,
            long rowsRead,
            long linesRejected,
            long completeBytes) {

        List<Long> lineNumbers() {
            return records.stream().map(Row::lineNumber).toList();
        }
    }

    private Read read(Path file) throws IOException {
        try (SmtpLogReader reader = SmtpLogReader.open(file, FILE, problems::add)) {
            List<Row> records = new ArrayList<>();
            SmtpRecord record;
            while ((record = reader.next()) != null) {
                records.add(Row.of(record));
            }
            assertEquals(null, reader.next(), "next() after the end");
            return new Read(
                    records, reader.direction(), reader.rowsRead(), reader.linesRejected(), reader.completeBytes());
        }
    }

    private void assertNoProblems() {
        assertEquals(List.of(), problems.stream().map(LineProblem::describe).toList());
    }

    // ---- header, encoding, line ends ----

    @Test
    void readsExchangeFileWithBomAndCrlf() throws IOException {
        Path file = writeExchangeFile(RECEIVE_HEADER, E1_BANNER, E1_CERTIFICATE, E1_TLS, E1_DISCONNECT);

        Read read = read(file);

        assertEquals(List.of(banner(6), certificate(7), tls(8), disconnect(9)), read.records());
        assertEquals(Optional.of(SmtpDirection.RECEIVE), read.direction());
        assertEquals(4, read.rowsRead());
        assertEquals(0, read.linesRejected());
        assertEquals(Files.size(file), read.completeBytes());
        assertNoProblems();
    }

    @Test
    void readsLfOnlyFileWithoutBom() throws IOException {
        Path file = write(utf8(lines(LF, concat(RECEIVE_HEADER, E1_BANNER, E1_CERTIFICATE, E1_TLS, E1_DISCONNECT))));

        Read read = read(file);

        assertEquals(List.of(banner(6), certificate(7), tls(8), disconnect(9)), read.records());
        assertEquals(Optional.of(SmtpDirection.RECEIVE), read.direction());
        assertNoProblems();
    }

    @Test
    void readsFileMixingCrlfAndLfLines() throws IOException {
        String text = lines(CRLF, RECEIVE_HEADER) + E1_BANNER + LF + E1_TLS + CRLF + E1_DISCONNECT + LF;
        Read read = read(write(UTF8_BOM, utf8(text)));

        assertEquals(List.of(banner(6), tls(7), disconnect(8)), read.records());
        assertNoProblems();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "#Log-type: SMTP Send Protocol Log    | SEND",
                "#Log-type: SMTP Receive Protocol Log | RECEIVE",
                "#Log-Type: SMTP Send Protocol Log    | SEND", // the documentation's spelling
                "#LOG-TYPE: smtp receive protocol log | RECEIVE",
                "#Log-type: Connectivity Log          | none",
                "#Log-type: Message Tracking Log      | none",
            })
    void takesDirectionFromLogTypeLine(String logTypeLine, SmtpDirection expected) throws IOException {
        List<String> header = List.of(
                "#Software: Microsoft Exchange Server",
                "#Version: 15.0.0.0",
                logTypeLine,
                "#Date: 2024-03-12T09:00:02.871Z",
                FIELDS);
        Read read = read(writeExchangeFile(header, E1_BANNER));

        assertEquals(Optional.ofNullable(expected), read.direction());
        assertEquals(List.of(banner(6)), read.records());
    }

    @Test
    void hasNoDirectionBeforeHeaderIsReadOrWithoutLogTypeLine() throws IOException {
        Path file = writeExchangeFile(SEND_HEADER, E1_BANNER);
        try (SmtpLogReader reader = SmtpLogReader.open(file, FILE, problems::add)) {
            assertEquals(Optional.empty(), reader.direction());
            assertEquals(banner(6), Row.of(reader.next()));
            assertEquals(Optional.of(SmtpDirection.SEND), reader.direction());
        }

        Read withoutHeader = read(writeExchangeFile(List.of(), E1_BANNER));
        assertEquals(Optional.empty(), withoutHeader.direction());
        assertEquals(List.of(banner(1)), withoutHeader.records());
        assertNoProblems();
    }

    @Test
    void rejectsUtf16LittleEndianFileNamingIt() throws IOException {
        Path file = write(
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                lines(CRLF, concat(RECEIVE_HEADER, E1_BANNER)).getBytes(StandardCharsets.UTF_16LE));

        IOException thrown = assertThrows(IOException.class, () -> SmtpLogReader.open(file, FILE, problems::add));

        assertTrue(thrown.getMessage().contains(FILE), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("UTF-16"), thrown.getMessage());
    }

    @Test
    void rejectsUtf16BigEndianFileNamingIt() throws IOException {
        Path file = write(
                new byte[] {(byte) 0xFE, (byte) 0xFF},
                lines(CRLF, concat(RECEIVE_HEADER, E1_BANNER)).getBytes(StandardCharsets.UTF_16BE));

        IOException thrown = assertThrows(IOException.class, () -> SmtpLogReader.open(file, FILE, problems::add));

        assertTrue(thrown.getMessage().contains(FILE), thrown.getMessage());
    }

    @Test
    void keepsRowWithInvalidUtf8InDataAndReportsIt() throws IOException {
        String before = "2024-03-12T08:59:48.870Z," + E1_PREFIX + "2,10.0.0.11:25,203.0.113.45:61877,<,EHLO caf";
        Path file = write(
                UTF8_BOM,
                utf8(lines(CRLF, RECEIVE_HEADER)),
                utf8(before),
                new byte[] {(byte) 0xFF},
                utf8(".example," + CRLF + E1_DISCONNECT + CRLF));

        Read read = read(file);

        assertEquals(
                List.of(
                        e1(6, "2024-03-12T08:59:48.870Z", 2, SmtpEvent.RECEIVED, "EHLO caf\uFFFD.example", ""),
                        disconnect(7)),
                read.records());
        assertEquals(1, problems.size());
        assertEquals(FILE, problems.get(0).file());
        assertEquals(6, problems.get(0).lineNumber());
        assertEquals(
                "invalid UTF-8 bytes (shown as U+FFFD); row kept",
                problems.get(0).reason());
        assertEquals(0, read.linesRejected());
    }

    @Test
    void reportsInvalidUtf8InConnectorName() throws IOException {
        // A latin-1 connector name in a file copied through a tool: still one bad byte on a known line.
        Path file = write(
                UTF8_BOM,
                utf8(lines(CRLF, RECEIVE_HEADER)),
                utf8("2024-03-13T06:41:05.300Z,EX02\\Scanner-Empfang Geb"),
                "ä".getBytes(Charset.forName("ISO-8859-1")),
                utf8("ude B,08DC3F0CC199B03D,4,10.0.0.12:25,10.40.8.23:49162,<,STARTTLS," + CRLF));

        Read read = read(file);

        assertEquals(1, read.records().size());
        assertEquals(
                "EX02\\Scanner-Empfang Geb\uFFFDude B", read.records().get(0).connectorId());
        assertEquals(
                List.of(FILE + ":6: invalid UTF-8 bytes (shown as U+FFFD); row kept"),
                problems.stream()
                        .map(problem -> problem.file() + ":" + problem.lineNumber() + ": " + problem.reason())
                        .toList());
    }

    // ---- header lines anywhere, layouts by name ----

    @Test
    void followsHeaderBlockRepeatedMidFile() throws IOException {
        List<String> reordered = List.of(
                "#Software: Microsoft Exchange Server",
                "#Version: 15.0.0.0",
                "#Log-type: SMTP Receive Protocol Log",
                "#Date: 2024-03-12T10:00:00.000Z",
                "#Fields: event,date-time,session-id,connector-id,sequence-number,remote-endpoint,local-endpoint,"
                        + "context,data");
        List<String> lines = new ArrayList<>(RECEIVE_HEADER); // 1-5
        lines.add(E1_BANNER); // 6
        lines.addAll(reordered); // 7-11
        lines.add(">,2024-03-12T08:59:48.871Z," + E1_SESSION + "," + E1_CONNECTOR
                + ",3,203.0.113.45:61877,10.0.0.11:25,,250  EX01.contoso.com Hello [203.0.113.45] SIZE 36700160"); // 12

        Read read = read(write(UTF8_BOM, utf8(lines(CRLF, lines))));

        assertEquals(
                List.of(
                        banner(6),
                        e1(
                                12,
                                "2024-03-12T08:59:48.871Z",
                                3,
                                SmtpEvent.SENT,
                                "250  EX01.contoso.com Hello [203.0.113.45] SIZE 36700160",
                                "")),
                read.records());
        assertEquals(Optional.of(SmtpDirection.RECEIVE), read.direction());
        assertNoProblems();
    }

    @Test
    void mapsColumnsByNameFromFieldsLine() throws IOException {
        List<String> header = List.of(
                "#Software: Microsoft Exchange Server",
                "#Log-type: SMTP Receive Protocol Log",
                "#Fields: context,data,event,remote-endpoint,local-endpoint,sequence-number,session-id,connector-id,"
                        + "date-time");
        String row = "Remote(ConnectionReset),,-,203.0.113.45:61877,10.0.0.11:25,17," + E1_SESSION + "," + E1_CONNECTOR
                + ",2024-03-12T09:00:09.020Z";

        Read read = read(writeExchangeFile(header, row));

        assertEquals(List.of(disconnect(4)), read.records());
        assertNoProblems();
    }

    @Test
    void acceptsExtraColumnNamedInFieldsLine() throws IOException {
        List<String> header = List.of("#Log-type: SMTP Receive Protocol Log", FIELDS + ",server-name");
        Read read = read(writeExchangeFile(header, E1_DISCONNECT + ",EX01"));

        assertEquals(List.of(disconnect(3)), read.records());
        assertNoProblems();
    }

    @Test
    void reportsFieldsLineLackingAColumnAndKeepsPreviousLayout() throws IOException {
        List<String> lines = concat(
                RECEIVE_HEADER, // 1-5
                E1_BANNER, // 6
                "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data",
                E1_DISCONNECT); // 8
        Read read = read(write(UTF8_BOM, utf8(lines(CRLF, lines))));

        assertEquals(List.of(banner(6), disconnect(8)), read.records());
        assertEquals(1, problems.size());
        assertEquals(7, problems.get(0).lineNumber());
        assertEquals(
                "#Fields lacks [context]; keeping the previous column layout",
                problems.get(0).reason());
    }

    @Test
    void readsCsvCompatibleFieldNameRowBeforeSoftwareLine() throws IOException {
        // The "CSV compatible" writer mode: instead of the BOM, a row of field names just before #Software.
        String fieldNames =
                "date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context";
        Read read = read(write(utf8(lines(
                CRLF,
                concat(
                        List.of(fieldNames),
                        concat(RECEIVE_HEADER, E1_BANNER, E1_TLS).toArray(String[]::new))))));

        assertEquals(List.of(banner(7), tls(8)), read.records());
        assertEquals(Optional.of(SmtpDirection.RECEIVE), read.direction());
        assertEquals(0, read.linesRejected());
        assertNoProblems();
    }

    // ---- CSV rules ----

    @Test
    void unquotesCommasAndDoubledQuotesOfExampleE9() throws IOException {
        String certificateData = " CN=relay.contoso.com, OU=Messaging, O=Contoso Pharmaceuticals, L=Lisbon, C=PT"
                + " CN=Northwind RSA Server CA 2015, O=\"Northwind Traders, Inc.\", C=US"
                + " 3A7F0C19E24B8D56A1C0F3E98B27D4C1 6E2B94D0C7A15F83E9D24B60A7C3F18D5B09E2A4"
                + " relay.contoso.com;smtp.contoso.com";
        String certificateContext = "Sending certificate Certificate subject Certificate issuer name Certificate"
                + " serial number Certificate thumbprint Certificate alternate names";
        String e9Certificate = "2016-10-11T09:26:40.298Z,Smart Host Fabrikam,08D3EBD951AB8E5A,7,,,*,"
                + "\" CN=relay.contoso.com, OU=Messaging, O=Contoso Pharmaceuticals, L=Lisbon, C=PT"
                + " CN=Northwind RSA Server CA 2015, O=\"\"Northwind Traders, Inc.\"\", C=US"
                + " 3A7F0C19E24B8D56A1C0F3E98B27D4C1 6E2B94D0C7A15F83E9D24B60A7C3F18D5B09E2A4"
                + " relay.contoso.com;smtp.contoso.com\"," + certificateContext;
        String e9Banner = "2016-10-11T09:26:40.118Z,Smart Host Fabrikam,08D3EBD951AB8E5B,1,,,<,\"220 mx1.fabrikam.com"
                + " Microsoft ESMTP MAIL Service ready at Tue, 11 Oct 2016 09:26:40 +0000\",";

        Read read = read(writeExchangeFile(SEND_HEADER, e9Banner, e9Certificate));

        assertEquals(
                List.of(
                        new Row(
                                6,
                                micros("2016-10-11T09:26:40.118Z"),
                                "Smart Host Fabrikam",
                                "08D3EBD951AB8E5B",
                                1,
                                "",
                                "",
                                SmtpEvent.RECEIVED,
                                "220 mx1.fabrikam.com Microsoft ESMTP MAIL Service ready at Tue, 11 Oct 2016 09:26:40"
                                        + " +0000",
                                ""),
                        new Row(
                                7,
                                micros("2016-10-11T09:26:40.298Z"),
                                "Smart Host Fabrikam",
                                "08D3EBD951AB8E5A",
                                7,
                                "",
                                "",
                                SmtpEvent.INFORMATION,
                                certificateData,
                                certificateContext)),
                read.records());
        assertEquals(Optional.of(SmtpDirection.SEND), read.direction());
        assertEquals(
                Optional.of("CN=Northwind RSA Server CA 2015, O=\"Northwind Traders, Inc.\", C=US"),
                SingleRowCertificate.parse(read.records().get(1).data()).issuer());
        assertNoProblems();
    }

    @Test
    void keepsLeadingSpaceOfUnquotedSingleRowCertificateData() throws IOException {
        Read read = read(writeExchangeFile(RECEIVE_HEADER, E1_CERTIFICATE));

        assertEquals(List.of(certificate(6)), read.records());
        assertEquals(
                Optional.of("9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24"),
                SingleRowCertificate.parse(read.records().get(0).data()).thumbprint());
    }

    @Test
    void keepsBackslashEscapesVerbatim() throws IOException {
        // CR and LF inside a value are the two characters \r and \n, and backslashes are not escaped.
        String data = "250-EX01.contoso.com Hello\\r\\n250 SIZE C:\\path\\";
        String row = "2024-03-12T08:59:48.871Z," + E1_PREFIX + "3,10.0.0.11:25,203.0.113.45:61877,>," + data + ",";

        Read read = read(writeExchangeFile(RECEIVE_HEADER, row));

        assertEquals(List.of(e1(6, "2024-03-12T08:59:48.871Z", 3, SmtpEvent.SENT, data, "")), read.records());
    }

    @Test
    void locatesQuotedMultiLineFieldAtItsFirstLine() throws IOException {
        String multiLine = "2024-03-12T08:59:48.871Z," + E1_PREFIX
                + "3,10.0.0.11:25,203.0.113.45:61877,>,\"250-EX01.contoso.com Hello" + CRLF
                + "250 SIZE 36700160, DSN\",";
        Read read = read(writeExchangeFile(RECEIVE_HEADER, multiLine, E1_DISCONNECT));

        assertEquals(
                List.of(
                        e1(
                                6,
                                "2024-03-12T08:59:48.871Z",
                                3,
                                SmtpEvent.SENT,
                                "250-EX01.contoso.com Hello\n250 SIZE 36700160, DSN",
                                ""),
                        disconnect(8)),
                read.records());
        assertNoProblems();
    }

    @Test
    void keepsPhysicalLineNumbersAcrossBlankLines() throws IOException {
        Read read = read(writeExchangeFile(RECEIVE_HEADER, "", E1_BANNER, "", "", E1_TLS, "", E1_DISCONNECT));

        assertEquals(List.of(7L, 10L, 12L), read.lineNumbers());
        assertEquals(List.of(banner(7), tls(10), disconnect(12)), read.records());
        assertNoProblems();
    }

    @Test
    void keepsLineNumbersAfterBlankFirstLinesOfLfFile() throws IOException {
        Read read = read(write(utf8(lines(
                LF, concat(List.of("", ""), concat(RECEIVE_HEADER, E1_BANNER).toArray(String[]::new))))));

        assertEquals(List.of(banner(8)), read.records());
        assertNoProblems();
    }

    @Test
    void readsVeryLongLine() throws IOException {
        // EHLO replies and certificate name lists can be long: no small fixed line buffer.
        String data = "250  EX01.contoso.com Hello [203.0.113.45]" + " X-LONG".repeat(20_000);
        String row = "2024-03-12T08:59:48.871Z," + E1_PREFIX + "3,10.0.0.11:25,203.0.113.45:61877,>," + data + ",";

        Read read = read(writeExchangeFile(RECEIVE_HEADER, row, E1_DISCONNECT));

        assertEquals(
                List.of(e1(6, "2024-03-12T08:59:48.871Z", 3, SmtpEvent.SENT, data, ""), disconnect(7)), read.records());
    }

    @Test
    void skipsLineOverTheLengthLimitReportingItsLineAndReadsOn() throws IOException {
        // A line over 1 MiB is a broken or hostile line: it is reported and skipped, the rows after it are read.
        String data = "x".repeat(SmtpLogReader.MAX_LINE_CHARS + 10);
        String row = "2024-03-12T08:59:48.871Z," + E1_PREFIX + "3,10.0.0.11:25,203.0.113.45:61877,>," + data + ",";

        Read read = read(writeExchangeFile(RECEIVE_HEADER, E1_BANNER, row, E1_DISCONNECT));

        assertEquals(List.of(banner(6), disconnect(8)), read.records());
        assertEquals(1, problems.size());
        assertEquals(FILE, problems.get(0).file());
        assertEquals(7, problems.get(0).lineNumber());
        assertEquals("line longer than 1048576 characters", problems.get(0).reason());
        assertEquals(1, read.linesRejected());
    }

    @Test
    void strayQuoteDoesNotSwallowTheRowsAfterIt() throws IOException {
        String broken = "2024-03-12T08:59:48.871Z," + E1_PREFIX + "3,10.0.0.11:25,203.0.113.45:61877,<,\"EHLO broken,";

        Read read = read(writeExchangeFile(RECEIVE_HEADER, E1_BANNER, broken, E1_DISCONNECT));

        assertEquals(List.of(banner(6), disconnect(8)), read.records());
        assertEquals(1, problems.size());
        assertEquals(7, problems.get(0).lineNumber());
        assertEquals(1, read.linesRejected());
    }

    // ---- byte buffers, UTF-8 and keys ----

    /** Rows, problems and counts of one read, for comparing reads. */
    private record Outcome(List<Row> rows, List<String> problems, long rowsRead, long linesRejected, long linesRead) {}

    private Outcome readWithBuffer(Path file, int bufferBytes) throws IOException {
        List<LineProblem> seen = new ArrayList<>();
        try (SmtpLogReader reader = SmtpLogReader.open(file, FILE, seen::add, bufferBytes)) {
            List<Row> rows = new ArrayList<>();
            SmtpRecord record;
            while ((record = reader.next()) != null) {
                rows.add(Row.of(record));
            }
            return new Outcome(
                    rows,
                    seen.stream().map(LineProblem::describe).toList(),
                    reader.rowsRead(),
                    reader.linesRejected(),
                    reader.linesRead());
        }
    }

    @Test
    void readsTheSameWhereverItsBufferEndsAndWhenALineOutgrowsIt() throws IOException {
        // Every line crosses a boundary of a small buffer somewhere, some CR LF pairs are split by one, and most
        // lines are longer than the smallest buffers, which must grow for them.
        String multiLine = "2024-03-12T08:59:48.871Z," + E1_PREFIX
                + "3,10.0.0.11:25,203.0.113.45:61877,>,\"250-EX01.contoso.com Hello" + CRLF
                + "250 SIZE 36700160, DSN\",";
        String stray = "2024-03-12T08:59:48.871Z," + E1_PREFIX + "3,10.0.0.11:25,203.0.113.45:61877,<,\"EHLO broken,";
        String longRow = "2024-03-12T08:59:48.871Z," + E1_PREFIX + "3,10.0.0.11:25,203.0.113.45:61877,>,250 "
                + "X".repeat(5000) + ",";
        Path file = write(
                UTF8_BOM,
                utf8(lines(CRLF, concat(RECEIVE_HEADER, E1_BANNER, "", E1_CERTIFICATE, multiLine, stray))),
                utf8("2024-03-12T08:59:48.870Z," + E1_PREFIX + "2,10.0.0.11:25,203.0.113.45:61877,<,EHLO caf"),
                new byte[] {(byte) 0xC3},
                utf8(".example," + LF + longRow + LF + "one column" + CRLF + E1_TLS + CRLF + E1_DISCONNECT + CRLF));

        Outcome expected = readWithBuffer(file, 1 << 20);
        assertEquals(
                List.of(6L, 8L, 9L, 12L, 13L, 15L, 16L),
                expected.rows().stream().map(Row::lineNumber).toList());
        assertEquals(3, expected.problems().size(), "stray quote and one column rejected, bad byte reported");
        assertEquals(2, expected.linesRejected());
        for (int bufferBytes : new int[] {8, 9, 13, 16, 31, 64, 100, 333}) {
            assertEquals(expected, readWithBuffer(file, bufferBytes), "buffer of " + bufferBytes + " bytes");
        }
    }

    @Test
    void reportsInvalidUtf8InAColumnNoConnectionKeepsAndKeepsTheRow() throws IOException {
        // The problem is about the file, not about a value: a bad byte anywhere in a row is reported.
        List<String> header = List.of("#Log-type: SMTP Receive Protocol Log", FIELDS + ",server-name");
        Path file = write(
                UTF8_BOM,
                utf8(lines(CRLF, header)),
                utf8(E1_DISCONNECT + ",EX"),
                new byte[] {(byte) 0xFF, '0', '1'},
                utf8(CRLF));

        Read read = read(file);

        assertEquals(List.of(disconnect(3)), read.records(), "the columns kept are intact");
        assertEquals(
                List.of(FILE + ":3: invalid UTF-8 bytes (shown as U+FFFD); row kept"),
                problems.stream()
                        .map(problem -> problem.file() + ":" + problem.lineNumber() + ": " + problem.reason())
                        .toList());
        assertTrue(
                problems.get(0).excerpt().endsWith(",EX\uFFFD01"),
                problems.get(0).excerpt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "overlong encoding of '/', C0 AF",
        "surrogate half, ED A0 80",
        "beyond U+10FFFF, F4 90 80 80",
        "cut sequence, E2 82",
        "lone continuation byte, 80",
        "U+FFFD written as such, EF BF BD",
    })
    void reportsEveryByteSequenceTheDecoderShowsAsReplacement(String description, String hex) throws IOException {
        String[] digits = hex.split(" ");
        byte[] bytes = new byte[digits.length];
        for (int i = 0; i < digits.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits[i], 16);
        }
        String before = "2024-03-12T08:59:48.870Z," + E1_PREFIX + "2,10.0.0.11:25,203.0.113.45:61877,<,EHLO a";
        Path file = write(UTF8_BOM, utf8(lines(CRLF, RECEIVE_HEADER) + before), bytes, utf8("b," + CRLF));

        Read read = read(file);

        assertEquals(1, read.records().size());
        assertTrue(
                read.records().get(0).data().contains("\uFFFD"),
                read.records().get(0).data());
        assertEquals(1, problems.size(), description);
        assertEquals(
                "invalid UTF-8 bytes (shown as U+FFFD); row kept",
                problems.get(0).reason());
    }

    @Test
    void reportsNothingForWellFormedNonAsciiText() throws IOException {
        String row = "2024-03-13T06:41:05.300Z,EX02\\Empfang Gebäude 2 \uD83D\uDCE7,08DC3F0CC199B03D,4,10.0.0.12:25,"
                + "10.40.8.23:49162,<,EHLO пример.example,";
        Read read = read(writeExchangeFile(RECEIVE_HEADER, row));

        assertEquals(
                "EX02\\Empfang Gebäude 2 \uD83D\uDCE7", read.records().get(0).connectorId());
        assertNoProblems();
    }

    @Test
    void keysHexSessionIdsByNumberAndGuidsByText() throws IOException {
        Path file = writeExchangeFile(
                RECEIVE_HEADER,
                rowWithSessionId("08DC3B4192B4C1A7"),
                rowWithSessionId("5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a34"));
        try (SmtpLogReader reader = SmtpLogReader.open(file, FILE, problems::add)) {
            SmtpRecord hex = reader.next();
            assertTrue(hex.hasNumericSessionId());
            assertEquals(0x08DC3B4192B4C1A7L, hex.sessionKey());
            SmtpRecord guid = reader.next();
            assertFalse(guid.hasNumericSessionId());
            assertEquals("5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a34", guid.sessionId());
        }
    }

    @Test
    void sharesOneStringPerConnectorName() throws IOException {
        Path file = writeExchangeFile(RECEIVE_HEADER, E1_BANNER, E1_TLS);
        try (SmtpLogReader reader = SmtpLogReader.open(file, FILE, problems::add)) {
            String first = reader.next().connectorId();
            assertSame(first, reader.next().connectorId());
        }
    }

    // ---- live files ----

    @Test
    void ignoresTruncatedLastLineOfGrowingFile() throws IOException {
        String complete = lines(CRLF, concat(RECEIVE_HEADER, E1_BANNER));
        String partial = E1_TLS.substring(0, 60);
        Path file = write(UTF8_BOM, utf8(complete + partial));

        Read read = read(file);

        assertEquals(List.of(banner(6)), read.records());
        assertEquals(UTF8_BOM.length + utf8(complete).length, read.completeBytes());
        assertNoProblems();
    }

    @Test
    void waitsForLineFeedOfLastLineEndingInCarriageReturn() throws IOException {
        // The writer's buffer was flushed between CR and LF.
        String complete = lines(CRLF, concat(RECEIVE_HEADER, E1_BANNER));
        Path file = write(UTF8_BOM, utf8(complete + E1_TLS + "\r"));

        Read read = read(file);

        assertEquals(List.of(banner(6)), read.records());
        assertNoProblems();
    }

    @Test
    void readsCompletedLastLineOnceWriterFinishesIt() throws IOException {
        String complete = lines(CRLF, concat(RECEIVE_HEADER, E1_BANNER));
        Path file = write(UTF8_BOM, utf8(complete + E1_TLS.substring(0, 60)));
        assertEquals(List.of(banner(6)), read(file).records());

        Files.write(file, utf8(E1_TLS.substring(60) + CRLF), StandardOpenOption.APPEND);

        assertEquals(List.of(banner(6), tls(7)), read(file).records());
        assertNoProblems();
    }

    @Test
    void readsNothingFromFileWithoutCompleteLine() throws IOException {
        Read read = read(write(UTF8_BOM, utf8("#Software: Microsoft Exch")));

        assertEquals(List.of(), read.records());
        assertEquals(0, read.completeBytes());
        assertNoProblems();
    }

    // ---- malformed rows ----

    static Stream<Arguments> malformedRows() {
        return Stream.of(
                Arguments.of(
                        "E7 placeholder date-time",
                        "yyyy-MM-ddTHH:mm:ss.fffZ,Partner Relay to Fabrikam,<SessionId>,31,10.0.0.12:52904,"
                                + "203.0.113.25:25,*,,Sending certificate",
                        "date-time is not yyyy-MM-ddTHH:mm:ss.fffZ"),
                Arguments.of(
                        "impossible date",
                        "2024-02-30T09:00:00.254Z," + E1_PREFIX + "8,10.0.0.11:25,203.0.113.45:61877,<,EHLO x,",
                        "date-time is not yyyy-MM-ddTHH:mm:ss.fffZ"),
                Arguments.of(
                        "E7 placeholder session id",
                        "2024-03-12T09:00:00.254Z,Partner Relay to Fabrikam,<SessionId>,31,10.0.0.12:52904,"
                                + "203.0.113.25:25,*,,Sending certificate",
                        "session-id is not a hexadecimal id"),
                Arguments.of(
                        "empty session id",
                        "2024-03-12T09:00:00.254Z," + E1_CONNECTOR + ",,8,10.0.0.11:25,203.0.113.45:61877,<,EHLO x,",
                        "session-id is not a hexadecimal id"),
                Arguments.of(
                        "E7 8 columns instead of 9",
                        "2024-03-12T09:00:00.254Z,Partner Relay to Fabrikam,08DC3B4192B4C1A7,36,10.0.0.12:52904,"
                                + "203.0.113.25:25,*,relay.contoso.com;smtp.contoso.com Certificate alternate names",
                        "expected 9 columns, found 8"),
                Arguments.of("10 columns", E1_DISCONNECT + ",extra", "expected 9 columns, found 10"),
                Arguments.of(
                        "unknown event ?",
                        "2024-03-12T09:00:00.254Z," + E1_PREFIX + "8,10.0.0.11:25,203.0.113.45:61877,?,EHLO x,",
                        "event is not one of + - > < *"),
                Arguments.of(
                        "two-character event",
                        "2024-03-12T09:00:00.254Z," + E1_PREFIX + "8,10.0.0.11:25,203.0.113.45:61877,<<,EHLO x,",
                        "event is not one of + - > < *"),
                Arguments.of(
                        "empty event",
                        "2024-03-12T09:00:00.254Z," + E1_PREFIX + "8,10.0.0.11:25,203.0.113.45:61877,,EHLO x,",
                        "event is not one of + - > < *"),
                Arguments.of(
                        "non-numeric sequence number",
                        "2024-03-12T09:00:00.254Z," + E1_PREFIX + "8a,10.0.0.11:25,203.0.113.45:61877,<,EHLO x,",
                        "sequence-number is not a whole number"),
                Arguments.of(
                        "negative sequence number",
                        "2024-03-12T09:00:00.254Z," + E1_PREFIX + "-1,10.0.0.11:25,203.0.113.45:61877,<,EHLO x,",
                        "sequence-number is not a whole number"),
                Arguments.of("one column of text", "this is not a log row", "expected 9 columns, found 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRows")
    void reportsMalformedRowWithLineAndReasonAndSkipsIt(String description, String row, String reason)
            throws IOException {
        Read read = read(writeExchangeFile(RECEIVE_HEADER, E1_BANNER, row, E1_DISCONNECT));

        assertEquals(List.of(banner(6), disconnect(8)), read.records());
        assertEquals(1, problems.size());
        LineProblem problem = problems.get(0);
        assertEquals(FILE, problem.file());
        assertEquals(7, problem.lineNumber());
        assertEquals(reason, problem.reason());
        assertEquals(LineProblem.excerpt(row), problem.excerpt());
        assertEquals(FILE + ":7: " + reason + ": \"" + LineProblem.excerpt(row) + "\"", problem.describe());
        assertEquals(1, read.linesRejected());
        assertEquals(2, read.rowsRead());
    }

    @Test
    void skipsEveryRowOfDocumentationExcerptE7WithItsLine() throws IOException {
        Path file = writeExchangeFile(
                SEND_HEADER,
                "yyyy-MM-ddTHH:mm:ss.fffZ,Partner Relay to Fabrikam,<SessionId>,31,10.0.0.12:52904,203.0.113.25:25,*,,"
                        + "Sending certificate",
                "yyyy-MM-ddTHH:mm:ss.fffZ,Partner Relay to Fabrikam,<SessionId>,32,10.0.0.12:52904,203.0.113.25:25,*,"
                        + "CN=relay.contoso.com,Certificate subject",
                "yyyy-MM-ddTHH:mm:ss.fffZ,Partner Relay to Fabrikam,<SessionId>,33,10.0.0.12:52904,203.0.113.25:25,*,"
                        + "\"CN=****, OU=****, O=****, C=**\",Certificate issuer name",
                "yyyy-MM-ddTHH:mm:ss.fffZ,Partner Relay to Fabrikam,<SessionId>,34,10.0.0.12:52904,203.0.113.25:25,*,"
                        + "****************,Certificate serial number",
                "yyyy-MM-ddTHH:mm:ss.fffZ,Partner Relay to Fabrikam,<SessionId>,35,10.0.0.12:52904,203.0.113.25:25,*,"
                        + "********************************,Certificate thumbprint",
                "yyyy-MM-ddTHH:mm:ss.fffZ,Partner Relay to Fabrikam,<SessionId>,36,10.0.0.12:52904,203.0.113.25:25,*,"
                        + "relay.contoso.com;smtp.contoso.com Certificate alternate names",
                "yyyy-MM-ddTHH:mm:ss.fffZ,Partner Relay to Fabrikam,<SessionId>,37,10.0.0.12:52904,203.0.113.52:25,*,,"
                        + "TLS negotiation failed with error UnknownCredentials");

        Read read = read(file);

        String date = "date-time is not yyyy-MM-ddTHH:mm:ss.fffZ";
        assertEquals(List.of(), read.records());
        assertEquals(
                List.of(
                        "6 " + date,
                        "7 " + date,
                        "8 " + date,
                        "9 " + date,
                        "10 " + date,
                        "11 expected 9 columns, found 8",
                        "12 " + date),
                problems.stream()
                        .map(problem -> problem.lineNumber() + " " + problem.reason())
                        .toList());
        assertEquals(7, read.linesRejected());
        assertTrue(problems.stream().allMatch(problem -> problem.file().equals(FILE)));
    }

    // ---- values preserved as logged ----

    @Test
    void preservesNonAsciiReceiveConnectorNameOfExampleE2() throws IOException {
        String connector = "EX02\\Scanner-Empfang Gebäude B";
        String context = "TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk encryption algorithm"
                + " CALG_3DES with strength 168 bits, MAC hash algorithm CALG_SHA1 with strength 160 bits and key exchange"
                + " algorithm CALG_RSA_KEYX with strength 2048 bits";
        String row = "2024-03-13T06:41:05.388Z," + connector + ",08DC3F0CC199B03D,7,10.0.0.12:25,10.40.8.23:49162,*,,\""
                + context + "\"";

        Read read = read(writeExchangeFile(RECEIVE_HEADER, row));

        assertEquals(
                List.of(new Row(
                        6,
                        micros("2024-03-13T06:41:05.388Z"),
                        connector,
                        "08DC3F0CC199B03D",
                        7,
                        "10.0.0.12:25",
                        "10.40.8.23:49162",
                        SmtpEvent.INFORMATION,
                        "",
                        context)),
                read.records());
        assertNoProblems();
    }

    @Test
    void preservesCyrillicSendConnectorNameAndMaskedEndpointsOfExampleE5() throws IOException {
        String connector = "Соединитель отправки SMTP внутри организации";
        String prefix = "2021-06-15T13:22:09.574Z," + connector + ",08D92E2647ED3A6C,";
        Path file = writeExchangeFile(
                SEND_HEADER,
                "2021-06-15T13:22:09.571Z," + connector + ",08D92E2647ED3A6C,17,10.**.**.21:41872,10.**.**.64:25,>,"
                        + "STARTTLS,",
                prefix + "18,10.**.**.21:41872,10.**.**.64:25,<,220 2.0.0 SMTP server ready,");

        Read read = read(file);

        assertEquals(
                List.of(
                        new Row(
                                6,
                                micros("2021-06-15T13:22:09.571Z"),
                                connector,
                                "08D92E2647ED3A6C",
                                17,
                                "10.**.**.21:41872",
                                "10.**.**.64:25",
                                SmtpEvent.SENT,
                                "STARTTLS",
                                ""),
                        new Row(
                                7,
                                micros("2021-06-15T13:22:09.574Z"),
                                connector,
                                "08D92E2647ED3A6C",
                                18,
                                "10.**.**.21:41872",
                                "10.**.**.64:25",
                                SmtpEvent.RECEIVED,
                                "220 2.0.0 SMTP server ready",
                                "")),
                read.records());
        assertEquals(Optional.of(SmtpDirection.SEND), read.direction());
        assertNoProblems();
    }

    @Test
    void preservesIpv6EndpointsRaw() throws IOException {
        String row = "2024-03-12T08:59:47.301Z," + E1_PREFIX + "0,[2001:db8::25]:25,[fe80::1%7]:61877,+,,";

        Read read = read(writeExchangeFile(RECEIVE_HEADER, row));

        assertEquals(
                List.of(new Row(
                        6,
                        micros("2024-03-12T08:59:47.301Z"),
                        E1_CONNECTOR,
                        E1_SESSION,
                        0,
                        "[2001:db8::25]:25",
                        "[fe80::1%7]:61877",
                        SmtpEvent.CONNECT,
                        "",
                        "")),
                read.records());
        assertNoProblems();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"+, CONNECT", "-, DISCONNECT", ">, SENT", "<, RECEIVED", "*, INFORMATION"})
    void readsEveryEventCode(String code, SmtpEvent event) throws IOException {
        String row = "2024-03-12T08:59:47.301Z," + E1_PREFIX + "0,10.0.0.11:25,203.0.113.45:61877," + code + ",,";

        Read read = read(writeExchangeFile(RECEIVE_HEADER, row));

        assertEquals(1, read.records().size());
        assertEquals(event, read.records().get(0).event());
    }

    // ---- session ids and placeholder timestamps ----

    private static String rowWithSessionId(String sessionId) {
        return "2024-03-12T09:00:00.254Z," + E1_CONNECTOR + "," + sessionId
                + ",8,10.0.0.11:25,203.0.113.45:61877,<,EHLO x,";
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
        "08DC3B4192B4C1A7", // what real files show
        "08dc3b4192b4c1a7",
        "5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a34", // the GUID form the documentation names
        "5C0F2E7A-91D4-4B3E-A6C8-2F7D1E9B0A34",
        "{5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a34}",
    })
    void acceptsSessionIdsOfSixteenHexDigitsOrAGuid(String sessionId) throws IOException {
        Read read = read(writeExchangeFile(RECEIVE_HEADER, rowWithSessionId(sessionId)));

        assertEquals(1, read.records().size(), problems.toString());
        assertEquals(sessionId, read.records().get(0).sessionId());
        assertNoProblems();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
        "-",
        "{}",
        "<SessionId>",
        "----",
        "ABC", // three hex digits
        "08DC3B4192B4C1A", // fifteen
        "08DC3B4192B4C1A70", // seventeen
        "08DC3B4192B4C1AG",
        "08DC-3B41-92B4-C1A7",
        "{08DC3B4192B4C1A7}",
        "5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a3", // one digit short
        "5c0f2e7a91d4-4b3e-a6c8-2f7d1e9b0a34-",
        "{5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a34",
        "5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a34}",
        "5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a3g",
        "０８DC3B4192B4C1A7", // full-width digits
    })
    void rejectsSessionIdsThatAreNotAnId(String sessionId) throws IOException {
        String row = rowWithSessionId(sessionId);

        Read read = read(writeExchangeFile(RECEIVE_HEADER, row));

        assertEquals(List.of(), read.records());
        assertEquals(1, problems.size());
        assertEquals(6, problems.get(0).lineNumber());
        assertEquals("session-id is not a hexadecimal id", problems.get(0).reason());
        assertEquals(1, read.linesRejected());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0001-01-01T00:00:00.000Z", // .NET DateTime.MinValue
        "9999-12-31T23:59:59.999Z", // DateTime.MaxValue
        "1970-01-01T00:00:00.000Z",
    })
    void rejectsPlaceholderTimestampsAndCountsThem(String dateTime) throws IOException {
        String row = dateTime + "," + E1_PREFIX + "8,10.0.0.11:25,203.0.113.45:61877,<,EHLO x,";

        Read read = read(writeExchangeFile(RECEIVE_HEADER, E1_BANNER, row, E1_DISCONNECT));

        assertEquals(List.of(banner(6), disconnect(8)), read.records());
        assertEquals(1, problems.size());
        assertEquals(7, problems.get(0).lineNumber());
        assertEquals(
                "date-time is not yyyy-MM-ddTHH:mm:ss.fffZ", problems.get(0).reason());
        assertEquals(1, read.linesRejected());
    }
}
