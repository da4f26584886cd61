package io.tlsaudit.parse.w3c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.ResumePoint;
import io.tlsaudit.parse.UtcTimestamps;
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
        "/favicon.ico, OTHER"
    })
    void namesTheClientProtocolByVirtualDirectory(String uriStem, ClientProtocol expected) {
        assertEquals(expected, ClientProtocol.fromUriStem(uriStem));
    }
}
