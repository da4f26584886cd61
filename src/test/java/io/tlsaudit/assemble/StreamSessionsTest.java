package io.tlsaudit.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.smtp.SmtpDirection;
import io.tlsaudit.parse.smtp.SmtpRecord;
import io.tlsaudit.testing.SmtpLogFiles;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamSessionsTest {

    private static final String FE =
            "2024-03-12T%s,EX01\\Default Frontend EX01,08DC3B4192B4C1A7,%s,10.0.0.11:25,203.0.113.45:61877,";

    @TempDir
    Path folder;

    private final List<SmtpConnection> connections = new ArrayList<>();
    private final List<LineProblem> problems = new ArrayList<>();
    private final SmtpSessionAssembler assembler = new SmtpSessionAssembler(connections::add, problems::add);

    private static final LogStream FRONTEND_RECEIVE = new LogStream("EX01", "FrontEnd", SmtpDirection.RECEIVE);
    private static final LogStream SMART_HOST_SEND = new LogStream("EX01", "FrontEnd", SmtpDirection.SEND);

    private void feed(LogStream stream, String fileName, String direction, List<String> rows) {
        Path file = SmtpLogFiles.writeLog(folder.resolve(fileName), direction, rows);
        StreamSessions sessions = assembler.stream(stream);
        for (SmtpRecord record : SmtpLogFiles.read(file, problems)) {
            sessions.accept(record, fileName);
        }
    }

    private static String fe(String time, int sequence, String rest) {
        return String.format(FE, time, sequence) + rest;
    }

    @Test
    void completesConnectionWhoseRowsSpanTwoHourlyFiles() {
        // A session spanning two hourly files (docs/log-formats.md, 'Sessions'): the + row is in the 08 file, the
        // rest in the 09 file.
        feed(FRONTEND_RECEIVE, "RECV2024031208-1.LOG", "Receive", List.of(fe("08:59:47.301Z", 0, "+,,")));
        assertTrue(connections.isEmpty());
        feed(
                FRONTEND_RECEIVE,
                "RECV2024031209-1.LOG",
                "Receive",
                List.of(
                        fe(
                                "08:59:47.305Z",
                                1,
                                ">,\"220 EX01.contoso.com Microsoft ESMTP MAIL Service ready at Tue, 12 Mar 2024 17:59:47 +0900\","),
                        fe("08:59:48.870Z", 2, "<,EHLO [203.0.113.45],"),
                        fe(
                                "08:59:48.871Z",
                                3,
                                ">,250  EX01.contoso.com Hello [203.0.113.45] SIZE 36700160 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS X-ANONYMOUSTLS AUTH NTLM X-EXPS GSSAPI NTLM 8BITMIME BINARYMIME CHUNKING XRDST,"),
                        fe("08:59:50.402Z", 4, "<,STARTTLS,"),
                        fe("08:59:50.403Z", 5, ">,220 2.0.0 SMTP server ready,"),
                        fe(
                                "08:59:50.403Z",
                                6,
                                "*, CN=mail.contoso.com CN=Contoso Issuing CA 01 4F0000002A7B91C3D5E6F70812000000002A 9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24 2023-09-18T08:30:00.000Z 2025-09-17T08:30:00.000Z mail.contoso.com;autodiscover.contoso.com;EX01.contoso.com,Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names"),
                        fe(
                                "08:59:58.117Z",
                                7,
                                "*,,\"TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDH_EPHEM with strength 384 bits\""),
                        fe("09:00:00.254Z", 8, "<,EHLO [203.0.113.45],"),
                        fe("09:00:01.530Z", 12, "<,AUTH LOGIN,"),
                        fe("09:00:07.412Z", 15, "*,,Inbound AUTH LOGIN failed because of LogonDenied"),
                        fe("09:00:07.412Z", 15, "*,,User Name: m.jansen@contoso.com"),
                        fe("09:00:09.020Z", 17, "-,,Remote(ConnectionReset)")));

        assertEquals(1, connections.size());
        SmtpConnection c = connections.get(0);
        assertEquals(FRONTEND_RECEIVE, c.stream());
        assertEquals("EX01\\Default Frontend EX01", c.connector());
        assertEquals("08DC3B4192B4C1A7", c.sessionId());
        assertEquals(LocalDateTime.of(2024, 3, 12, 8, 59, 47, 301_000_000), c.startedAt());
        assertEquals(LocalDateTime.of(2024, 3, 12, 9, 0, 9, 20_000_000), c.endedAt());
        assertTrue(c.closed());
        assertEquals("Remote(ConnectionReset)", c.disconnectReason());
        assertEquals("10.0.0.11", c.localIp());
        assertEquals(25, c.localPort());
        assertEquals("203.0.113.45", c.remoteIp());
        assertEquals(61877, c.remotePort());
        assertTrue(c.remoteIpValid());
        assertEquals("[203.0.113.45]", c.peerName());
        assertTrue(c.starttlsOffered());
        assertTrue(c.starttls());
        assertFalse(c.anonymousTls());
        assertEquals(TlsOutcome.NEGOTIATED, c.tlsOutcome());
        assertEquals("TLS 1.2", c.tlsProtocol());
        assertEquals("SP_PROT_TLS1_2_SERVER", c.tlsProtocolLogged());
        assertEquals("AES_256", c.cipher());
        assertEquals(256, c.cipherBits());
        assertEquals("SHA_384", c.mac());
        assertEquals(0, c.macBits());
        assertEquals("ECDHE", c.keyExchange());
        assertEquals(384, c.keyExchangeBits());
        assertNull(c.tlsError());
        assertEquals("CN=mail.contoso.com", c.certSubject());
        assertEquals("CN=Contoso Issuing CA 01", c.certIssuer());
        assertEquals("9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24", c.certThumbprint());
        assertEquals("LOGIN", c.authMechanism());
        assertEquals("m.jansen@contoso.com", c.authUser());
        assertTrue(c.authFailed());
        assertEquals(0, c.messages());
        assertEquals("RECV2024031208-1.LOG", c.sourceFile());
        assertEquals(6, c.firstLine());
        assertEquals(13, c.rows());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void recordsFailureErrorNameAndNoProtocol() {
        // A Receive handshake that fails with SocketError (docs/log-formats.md, 'TLS failure line').
        feed(
                FRONTEND_RECEIVE,
                "RECV2024031210-1.LOG",
                "Receive",
                List.of(
                        "2024-03-12T10:15:30.610Z,EX01\\Default Frontend EX01,08DC3B4192B4C1F2,4,10.0.0.11:25,198.51.100.61:50944,<,STARTTLS,",
                        "2024-03-12T10:15:30.611Z,EX01\\Default Frontend EX01,08DC3B4192B4C1F2,5,10.0.0.11:25,198.51.100.61:50944,>,220 2.0.0 SMTP server ready,",
                        "2024-03-12T10:15:30.672Z,EX01\\Default Frontend EX01,08DC3B4192B4C1F2,7,10.0.0.11:25,198.51.100.61:50944,*,,TLS negotiation failed with error SocketError",
                        "2024-03-12T10:15:30.673Z,EX01\\Default Frontend EX01,08DC3B4192B4C1F2,8,10.0.0.11:25,198.51.100.61:50944,-,,Local"));
        SmtpConnection c = connections.get(0);
        assertEquals(TlsOutcome.FAILED, c.tlsOutcome());
        assertEquals("SocketError", c.tlsError());
        assertNull(c.tlsProtocol());
        assertNull(c.cipher());
        assertTrue(c.starttls());
        assertEquals("Local", c.disconnectReason());
    }

    @Test
    void plaintextSessionCountsMessagesAndSenderDomains() {
        feed(
                FRONTEND_RECEIVE,
                "RECV2024031211-1.LOG",
                "Receive",
                List.of(
                        "2024-03-12T11:00:00.000Z,EX01\\Relay,08DC000000000001,0,10.0.0.11:25,10.20.5.17:50000,+,,",
                        "2024-03-12T11:00:00.010Z,EX01\\Relay,08DC000000000001,1,10.0.0.11:25,10.20.5.17:50000,<,HELO appsrv17,",
                        "2024-03-12T11:00:00.020Z,EX01\\Relay,08DC000000000001,2,10.0.0.11:25,10.20.5.17:50000,>,250 EX01.contoso.com Hello [10.20.5.17],",
                        "2024-03-12T11:00:00.030Z,EX01\\Relay,08DC000000000001,3,10.0.0.11:25,10.20.5.17:50000,<,MAIL FROM:<Alerts@App.Contoso.com> SIZE=2048,",
                        "2024-03-12T11:00:00.040Z,EX01\\Relay,08DC000000000001,4,10.0.0.11:25,10.20.5.17:50000,<,MAIL FROM:<>,",
                        "2024-03-12T11:00:00.050Z,EX01\\Relay,08DC000000000001,5,10.0.0.11:25,10.20.5.17:50000,<,MAIL FROM:<ops@fabrikam.com>,",
                        "2024-03-12T11:00:00.060Z,EX01\\Relay,08DC000000000001,6,10.0.0.11:25,10.20.5.17:50000,<,MAIL FROM:<alerts@app.contoso.com>,",
                        "2024-03-12T11:00:00.070Z,EX01\\Relay,08DC000000000001,7,10.0.0.11:25,10.20.5.17:50000,-,,Local"));
        SmtpConnection c = connections.get(0);
        assertEquals(TlsOutcome.NONE, c.tlsOutcome());
        assertFalse(c.starttls());
        assertFalse(c.starttlsOffered());
        assertEquals("appsrv17", c.peerName());
        assertEquals(4, c.messages());
        assertEquals(List.of("app.contoso.com", "fabrikam.com"), c.senderDomains());
    }

    @Test
    void sendSideTakesPeerNameFromBannerAndKeepsInterleavedSessionsApart() {
        // As published: empty endpoints, two interleaved sessions, single-row certificate with the older labels.
        feed(
                SMART_HOST_SEND,
                "SEND20161011-1.LOG",
                "Send",
                List.of(
                        "2016-10-11T09:26:40.118Z,Smart Host Fabrikam,08D3EBD951AB8E5B,1,,,<,\"220 mx1.fabrikam.com Microsoft ESMTP MAIL Service ready at Tue, 11 Oct 2016 09:26:40 +0000\",",
                        "2016-10-11T09:26:40.119Z,Smart Host Fabrikam,08D3EBD951AB8E5B,2,,,>,EHLO mail.contoso.com,",
                        "2016-10-11T09:26:40.201Z,Smart Host Fabrikam,08D3EBD951AB8E5A,4,,,<,250 mx1.fabrikam.com Hello [] SIZE 52428800 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS 8BITMIME BINARYMIME CHUNKING,",
                        "2016-10-11T09:26:40.202Z,Smart Host Fabrikam,08D3EBD951AB8E5A,5,,,>,STARTTLS,",
                        "2016-10-11T09:26:40.244Z,Smart Host Fabrikam,08D3EBD951AB8E5B,3,,,<,250 mx1.fabrikam.com Hello [] SIZE 52428800 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS 8BITMIME BINARYMIME CHUNKING,",
                        "2016-10-11T09:26:40.245Z,Smart Host Fabrikam,08D3EBD951AB8E5B,4,,,>,STARTTLS,",
                        "2016-10-11T09:26:40.297Z,Smart Host Fabrikam,08D3EBD951AB8E5A,6,,,<,220 2.0.0 SMTP server ready,",
                        "2016-10-11T09:26:40.298Z,Smart Host Fabrikam,08D3EBD951AB8E5A,7,,,*,\" CN=relay.contoso.com, OU=Messaging, O=Contoso Pharmaceuticals, L=Lisbon, C=PT CN=Northwind RSA Server CA 2015, O=\"\"Northwind Traders, Inc.\"\", C=US 3A7F0C19E24B8D56A1C0F3E98B27D4C1 6E2B94D0C7A15F83E9D24B60A7C3F18D5B09E2A4 relay.contoso.com;smtp.contoso.com\",Sending certificate Certificate subject Certificate issuer name Certificate serial number Certificate thumbprint Certificate alternate names"));
        assertTrue(connections.isEmpty(), "no disconnect rows yet");
        connections.addAll(assembler.stream(SMART_HOST_SEND).openConnections());
        connections.sort(Comparator.comparing(SmtpConnection::sessionId));
        assertEquals(2, connections.size());
        SmtpConnection a = connections.get(0);
        SmtpConnection b = connections.get(1);
        assertEquals("08D3EBD951AB8E5A", a.sessionId());
        assertEquals("mx1.fabrikam.com", a.peerName(), "from the EHLO reply");
        assertEquals("mx1.fabrikam.com", b.peerName(), "from the banner");
        assertNull(a.remoteIp());
        assertFalse(a.remoteIpValid());
        assertFalse(a.closed());
        assertTrue(a.starttlsOffered());
        assertEquals(TlsOutcome.UNLOGGED, a.tlsOutcome());
        assertEquals("CN=relay.contoso.com, OU=Messaging, O=Contoso Pharmaceuticals, L=Lisbon, C=PT", a.certSubject());
        assertEquals("CN=Northwind RSA Server CA 2015, O=\"Northwind Traders, Inc.\", C=US", a.certIssuer());
        assertEquals("6E2B94D0C7A15F83E9D24B60A7C3F18D5B09E2A4", a.certThumbprint());
        assertEquals(4, a.rows());
        assertEquals(4, b.rows());
        assertEquals(1, b.firstLine() - 5, "first data row follows the five header lines");
    }

    @Test
    void sendSideThumbprintOnlyPeerCertificateAndOneRowPerEhloLine() {
        // An intra-organization hop: Cyrillic connector name, masked endpoints, CALG_ECDHE.
        String prefix =
                "2021-06-15T13:22:09.%sZ,Соединитель отправки SMTP внутри организации,08D92E2647ED3A6C,%d,10.**.**.21:41872,10.**.**.64:25,";
        feed(
                SMART_HOST_SEND,
                "SEND20210615-1.LOG",
                "Send",
                List.of(
                        String.format(prefix, "571", 17) + ">,STARTTLS,",
                        String.format(prefix, "574", 18) + "<,220 2.0.0 SMTP server ready,",
                        String.format(prefix, "664", 19)
                                + "*,,\"TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDHE with strength 256 bits\"",
                        String.format(prefix, "664", 20) + "*,,Received certificate",
                        String.format(prefix, "664", 21)
                                + "*,E04B7C19A8D2F6035B1E9C47A0D3F2861C5B9E7A,Certificate thumbprint",
                        String.format(prefix, "665", 22) + ">,EHLO EX01.corp.contoso.com,",
                        String.format(prefix, "671", 23) + "<,250-EX02.corp.contoso.com Hello [10.**.**.21],",
                        String.format(prefix, "671", 24) + "<,250-SIZE 52428800,",
                        String.format(prefix, "671", 27) + "<,250 XSHADOWREQUEST,"));
        connections.addAll(assembler.stream(SMART_HOST_SEND).openConnections());
        SmtpConnection c = connections.get(0);
        assertEquals("Соединитель отправки SMTP внутри организации", c.connector());
        assertEquals("10.**.**.64", c.remoteIp());
        assertEquals(25, c.remotePort());
        assertFalse(c.remoteIpValid());
        assertEquals("EX02.corp.contoso.com", c.peerName());
        assertEquals("TLS 1.2", c.tlsProtocol());
        assertEquals("ECDHE", c.keyExchange());
        assertEquals(256, c.keyExchangeBits());
        assertEquals("E04B7C19A8D2F6035B1E9C47A0D3F2861C5B9E7A", c.peerCertThumbprint());
        assertNull(c.certThumbprint());
        assertEquals(0, c.messages(), "our own EHLO is not a peer name and MAIL FROM was not sent");
    }

    @Test
    void multiRowClientCertificateAndNoCredentialsFailure() {
        // A multi-row client certificate (layout (a) in docs/log-formats.md, 'Certificate layouts'), then
        // NoCredentials.
        String prefix =
                "2018-05-22T14:03:51.%sZ,To Fabrikam (mutual TLS),08D5B946C82C79B3,%d,10.0.0.11:30517,198.51.100.143:25,";
        feed(
                SMART_HOST_SEND,
                "SEND20180522-1.LOG",
                "Send",
                List.of(
                        String.format(prefix, "291", 11) + "*,,Sending certificate",
                        String.format(prefix, "291", 12) + "*,CN=smtp-out.contoso.com,Certificate subject",
                        String.format(prefix, "291", 13)
                                + "*,\"CN=Woodgrove TLS Issuing CA G3, O=Woodgrove Bank, L=Oslo, C=NO\",Certificate issuer name",
                        String.format(prefix, "291", 14) + "*,0A4F92C7D1E38B56,Certificate serial number",
                        String.format(prefix, "291", 15)
                                + "*,2C7E91A04F6B3D85E2A9C07B5D13F8E64A0C92B7,Certificate thumbprint",
                        String.format(prefix, "291", 16)
                                + "*,smtp-out.contoso.com;contoso.com,Certificate alternate names",
                        String.format(prefix, "292", 17) + "*,,TLS negotiation failed with error NoCredentials"));
        connections.addAll(assembler.stream(SMART_HOST_SEND).openConnections());
        SmtpConnection c = connections.get(0);
        assertEquals("CN=smtp-out.contoso.com", c.certSubject());
        assertEquals("CN=Woodgrove TLS Issuing CA G3, O=Woodgrove Bank, L=Oslo, C=NO", c.certIssuer());
        assertEquals("2C7E91A04F6B3D85E2A9C07B5D13F8E64A0C92B7", c.certThumbprint());
        assertNull(c.peerCertThumbprint());
        assertEquals(TlsOutcome.FAILED, c.tlsOutcome());
        assertEquals("NoCredentials", c.tlsError());
        assertTrue(c.starttls(), "a TLS result implies an attempt even when the STARTTLS row is elsewhere");
    }

    @Test
    void sameSessionIdOnTwoServersIsTwoConnections() {
        List<String> rows = List.of(
                fe("10:00:00.000Z", 0, "+,,"),
                fe("10:00:00.100Z", 1, "<,EHLO a.example,"),
                fe("10:00:00.200Z", 2, "-,,Local"));
        feed(FRONTEND_RECEIVE, "a.LOG", "Receive", rows);
        feed(new LogStream("EX02", "FrontEnd", SmtpDirection.RECEIVE), "b.LOG", "Receive", rows);
        feed(new LogStream("EX01", "Hub", SmtpDirection.RECEIVE), "c.LOG", "Receive", rows);
        assertEquals(3, connections.size());
        assertEquals(
                List.of("EX01/FrontEnd", "EX02/FrontEnd", "EX01/Hub"),
                connections.stream()
                        .map(c -> c.stream().server() + "/" + c.stream().service())
                        .toList());
    }

    @Test
    void closesSessionIdleForAnHourWithoutDisconnectRow() {
        feed(
                FRONTEND_RECEIVE,
                "a.LOG",
                "Receive",
                List.of(
                        fe("08:00:00.000Z", 0, "+,,"),
                        "2024-03-12T09:30:00.000Z,EX01\\Default Frontend EX01,08DC3B4192B4FFFF,0,10.0.0.11:25,192.0.2.9:1000,+,,"));
        StreamSessions sessions = assembler.stream(FRONTEND_RECEIVE);
        sessions.closeIdle();
        assertEquals(1, connections.size(), "idle 90 minutes before the newest row of the stream");
        assertEquals("08DC3B4192B4C1A7", connections.get(0).sessionId());
        assertFalse(connections.get(0).closed());
        assertEquals(1, sessions.openCount(), "the recent session stays open");
    }

    @Test
    void brokenTlsResultLineIsReportedAndYieldsNoResult() {
        feed(
                FRONTEND_RECEIVE,
                "a.LOG",
                "Receive",
                List.of(
                        fe("10:00:00.000Z", 4, "<,STARTTLS,"),
                        fe(
                                "10:00:00.100Z",
                                7,
                                "*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk encryption algorithm CALG_3DES with str\""),
                        fe("10:00:00.200Z", 8, "-,,Local")));
        SmtpConnection c = connections.get(0);
        assertEquals(TlsOutcome.UNLOGGED, c.tlsOutcome());
        assertNull(c.tlsProtocol());
        assertEquals(1, problems.size());
        assertEquals(7, problems.get(0).lineNumber());
    }

    @Test
    void repairsDoubleEncodedEhloNameAndCapsHostileLength() {
        String hostile = "x".repeat(5000);
        feed(
                FRONTEND_RECEIVE,
                "a.LOG",
                "Receive",
                List.of(
                        fe("10:00:00.000Z", 1, "<,EHLO mÃ¼nchen-gw.example,"),
                        fe("10:00:00.100Z", 2, "-,,Local"),
                        "2024-03-12T10:00:01.000Z,EX01\\Default Frontend EX01,08DC3B4192B4C1A8,1,10.0.0.11:25,203.0.113.46:1,<,EHLO "
                                + hostile + ",",
                        "2024-03-12T10:00:01.100Z,EX01\\Default Frontend EX01,08DC3B4192B4C1A8,2,10.0.0.11:25,203.0.113.46:1,-,,Local"));
        assertEquals("münchen-gw.example", connections.get(0).peerName());
        assertEquals(SessionState.TEXT_LIMIT + 1, connections.get(1).peerName().length());
        assertTrue(connections.get(1).peerName().endsWith("…"));
    }

    @Test
    void anonymousTlsBetweenExchangeServers() {
        feed(
                new LogStream("EX01", "Hub", SmtpDirection.RECEIVE),
                "a.LOG",
                "Receive",
                List.of(
                        fe("10:00:00.000Z", 4, "<,X-ANONYMOUSTLS,"),
                        fe(
                                "10:00:00.100Z",
                                7,
                                "*,,\"TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDHE with strength 384 bits\""),
                        fe("10:00:00.200Z", 8, "-,,Local")));
        SmtpConnection c = connections.get(0);
        assertTrue(c.starttls());
        assertTrue(c.anonymousTls());
        assertEquals("TLS 1.2", c.tlsProtocol());
    }

    private static String withSession(String sessionId, int sequence, String rest) {
        return "2024-03-12T10:00:00." + String.format("%03d", sequence) + "Z,EX01\\Default Frontend EX01," + sessionId
                + "," + sequence + ",10.0.0.11:25,203.0.113.45:61877," + rest;
    }

    @Test
    void keysGuidAndLowerCaseSessionIdsByTheirTextApartFromTheSameIdInUpperCase() {
        String guid = "5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a34";
        String upper = "08DC3B4192B4C1A7";
        String lower = "08dc3b4192b4c1a7";
        feed(
                FRONTEND_RECEIVE,
                "a.LOG",
                "Receive",
                List.of(
                        withSession(guid, 0, "+,,"),
                        withSession(upper, 0, "+,,"),
                        withSession(lower, 0, "+,,"),
                        withSession(guid, 1, "<,EHLO guid.example,"),
                        withSession(upper, 1, "<,EHLO upper.example,"),
                        withSession(lower, 1, "<,EHLO lower.example,"),
                        withSession(lower, 2, "-,,Local"),
                        withSession(guid, 2, "-,,Local"),
                        withSession(upper, 2, "-,,Local")));
        assertEquals(
                List.of(lower + " lower.example 3", guid + " guid.example 3", upper + " upper.example 3"),
                connections.stream()
                        .map(c -> c.sessionId() + " " + c.peerName() + " " + c.rows())
                        .toList());
        assertEquals(0, assembler.stream(FRONTEND_RECEIVE).openCount());
    }

    @Test
    void keepsThousandsOfInterleavedSessionsApartAsTheyOpenAndClose() {
        // Enough open at once to grow the session table several times; they close in another order than they
        // opened, which moves entries inside it.
        int sessions = 5000;
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            rows.add(withSession(String.format("08DC3B41%08X", i * 7919), 0, "+,,"));
        }
        for (int i = 0; i < sessions; i++) {
            int session = (i * 2003) % sessions;
            rows.add(withSession(String.format("08DC3B41%08X", session * 7919), 1, "<,EHLO h" + session + ".example,"));
        }
        for (int i = sessions - 1; i >= 0; i -= 2) {
            rows.add(withSession(String.format("08DC3B41%08X", i * 7919), 2, "-,,Local"));
        }
        feed(FRONTEND_RECEIVE, "many.LOG", "Receive", rows);

        StreamSessions stream = assembler.stream(FRONTEND_RECEIVE);
        assertEquals(sessions / 2, connections.size());
        assertEquals(sessions / 2, stream.openCount());
        List<SmtpConnection> all = new java.util.ArrayList<>(connections);
        all.addAll(stream.openConnections());
        assertEquals(sessions, all.size());
        for (SmtpConnection c : all) {
            int session = Integer.parseInt(c.sessionId().substring(8), 16) / 7919;
            assertEquals("h" + session + ".example", c.peerName(), c.sessionId());
            assertEquals(session % 2 == 1 ? 3 : 2, c.rows(), c.sessionId());
        }
    }
}
