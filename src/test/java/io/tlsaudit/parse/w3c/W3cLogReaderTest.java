package io.tlsaudit.parse.w3c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.LogLines;
import io.tlsaudit.parse.ResumePoint;
import io.tlsaudit.parse.UtcTimestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class W3cLogReaderTest {

    private static final String HEADER = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
            + "#Date: 2024-03-12 00:00:01\r\n";
    private static final String CRYPT_FIELDS = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port"
            + " cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"
            + " crypt-protocol crypt-cipher crypt-hash crypt-keyexchange\r\n";

    @TempDir
    Path folder;

    private final List<LineProblem> problems = new ArrayList<>();

    private List<IisRequest> read(String text, IisFieldNames names) throws IOException {
        Path file = folder.resolve("u_ex240312_x.log");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<IisRequest> requests = new ArrayList<>();
        try (W3cLogReader reader = W3cLogReader.open(file, "u_ex240312_x.log", problems::add, names)) {
            IisRequest request;
            while ((request = reader.next()) != null) {
                requests.add(request);
            }
        }
        return requests;
    }

    @Test
    void decodesTheDocumentedExampleLines() throws IOException {
        // Constructed requests: EWS on TLS 1.2, ActiveSync on TLS 1.0, OWA on TLS 1.1, a plain-HTTP PowerShell probe.
        List<IisRequest> requests = read(
                HEADER + CRYPT_FIELDS
                        + "2024-03-12 07:15:02 10.0.0.11 POST /EWS/Exchange.asmx &CorrelationID=<empty>;&cafeReqId=5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a34; 443 CONTOSO\\svc-archive 198.51.100.40 ExchangeServicesClient/15.00.0847.030 - 200 0 0 41 400 6610 800d ae06\r\n"
                        + "2024-03-12 08:01:12 10.0.0.11 POST /Microsoft-Server-ActiveSync/default.eas Cmd=Ping&User=kim&DeviceId=DEV7731&DeviceType=Android 443 kim@contoso.com 203.0.113.171 Android-Mail/2024.01.14 - 200 0 0 480012 40 6610 8004 ae06\r\n"
                        + "2024-03-12 08:02:40 10.0.0.11 GET /owa/ - 443 - 203.0.113.9 Mozilla/5.0+(Windows+NT+6.1;+Trident/7.0;+rv:11.0)+like+Gecko - 302 0 0 15 100 6603 8004 a400\r\n"
                        + "2024-03-12 08:03:05 10.0.0.11 POST /powershell clientApplication=ActiveMonitor;PSVersion=5.1.17763.1 80 CONTOSO\\HealthMailbox7f3c21 10.0.0.11 Microsoft+WinRM+Client - 200 0 0 27 - - - -\r\n",
                IisFieldNames.standard());
        assertEquals(4, requests.size());
        IisRequest ews = requests.get(0);
        assertEquals(5, ews.lineNumber());
        assertEquals(UtcTimestamps.parseIso("2024-03-12T07:15:02Z"), ews.epochMicros());
        assertEquals("198.51.100.40", ews.clientIp());
        assertNull(ews.proxyIp());
        assertEquals("CONTOSO\\svc-archive", ews.username());
        assertEquals("ExchangeServicesClient/15.00.0847.030", ews.userAgent());
        assertEquals(ClientProtocol.EWS, ews.clientProtocol());
        assertEquals("POST", ews.method());
        assertEquals(443, ews.serverPort());
        assertEquals(200, ews.status());
        assertTrue(ews.tlsLogged());
        assertEquals("TLS 1.2", ews.tlsProtocol());
        assertEquals("AES_256", ews.cipher());
        assertEquals("SHA_384", ews.mac());
        assertEquals("ECDHE", ews.keyExchange());
        assertFalse(ews.probe());

        IisRequest activeSync = requests.get(1);
        assertEquals(ClientProtocol.ACTIVESYNC, activeSync.clientProtocol());
        assertEquals("TLS 1.0", activeSync.tlsProtocol());
        assertEquals("SHA1", activeSync.mac());

        IisRequest owa = requests.get(2);
        assertNull(owa.username());
        assertEquals("Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko", owa.userAgent());
        assertEquals("TLS 1.1", owa.tlsProtocol());
        assertEquals("3DES", owa.cipher());
        assertEquals("RSA_KEYX", owa.keyExchange());
        assertEquals(302, owa.status());

        IisRequest powershell = requests.get(3);
        assertEquals(ClientProtocol.POWERSHELL, powershell.clientProtocol());
        assertTrue(powershell.tlsLogged(), "the fields are logged: this request was plain HTTP");
        assertNull(powershell.tlsProtocol());
        assertNull(powershell.cipher());
        assertTrue(powershell.probe());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void switchesColumnMapAtHeaderRewrittenMidFileWithAdminChosenNamesAndForwardedFor() throws IOException {
        List<IisRequest> requests = read(
                HEADER + CRYPT_FIELDS
                        + "2024-03-12 09:40:00 10.0.0.11 GET /owa/ - 443 - 203.0.113.9 UA - 200 0 0 15 400 660e 800c ae06\r\n"
                        + HEADER.replace("00:00:01", "09:41:27")
                        + "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken TlsVersion TlsCipher TlsHash TlsKeyExchange X-Forwarded-For\r\n"
                        + "2024-03-12 09:41:30 10.0.0.11 POST /mapi/emsmdb/ mailboxId=x@contoso.com 443 CONTOSO\\lee 10.20.30.50 Outlook - 200 0 0 52 400 6610 800c a400 -\r\n"
                        + "2024-03-12 09:41:33 10.0.0.11 POST /owa/service.svc action=GetItem 443 CONTOSO\\p.vogel 10.0.0.5 Chrome - 200 0 0 167 40 660e 800c ae06 203.0.113.77,+10.0.0.5\r\n",
                IisFieldNames.standard());
        assertEquals(3, requests.size());
        assertEquals("TLS 1.2", requests.get(0).tlsProtocol());
        assertEquals("AES_128", requests.get(0).cipher());
        IisRequest mapi = requests.get(1);
        assertEquals(ClientProtocol.MAPI, mapi.clientProtocol());
        assertEquals("AES_256", mapi.cipher());
        assertEquals("SHA_256", mapi.mac());
        assertEquals("RSA_KEYX", mapi.keyExchange());
        assertEquals("10.20.30.50", mapi.clientIp());
        assertNull(mapi.proxyIp());
        IisRequest behindBalancer = requests.get(2);
        assertEquals("203.0.113.77", behindBalancer.clientIp());
        assertEquals("10.0.0.5", behindBalancer.proxyIp());
        assertEquals("TLS 1.0", behindBalancer.tlsProtocol());
        assertEquals(11, behindBalancer.lineNumber());
    }

    @Test
    void readsFieldsUnderNamesGivenOnTheCommandLine() throws IOException {
        IisFieldNames names = IisFieldNames.withExtra(Map.of(
                IisFieldNames.Role.PROTOCOL, "SslProto",
                IisFieldNames.Role.CIPHER, "SslCipher",
                IisFieldNames.Role.CLIENT_IP, "True-Client-IP"));
        List<IisRequest> requests = read(
                HEADER
                        + "#Fields: date time cs-uri-stem c-ip SslProto SslCipher True-Client-IP\r\n"
                        + "2024-03-12 10:00:00 /EWS/Exchange.asmx 10.0.0.5 100 6603 [2001:db8:44::9]\r\n",
                names);
        IisRequest request = requests.get(0);
        assertEquals("TLS 1.1", request.tlsProtocol());
        assertEquals("3DES", request.cipher());
        assertNull(request.mac(), "no hash field in this layout");
        assertEquals("2001:db8:44::9", request.clientIp());
        assertEquals("10.0.0.5", request.proxyIp());
        assertEquals(-1, request.serverPort());
    }

    @Test
    void filesWithoutCryptFieldsLoadWithTlsUnknown() throws IOException {
        List<IisRequest> requests = read(
                HEADER
                        + "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n"
                        + "2024-03-13 00:07:14 10.0.0.12 GET /owa/ - 443 - 2001:db8::77 UA - 200 0 0 15\n",
                IisFieldNames.standard());
        IisRequest request = requests.get(0);
        assertFalse(request.tlsLogged());
        assertNull(request.tlsProtocol());
        assertEquals("2001:db8::77", request.clientIp());
    }

    @Test
    void reportsLinesWithWrongFieldCountOrDateAndKeepsGoing() throws IOException {
        List<IisRequest> requests = read(
                HEADER + CRYPT_FIELDS
                        + "2024-03-12 07:31:09 10.0.0.11 POST /owa/auth.owa - 443 a@contoso.com 203.0.113.9 UA - 200 0 0 400 6610 800d ae06\r\n"
                        + "2024-13-12 07:31:09 10.0.0.11 POST /owa/auth.owa - 443 a@contoso.com 203.0.113.9 UA - 200 0 0 1 400 6610 800d ae06\r\n"
                        + "2024-03-12 07:31:10 10.0.0.11 POST /owa/auth.owa - 443 a@contoso.com 203.0.113.9 UA - 200 0 0 1 400 6610 800d ae06\r\n"
                        + "2024-03-12 07:31:11 10.0.0.11 POST /owa/auth.owa - 443 a@contoso.com 203.0.113.9 UA - 200 0 0 1 400 6610 800d ae06",
                IisFieldNames.standard());
        assertEquals(1, requests.size(), "the unterminated last line is left for a later run");
        assertEquals(7, requests.get(0).lineNumber());
        assertEquals(2, problems.size());
        assertEquals(5, problems.get(0).lineNumber());
        assertEquals(
                "expected 19 fields as #Fields says, found 18", problems.get(0).reason());
        assertEquals(6, problems.get(1).lineNumber());
        assertEquals(
                "date/time is not yyyy-MM-dd HH:mm:ss in the years 1990 to 2100",
                problems.get(1).reason());
        assertEquals(
                LocalDateTime.of(2024, 3, 12, 7, 31, 10),
                UtcTimestamps.toLocalDateTime(requests.get(0).epochMicros()));
    }

    private static LocalDateTime at(IisRequest request) {
        return UtcTimestamps.toLocalDateTime(request.epochMicros());
    }

    @Test
    void datesRequestsOfABlockWithoutDateFieldFromTheDateDirective() throws IOException {
        // A daily file: its header is written just after midnight and its rows run to the end of the day.
        List<IisRequest> requests = read(
                HEADER
                        + "#Fields: time c-ip cs-uri-stem sc-status\r\n"
                        + "00:00:00 203.0.113.9 /owa/ 200\r\n"
                        + "07:15:02 203.0.113.9 /owa/ 200\r\n"
                        + "23:59:59 203.0.113.9 /owa/ 200\r\n",
                IisFieldNames.standard());
        assertEquals(
                List.of(
                        LocalDateTime.of(2024, 3, 12, 0, 0, 0),
                        LocalDateTime.of(2024, 3, 12, 7, 15, 2),
                        LocalDateTime.of(2024, 3, 12, 23, 59, 59)),
                requests.stream().map(W3cLogReaderTest::at).toList());
        assertEquals(200, requests.get(0).status());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void placesTimesWellBeforeTheDateDirectiveOnTheNextDay() throws IOException {
        List<IisRequest> requests = read(
                HEADER.replace("00:00:01", "09:41:27")
                        + "#Fields: time c-ip cs-uri-stem\r\n"
                        + "09:41:30 203.0.113.9 /owa/\r\n"
                        + "09:10:00 203.0.113.9 /owa/\r\n" // buffered: written after later rows
                        + "08:41:27 203.0.113.9 /owa/\r\n" // exactly one hour before: still that day
                        + "23:00:00 203.0.113.9 /owa/\r\n"
                        + "00:05:00 203.0.113.9 /owa/\r\n" // after midnight
                        + "08:41:26 203.0.113.9 /owa/\r\n",
                IisFieldNames.standard());
        assertEquals(
                List.of(
                        LocalDateTime.of(2024, 3, 12, 9, 41, 30),
                        LocalDateTime.of(2024, 3, 12, 9, 10, 0),
                        LocalDateTime.of(2024, 3, 12, 8, 41, 27),
                        LocalDateTime.of(2024, 3, 12, 23, 0, 0),
                        LocalDateTime.of(2024, 3, 13, 0, 5, 0),
                        LocalDateTime.of(2024, 3, 13, 8, 41, 26)),
                requests.stream().map(W3cLogReaderTest::at).toList());
    }

    @Test
    void takesTheLatestDateDirective() throws IOException {
        List<IisRequest> requests = read(
                HEADER
                        + "#Fields: time c-ip cs-uri-stem\r\n"
                        + "23:59:58 203.0.113.9 /owa/\r\n"
                        + "#Date: 2024-03-13 00:00:02\r\n"
                        + "00:00:03 203.0.113.9 /owa/\r\n"
                        + "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                        + "#Date: 2024-03-14 12:00:00\r\n"
                        + "#Fields: time c-ip cs-uri-stem\r\n"
                        + "12:00:01 203.0.113.9 /owa/\r\n",
                IisFieldNames.standard());
        assertEquals(
                List.of(
                        LocalDateTime.of(2024, 3, 12, 23, 59, 58),
                        LocalDateTime.of(2024, 3, 13, 0, 0, 3),
                        LocalDateTime.of(2024, 3, 14, 12, 0, 1)),
                requests.stream().map(W3cLogReaderTest::at).toList());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void rejectsRequestsWithoutDateFieldWhenNoDateDirectiveCameBefore() throws IOException {
        List<IisRequest> requests = read(
                "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                        + "#Fields: time c-ip cs-uri-stem\r\n"
                        + "07:00:00 203.0.113.9 /owa/\r\n"
                        + "#Date: 2024-03-12 07:00:01\r\n"
                        + "07:00:02 203.0.113.9 /owa/\r\n",
                IisFieldNames.standard());
        assertEquals(1, requests.size());
        assertEquals(LocalDateTime.of(2024, 3, 12, 7, 0, 2), at(requests.get(0)));
        assertEquals(1, problems.size());
        assertEquals(4, problems.get(0).lineNumber());
        assertEquals(
                "no date: #Fields has no date field and no valid #Date line came before",
                problems.get(0).reason());
    }

    @Test
    void reportsAnInvalidDateDirectiveAndDatesNothingFromIt() throws IOException {
        List<IisRequest> requests = read(
                "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                        + "#Date: 0001-01-01 00:00:00\r\n"
                        + "#Fields: time c-ip cs-uri-stem\r\n"
                        + "07:00:00 203.0.113.9 /owa/\r\n",
                IisFieldNames.standard());
        assertEquals(List.of(), requests);
        assertEquals(
                List.of(
                        "3 #Date is not yyyy-MM-dd HH:mm:ss in the years 1990 to 2100",
                        "5 no date: #Fields has no date field and no valid #Date line came before"),
                problems.stream().map(p -> p.lineNumber() + " " + p.reason()).toList());
    }

    @Test
    void resumesABlockWithoutDateFieldWithItsDateDirective() throws IOException {
        Path file = folder.resolve("u_ex240312_x.log");
        String head = HEADER.replace("00:00:01", "09:41:27")
                + "#Fields: time c-ip cs-uri-stem\r\n"
                + "09:41:30 203.0.113.9 /owa/\r\n";
        Files.writeString(file, head, StandardCharsets.UTF_8);
        ResumePoint stop;
        try (W3cLogReader reader =
                W3cLogReader.open(file, "u_ex240312_x.log", problems::add, IisFieldNames.standard())) {
            assertEquals(LocalDateTime.of(2024, 3, 12, 9, 41, 30), at(reader.next()));
            assertNull(reader.next());
            stop = new ResumePoint(reader.completeBytes(), reader.linesRead(), reader.fieldsLine(), Optional.empty());
        }
        Files.writeString(file, head + "00:05:00 203.0.113.9 /owa/\r\n", StandardCharsets.UTF_8);
        try (W3cLogReader reader =
                W3cLogReader.open(file, "u_ex240312_x.log", problems::add, IisFieldNames.standard(), stop)) {
            IisRequest request = reader.next();
            assertEquals(6, request.lineNumber());
            assertEquals(LocalDateTime.of(2024, 3, 13, 0, 5, 0), at(request));
        }
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void resumedUnderAnUnusableFieldsLineRejectsLinesWithoutReportingTheFieldsLineAgain() throws IOException {
        Path file = folder.resolve("u_ex240312_x.log");
        String head = HEADER + "#Fields: date time cs-uri-stem\r\n";
        Files.writeString(file, head + "2024-03-12 07:31:09 /owa/\r\n", StandardCharsets.UTF_8);
        ResumePoint stop =
                new ResumePoint(Files.size(file), 5, Optional.of("#Fields: date time cs-uri-stem"), Optional.empty());
        Files.writeString(file, head + "2024-03-12 07:31:09 /owa/\r\n2024-03-12 07:31:10 /owa/\r\n");
        try (W3cLogReader reader =
                W3cLogReader.open(file, "u_ex240312_x.log", problems::add, IisFieldNames.standard(), stop)) {
            assertNull(reader.next());
        }
        assertEquals(
                List.of("6 request line under an unusable #Fields line: #Fields lacks c-ip"),
                problems.stream().map(p -> p.lineNumber() + " " + p.reason()).toList());
    }

    @Test
    void readsABlockWithoutUriStemAsClientProtocolOther() throws IOException {
        List<IisRequest> requests = read(
                HEADER + "#Fields: date time c-ip sc-status\r\n" + "2024-03-12 07:31:09 203.0.113.9 401\r\n",
                IisFieldNames.standard());
        IisRequest request = requests.get(0);
        assertNull(request.uriStem());
        assertEquals(ClientProtocol.OTHER, request.clientProtocol());
        assertEquals(401, request.status());
        assertFalse(request.tlsLogged());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void rejectsABlockWithoutClientAddressOrTimeSayingWhatIsMissing() throws IOException {
        List<IisRequest> requests = read(
                HEADER
                        + "#Fields: date time cs-uri-stem\r\n"
                        + "2024-03-12 07:31:09 /owa/\r\n"
                        + "#Fields: date cs-uri-stem\r\n"
                        + "2024-03-12 /owa/\r\n",
                IisFieldNames.standard());
        assertEquals(List.of(), requests);
        assertEquals(
                List.of(
                        "4 #Fields lacks c-ip; lines up to the next #Fields are skipped",
                        "5 request line under an unusable #Fields line (line 4): #Fields lacks c-ip",
                        "6 #Fields lacks time and c-ip; lines up to the next #Fields are skipped",
                        "7 request line under an unusable #Fields line (line 6): #Fields lacks time and c-ip"),
                problems.stream().map(p -> p.lineNumber() + " " + p.reason()).toList());
    }

    @Test
    void saysTheBlockIsUnusableRatherThanThatNoUsableBlockCameBefore() throws IOException {
        List<IisRequest> requests = read(
                "#Software: Microsoft Internet Information Services 10.0\r\n"
                        + "2024-03-12 07:31:08 203.0.113.9 /owa/\r\n"
                        + "#Date: 2024-03-12 00:00:01\r\n"
                        + "#Fields: date time c-ip cs-uri-stem\r\n"
                        + "2024-03-12 07:31:09 203.0.113.9 /owa/\r\n"
                        + "#Fields: date c-ip cs-uri-stem\r\n"
                        + "2024-03-12 203.0.113.9 /owa/\r\n",
                IisFieldNames.standard());
        assertEquals(1, requests.size());
        assertEquals(
                List.of(
                        "2 request line before any usable #Fields line",
                        "6 #Fields lacks time; lines up to the next #Fields are skipped",
                        "7 request line under an unusable #Fields line (line 6): #Fields lacks time"),
                problems.stream().map(p -> p.lineNumber() + " " + p.reason()).toList());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "-, NULL",
                "203.0.113.9, 203.0.113.9",
                "203.0.113.9:5555, 203.0.113.9",
                "[2001:db8::1]:5555, 2001:db8::1",
                "[2001:db8::1], 2001:db8::1",
                "2001:db8::1, 2001:db8::1",
                "2001:db8::1:5555, 2001:db8::1:5555",
                "host.contoso.com, host.contoso.com",
            })
    void readsTheClientAddressWithoutItsPortAndDashAsNull(String cIp, String clientIp) throws IOException {
        List<IisRequest> requests = read(
                HEADER + "#Fields: date time cs-uri-stem c-ip\r\n" + "2024-03-12 07:31:09 /owa/ " + cIp + "\r\n",
                IisFieldNames.standard());
        assertEquals(clientIp, requests.get(0).clientIp());
        assertNull(requests.get(0).proxyIp());
        assertFalse(requests.get(0).forwardedInvalid());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "-                            | 10.0.0.5      | NULL     | false",
                "203.0.113.77,+10.0.0.5       | 203.0.113.77  | 10.0.0.5 | false",
                "203.0.113.77:51234           | 203.0.113.77  | 10.0.0.5 | false",
                "[2001:db8::9]:443,+10.0.0.5  | 2001:db8::9   | 10.0.0.5 | false",
                "2001:db8::9                  | 2001:db8::9   | 10.0.0.5 | false",
                "unknown                      | 10.0.0.5      | NULL     | true",
                "<script>alert(1)</script>    | 10.0.0.5      | NULL     | true",
                "999.0.113.77                 | 10.0.0.5      | NULL     | true",
                "evil.example.com,+10.0.0.5   | 10.0.0.5      | NULL     | true",
                ",203.0.113.77                | 10.0.0.5      | NULL     | true",
                "203.0.113.77junk             | 10.0.0.5      | NULL     | true",
            })
    void takesAForwardedClientOnlyWhenItIsAnIpAddress(
            String forwarded, String clientIp, String proxyIp, boolean forwardedInvalid) throws IOException {
        List<IisRequest> requests = read(
                HEADER
                        + "#Fields: date time cs-uri-stem c-ip X-Forwarded-For\r\n"
                        + "2024-03-12 07:31:09 /owa/ 10.0.0.5 " + forwarded + "\r\n",
                IisFieldNames.standard());
        IisRequest request = requests.get(0);
        assertEquals(clientIp, request.clientIp());
        assertEquals(proxyIp, request.proxyIp());
        assertEquals(forwardedInvalid, request.forwardedInvalid());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void capsUserNameAndClientAddressLikeUserAgents() throws IOException {
        String longName = "CONTOSO\\" + "a".repeat(600);
        String longAddress = "x".repeat(600);
        List<IisRequest> requests = read(
                HEADER
                        + "#Fields: date time cs-uri-stem cs-username c-ip X-Forwarded-For\r\n"
                        + "2024-03-12 07:31:09 /owa/ " + longName + " " + longAddress + " fe80::1%" + "z".repeat(600)
                        + "\r\n",
                IisFieldNames.standard());
        IisRequest request = requests.get(0);
        assertEquals(longName.substring(0, W3cLogReader.TEXT_LIMIT) + "…", request.username());
        assertEquals(longAddress.substring(0, W3cLogReader.TEXT_LIMIT) + "…", request.proxyIp());
        assertEquals(W3cLogReader.TEXT_LIMIT + 1, request.clientIp().length(), "an IPv6 zone can be any length");
    }

    @Test
    void capsTheMethodWhichTheClientChooses() throws IOException {
        String verb = "PROPFIND" + "X".repeat(100);
        List<IisRequest> requests = read(
                HEADER + "#Fields: date time cs-method cs-uri-stem c-ip\r\n" + "2024-03-12 07:31:09 " + verb
                        + " /owa/ 203.0.113.9\r\n",
                IisFieldNames.standard());
        assertEquals(
                verb.substring(0, W3cLogReader.METHOD_LIMIT) + "…",
                requests.get(0).method());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "+400 6610 800d ae06 | crypt-protocol is not 1 to 8 hex digits: \"+400\"",
                "0x400 6610 800d ae06 | crypt-protocol is not 1 to 8 hex digits: \"0x400\"",
                "\uff14\uff10\uff10 6610 800d ae06 | crypt-protocol is not 1 to 8 hex digits: \"\uff14\uff10\uff10\"",
                "400 +6610 800d ae06 | crypt-cipher is not 1 to 8 hex digits: \"+6610\"",
                "400 6610 \u0668\u0660\u0660\u0664 ae06 | crypt-hash is not 1 to 8 hex digits: \"\u0668\u0660\u0660\u0664\"",
                "400 6610 800d 0000ae060 | crypt-keyexchange is not 1 to 8 hex digits: \"0000ae060\"",
            })
    void rejectsLinesWhoseCryptValueIsNotPlainHex(String crypt, String reason) throws IOException {
        String fields =
                "#Fields: date time cs-uri-stem c-ip crypt-protocol crypt-cipher crypt-hash crypt-keyexchange\r\n";
        List<IisRequest> requests = read(
                HEADER
                        + fields
                        + "2024-03-12 07:31:09 /owa/ 203.0.113.9 " + crypt + "\r\n"
                        + "2024-03-12 07:31:10 /owa/ 203.0.113.9 400 6610 800d ae06\r\n",
                IisFieldNames.standard());
        assertEquals(1, requests.size(), "the malformed line yields no request, not even one without TLS");
        assertEquals(6, requests.get(0).lineNumber());
        assertEquals("TLS 1.2", requests.get(0).tlsProtocol());
        assertEquals(1, problems.size());
        assertEquals("u_ex240312_x.log", problems.get(0).file());
        assertEquals(5, problems.get(0).lineNumber());
        assertEquals(reason, problems.get(0).reason());
    }

    @Test
    void namesTheCryptFieldAsTheFieldsLineSpellsIt() throws IOException {
        W3cLogReader counted;
        Path file = folder.resolve("u_ex240312_x.log");
        Files.writeString(
                file,
                HEADER
                        + "#Fields: date time cs-uri-stem c-ip TlsVersion\r\n"
                        + "2024-03-12 07:31:09 /owa/ 203.0.113.9 4 00\r\n"
                        + "2024-03-12 07:31:09 /owa/ 203.0.113.9 -400\r\n",
                StandardCharsets.UTF_8);
        try (W3cLogReader reader =
                W3cLogReader.open(file, "u_ex240312_x.log", problems::add, IisFieldNames.standard())) {
            assertNull(reader.next());
            counted = reader;
        }
        assertEquals(2, counted.linesRejected());
        assertEquals(
                "expected 5 fields as #Fields says, found 6", problems.get(0).reason());
        assertEquals(
                "TlsVersion is not 1 to 8 hex digits: \"-400\"", problems.get(1).reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0001-01-01 00:00:00", "9999-12-31 23:59:59", "1970-01-01 00:00:00"})
    void rejectsPlaceholderDatesAndCountsThem(String dateTime) throws IOException {
        List<IisRequest> requests = read(
                HEADER
                        + "#Fields: date time cs-uri-stem c-ip\r\n"
                        + dateTime + " /owa/ 203.0.113.9\r\n"
                        + "2024-03-12 07:31:10 /owa/ 203.0.113.9\r\n",
                IisFieldNames.standard());
        assertEquals(1, requests.size());
        assertEquals(6, requests.get(0).lineNumber());
        assertEquals(1, problems.size());
        assertEquals(5, problems.get(0).lineNumber());
        assertEquals(
                "date/time is not yyyy-MM-dd HH:mm:ss in the years 1990 to 2100",
                problems.get(0).reason());
    }

    /** Reads {@code bytes} as a file through a line buffer of {@code bufferBytes}. */
    private List<IisRequest> readBytes(byte[] bytes, int bufferBytes) throws IOException {
        Path file = folder.resolve("u_ex240312_x.log");
        Files.write(file, bytes);
        List<IisRequest> requests = new ArrayList<>();
        try (W3cLogReader reader =
                W3cLogReader.open(file, "u_ex240312_x.log", problems::add, IisFieldNames.standard(), bufferBytes)) {
            IisRequest request;
            while ((request = reader.next()) != null) {
                requests.add(request);
            }
        }
        return requests;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "buffer of {0} bytes")
    @ValueSource(ints = {8, 9, 13, 31, 64, 333})
    void readsTheSameRequestsWhereverTheBufferEnds(int bufferBytes) throws IOException {
        // A BOM, CR LF and LF lines, an empty line, a multi-byte user agent and lines far longer than the small
        // buffers: with each size some line, CR LF pair or UTF-8 sequence straddles a refill.
        byte[] file = concat(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(HEADER + CRYPT_FIELDS),
                utf8("2024-03-12 07:15:02 10.0.0.11 POST /EWS/Exchange.asmx - 443 CONTOSO\\svc 198.51.100.40"
                        + " ExchangeServicesClient/15.00.0847.030 - 200 0 0 41 400 6610 800d ae06\r\n"),
                utf8("\r\n"),
                utf8("2024-03-12 08:02:40 10.0.0.11 GET /owa/ - 443 CONTOSO\\j\u00fcrgen 203.0.113.9"
                        + " Outlook-iOS/2.0+(Gebäude+7;+Соединитель) - 302 0 0 15 100 6603 8004 a400\n"),
                utf8("2024-03-12 08:02:41 10.0.0.11 GET /owa/ - 443 - 203.0.113.10 UA - 200 0 0 15 40 660e 8004"
                        + " ae06\r\n"));

        List<IisRequest> expected = readBytes(file, LogLines.DEFAULT_BUFFER_BYTES);
        assertEquals(3, expected.size());
        assertEquals(
                List.of(5, 7, 8),
                expected.stream().map(r -> (int) r.lineNumber()).toList());
        assertEquals("CONTOSO\\j\u00fcrgen", expected.get(1).username());
        assertEquals("Outlook-iOS/2.0 (Gebäude 7; Соединитель)", expected.get(1).userAgent());
        assertEquals("ECDHE", expected.get(2).keyExchange(), "the CR of CR LF is not part of the last value");
        assertEquals(expected, readBytes(file, bufferBytes));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void readsCrLfAndLfAlikeAndKeepsALoneCarriageReturnAsData() throws IOException {
        String line = "2024-03-12 07:31:09 /owa/ 203.0.113.9 400 6610 800d ae06";
        String fields = "#Fields: date time cs-uri-stem c-ip crypt-protocol crypt-cipher crypt-hash crypt-keyexchange";
        List<IisRequest> crLf = read(HEADER + fields + "\r\n" + line + "\r\n", IisFieldNames.standard());
        List<IisRequest> lf =
                read(HEADER.replace("\r\n", "\n") + fields + "\n" + line + "\n", IisFieldNames.standard());
        assertEquals(crLf, lf);
        assertEquals("ECDHE", lf.get(0).keyExchange());
        assertTrue(problems.isEmpty(), problems.toString());

        // Only the CR right before the LF ends the line: one more is damage, kept in the value and reported.
        assertEquals(List.of(), read(HEADER + fields + "\r\n" + line + "\r\r\n", IisFieldNames.standard()));
        assertEquals(
                List.of("5 crypt-keyexchange is not 1 to 8 hex digits: \"ae06<U+000D>\""),
                problems.stream().map(p -> p.lineNumber() + " " + p.reason()).toList());
    }

    @Test
    void readsANonAsciiUserAgentAsIisWritesIt() throws IOException {
        // The UTF-8 log encoding writes the header's characters as UTF-8 and spaces as '+'; percent escapes a client
        // put in the header are its own text and stay as written.
        List<IisRequest> requests = read(
                HEADER
                        + "#Fields: date time cs-method cs-uri-stem cs-username c-ip cs(User-Agent)\r\n"
                        + "2024-03-12 07:31:09 GET /owa/M\u00fcnchen/ CONTOSO\\b.m\u00fcller 203.0.113.9"
                        + " Mozilla/5.0+(Linux;+Android+14)+Mail/M\u00fcnchen+%E2%9C%93+\u65e5\u672c\ud83d\ude00\r\n",
                IisFieldNames.standard());
        IisRequest request = requests.get(0);
        assertEquals(
                "Mozilla/5.0 (Linux; Android 14) Mail/M\u00fcnchen %E2%9C%93 \u65e5\u672c\ud83d\ude00",
                request.userAgent());
        assertEquals("CONTOSO\\b.m\u00fcller", request.username());
        assertEquals("/owa/M\u00fcnchen/", request.uriStem());
        assertEquals(ClientProtocol.OWA, request.clientProtocol());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void capsAMultiByteUserAgentByCharacters() throws IOException {
        String agent = "\u00e9".repeat(W3cLogReader.TEXT_LIMIT - 1) + "\u65e5+" + "\u00fc".repeat(2000);
        List<IisRequest> requests = read(
                HEADER + "#Fields: date time c-ip cs(User-Agent)\r\n" + "2024-03-12 07:31:09 203.0.113.9 " + agent
                        + "\r\n",
                IisFieldNames.standard());
        assertEquals(
                "\u00e9".repeat(W3cLogReader.TEXT_LIMIT - 1) + "\u65e5…",
                requests.get(0).userAgent());
    }

    @Test
    void keepsRequestsWithInvalidUtf8AsReplacementCharactersAndReportsThem() throws IOException {
        // Invalid bytes read as U+FFFD in the values kept; each such line is reported once, whether the bytes are in
        // a kept value or in a column no request keeps (cs(Referer)), as for SMTP rows.
        byte[] file = concat(
                utf8(
                        HEADER
                                + "#Fields: date time cs-uri-stem cs-username c-ip cs(User-Agent) cs(Referer) crypt-protocol\r\n"),
                utf8("2024-03-12 07:31:09 /owa/ CONTOSO\\"),
                new byte[] {(byte) 0xFF},
                utf8("kim 203.0.113.9 Mail/caf"),
                new byte[] {(byte) 0xC3},
                utf8("+1.0 https://mail.contoso.com/"),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                utf8(" 400\r\n"),
                utf8("2024-03-12 07:31:10 /owa/ kim 203.0.113.9 UA "),
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                utf8(" 40\r\n"));
        for (int bufferBytes : new int[] {8, 13, LogLines.DEFAULT_BUFFER_BYTES}) {
            problems.clear();
            List<IisRequest> requests = readBytes(file, bufferBytes);
            assertEquals(2, requests.size(), "buffer of " + bufferBytes);
            assertEquals("CONTOSO\\\ufffdkim", requests.get(0).username());
            assertEquals("Mail/caf\ufffd 1.0", requests.get(0).userAgent());
            assertEquals("TLS 1.2", requests.get(0).tlsProtocol());
            assertEquals("TLS 1.0", requests.get(1).tlsProtocol());
            assertEquals(
                    List.of(5L, 6L),
                    problems.stream().map(LineProblem::lineNumber).toList());
            assertTrue(problems.stream()
                    .allMatch(p -> p.reason().equals("invalid UTF-8 bytes (shown as U+FFFD); request kept")));
        }
    }

    @Test
    void quotesARejectedLineWithInvalidUtf8AsReplacementCharacters() throws IOException {
        byte[] file = concat(
                utf8(HEADER + "#Fields: date time c-ip\r\n"),
                utf8("2024-03-12 07:31:09 203.0.113.9 M"),
                new byte[] {(byte) 0xE2, (byte) 0x82},
                utf8("x\r\n"));
        assertEquals(List.of(), readBytes(file, LogLines.DEFAULT_BUFFER_BYTES));
        assertEquals(1, problems.size());
        assertEquals(
                "expected 3 fields as #Fields says, found 4", problems.get(0).reason());
        assertEquals("2024-03-12 07:31:09 203.0.113.9 M\ufffdx", problems.get(0).excerpt());
    }

    @Test
    void rejectsALineOverTheCapQuotingItsStartAndReadsOn() throws IOException {
        String fields = "#Fields: date time c-ip cs(User-Agent)\r\n";
        String tooLong = "2024-03-12 07:31:09 203.0.113.9 " + "A".repeat(W3cLogReader.MAX_LINE_BYTES);
        List<IisRequest> requests = read(
                HEADER + fields + tooLong + "\r\n" + "2024-03-12 07:31:10 203.0.113.9 UA\r\n",
                IisFieldNames.standard());
        assertEquals(1, requests.size());
        assertEquals(6, requests.get(0).lineNumber());
        assertEquals(1, problems.size());
        LineProblem problem = problems.get(0);
        assertEquals(5, problem.lineNumber());
        assertEquals("line longer than 1048576 characters", problem.reason());
        assertEquals(tooLong.substring(0, LineProblem.EXCERPT_LIMIT) + "…", problem.excerpt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // From elsewhere, a probe is a health mailbox that also says it is one: the agent and query alone are
                // the client's to choose, and a legacy client must not hide by calling itself AMProbe.
                "CONTOSO\\HealthMailbox7f3c21 | 10.0.0.11 | 203.0.113.9 | AMProbe/Local/ClientAccess | - | true",
                "healthmailboxab@contoso.com | 10.0.0.11 | 203.0.113.9 | Mozilla | a=1&clientApplication=ActiveMonitor | true",
                "CONTOSO\\HealthMailbox7f3c21 | 10.0.0.11 | 203.0.113.9 | Mozilla | - | false",
                "HealthMailboxEvil@evil.example | 10.0.0.11 | 203.0.113.9 | Mozilla | - | false",
                "CONTOSO\\kim | 10.0.0.11 | 203.0.113.9 | AMProbe/Local/ClientAccess | - | false",
                "CONTOSO\\kim | 10.0.0.11 | 203.0.113.9 | Mozilla+AMProbe | - | false",
                "CONTOSO\\kim | 10.0.0.11 | 203.0.113.9 | Mozilla | a=1&clientApplication=ActiveMonitor | false",
                "CONTOSO\\kim | 10.0.0.11 | 203.0.113.9 | Mozilla | ActiveMonito | false",
                "CONTOSO\\kim | 10.0.0.11 | 10.0.0.11 | Mozilla | - | true",
                "CONTOSO\\kim | 10.0.0.11 | 10.0.0.11:5555 | Mozilla | - | true",
                "CONTOSO\\kim | 10.0.0.1 | 10.0.0.11 | Mozilla | - | false",
                "CONTOSO\\kim | - | 127.0.0.1 | Mozilla | - | true",
                "CONTOSO\\kim | - | ::1 | Mozilla | - | true",
                "CONTOSO\\kim | 10.0.0.11 | - | Mozilla | - | false",
            })
    void marksProbesAndRequestsFromTheServerItself(
            String username, String serverIp, String clientIp, String userAgent, String query, boolean probe)
            throws IOException {
        List<IisRequest> requests = read(
                HEADER + "#Fields: date time s-ip cs-uri-stem cs-uri-query cs-username c-ip cs(User-Agent)\r\n"
                        + String.join(
                                " ", "2024-03-12 07:31:09", serverIp, "/owa/", query, username, clientIp, userAgent)
                        + "\r\n",
                IisFieldNames.standard());
        assertEquals(probe, requests.get(0).probe());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void namesEachTlsValueOfAFileThatUsesManyOfThem() throws IOException {
        // More distinct values than a reader remembers, each one twice: the names must not mix.
        String[][] values = {
            {"4", "SSL 2.0", "6601", "DES"},
            {"20", "SSL 3.0", "6602", "RC2"},
            {"40", "TLS 1.0", "6603", "3DES"},
            {"040", "TLS 1.0", "6609", "3DES_112"},
            {"100", "TLS 1.1", "660e", "AES_128"},
            {"400", "TLS 1.2", "660E", "AES_128"},
            {"0400", "TLS 1.2", "660f", "AES_192"},
            {"1000", "TLS 1.3", "6610", "AES_256"},
            {"C00", "0xc00", "6801", "RC4"},
            {"0AB0", "0x0ab0", "0", "NONE"},
            {"FFFFFFFF", "0xffffffff", "FFFFFFFF", "0xffffffff"},
        };
        StringBuilder text = new StringBuilder(HEADER + "#Fields: date time c-ip crypt-protocol crypt-cipher\r\n");
        for (int round = 0; round < 2; round++) {
            for (String[] value : values) {
                text.append("2024-03-12 07:31:09 203.0.113.9 ")
                        .append(value[0])
                        .append(' ')
                        .append(value[2])
                        .append("\r\n");
            }
        }
        List<IisRequest> requests = read(text.toString(), IisFieldNames.standard());
        assertEquals(2 * values.length, requests.size());
        for (int i = 0; i < requests.size(); i++) {
            String[] value = values[i % values.length];
            assertEquals(value[1], requests.get(i).tlsProtocol(), value[0]);
            assertEquals(value[3], requests.get(i).cipher(), value[2]);
        }
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "/owa/, OWA",
        "/OWA/auth.owa, OWA",
        "/ecp/default.aspx, ECP",
        "/EWS/Exchange.asmx, EWS",
        "/Microsoft-Server-ActiveSync/default.eas, ACTIVESYNC",
        "/mapi/emsmdb/, MAPI",
        "/mapi/nspi/, MAPI",
        "/rpc/rpcproxy.dll, RPC",
        "/Autodiscover/Autodiscover.xml, AUTODISCOVER",
        "/autodiscover/autodiscover.json, AUTODISCOVER",
        "/OAB/3c1f/oab.xml, OAB",
        "/powershell, POWERSHELL",
        "/API/v2.0/me, API",
        "/owaspecial, OTHER",
        "/favicon.ico, OTHER",
        // ASCII case folding only, as lowering the stem did: a case-insensitive String match takes ſ for s
        "/EW\u017F/Exchange.asmx, OTHER"
    })
    void namesTheClientProtocolByVirtualDirectory(String uriStem, ClientProtocol expected) {
        assertEquals(expected, ClientProtocol.fromUriStem(uriStem));
    }
}
