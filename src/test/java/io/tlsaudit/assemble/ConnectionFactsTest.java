package io.tlsaudit.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.smtp.SmtpDirection;
import io.tlsaudit.parse.smtp.SmtpRecord;
import io.tlsaudit.testing.SmtpLogFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a connection says about its endpoints, its dialogue, STARTTLS and certificates, on rows shaped like those of
 * real Send and Receive logs (constructed values).
 */
class ConnectionFactsTest {

    private static final LogStream SEND = new LogStream("EX01", "FrontEnd", SmtpDirection.SEND);
    private static final LogStream RECEIVE = new LogStream("EX01", "FrontEnd", SmtpDirection.RECEIVE);

    private static final String TLS12_CLIENT =
            "*,,\"TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption algorithm CALG_AES_256"
                    + " with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange"
                    + " algorithm CALG_ECDH_EPHEM with strength 384 bits\"";
    private static final String TLS12_SERVER = TLS12_CLIENT.replace("_CLIENT", "_SERVER");

    @TempDir
    Path folder;

    private final List<SmtpConnection> connections = new ArrayList<>();
    private final List<LineProblem> problems = new ArrayList<>();
    private final SmtpSessionAssembler assembler = new SmtpSessionAssembler(connections::add, problems::add);

    /** Feeds the rows and returns every connection, finished or still open. */
    private List<SmtpConnection> connections(LogStream stream, List<String> rows) {
        String direction = stream.direction() == SmtpDirection.SEND ? "Send" : "Receive";
        Path file = SmtpLogFiles.writeLog(folder.resolve("log.LOG"), direction, rows);
        StreamSessions sessions = assembler.stream(stream);
        for (SmtpRecord record : SmtpLogFiles.read(file, problems)) {
            sessions.accept(record, "log.LOG");
        }
        List<SmtpConnection> all = new ArrayList<>(connections);
        all.addAll(sessions.openConnections());
        assertEquals(List.of(), problems);
        return all;
    }

    private static SmtpConnection only(List<SmtpConnection> connections) {
        assertEquals(1, connections.size(), connections.toString());
        return connections.get(0);
    }

    /** A Send row of session 08DC3B4192B4D001 to 198.51.100.12:25; {@code local} may be empty. */
    private static String send(String time, int sequence, String local, String rest) {
        return "2024-03-12T" + time + ",Internet Send Connector,08DC3B4192B4D001," + sequence + "," + local
                + ",198.51.100.12:25," + rest;
    }

    /** A Receive row of session 08DC3B4192B4E001 from 203.0.113.70:50211. */
    private static String receive(String time, int sequence, String rest) {
        return "2024-03-12T" + time + ",EX01\\Default Frontend EX01,08DC3B4192B4E001," + sequence
                + ",10.0.0.11:25,203.0.113.70:50211," + rest;
    }

    @Test
    void sendConnectionTakesLocalEndpointFromTheConnectRowAfterRowsWithoutIt() {
        SmtpConnection c = only(connections(
                SEND,
                List.of(
                        send(
                                "10:00:00.100Z",
                                0,
                                "",
                                "*,SendRoutingHeaders SendOrganizationHeaders,Set Session Permissions"),
                        send("10:00:00.101Z", 1, "", "*,,attempting to connect"),
                        send("10:00:00.140Z", 2, "10.0.0.11:30512", "+,,"),
                        send("10:00:00.190Z", 3, "10.0.0.11:30512", "<,220 mail.adventure-works.com ESMTP ready,"),
                        send("10:00:00.191Z", 4, "10.0.0.11:30512", ">,EHLO mail.contoso.com,"),
                        send("10:00:00.230Z", 5, "10.0.0.11:30512", "<,250-mail.adventure-works.com Hello,"),
                        send("10:00:00.230Z", 6, "10.0.0.11:30512", "<,250 SIZE 10240000,"),
                        send("10:00:00.231Z", 7, "10.0.0.11:30512", ">,MAIL FROM:<billing@contoso.com>,"),
                        send("10:00:01.500Z", 8, "10.0.0.11:30512", "-,,Local"))));
        assertEquals("10.0.0.11", c.localIp());
        assertEquals(30512, c.localPort());
        assertEquals("198.51.100.12", c.remoteIp());
        assertEquals(25, c.remotePort());
        assertEquals(TlsOutcome.NONE, c.tlsOutcome(), "EHLO was sent and TLS never attempted: plaintext");
        assertEquals(Boolean.FALSE, c.starttlsOffered(), "the EHLO reply is logged and lists no STARTTLS");
    }

    @Test
    void refusedSendConnectionHadNoDialogue() {
        SmtpConnection c = only(connections(
                SEND,
                List.of(
                        send("10:00:00.100Z", 0, "", "*,SendRoutingHeaders,Set Session Permissions"),
                        send("10:00:00.101Z", 1, "", "*,,attempting to connect"),
                        send(
                                "10:00:02.110Z",
                                2,
                                "",
                                "-,,\"Failed to connect. Winsock error code: 10061, Win32 error code: 10061, Destination"
                                        + " domain: adventure-works.com, Error Message: No connection could be made because"
                                        + " the target machine actively refused it.\""))));
        assertEquals(TlsOutcome.NO_DIALOGUE, c.tlsOutcome());
        assertTrue(c.closed());
        assertNull(c.localIp(), "never connected: no local endpoint was ever logged");
        assertEquals("198.51.100.12", c.remoteIp());
        assertNull(c.starttlsOffered(), "no EHLO reply is in the logs");
    }

    @Test
    void sendConnectionThatOnlyGotAsFarAsAttemptingToConnectHadNoDialogue() {
        SmtpConnection c = only(connections(SEND, List.of(send("10:00:00.101Z", 1, "", "*,,attempting to connect"))));
        assertEquals(TlsOutcome.NO_DIALOGUE, c.tlsOutcome());
        assertEquals(false, c.closed());
    }

    @Test
    void receiveConnectionClosedAfterTheBannerHadNoDialogue() {
        SmtpConnection c = only(connections(
                RECEIVE,
                List.of(
                        receive("10:00:00.000Z", 0, "+,,"),
                        receive(
                                "10:00:00.001Z",
                                1,
                                ">,\"220 EX01.contoso.com Microsoft ESMTP MAIL Service ready at Tue, 12 Mar 2024 11:00:00"
                                        + " +0100\","),
                        receive("10:00:00.020Z", 2, "-,,Remote(SocketError)"))));
        assertEquals(TlsOutcome.NO_DIALOGUE, c.tlsOutcome(), "a load-balancer probe spoke no SMTP");
        assertNull(c.starttlsOffered());
    }

    @Test
    void receiveConnectionWhoseRowsStopBeforeEhloHasNoDialogueYetAndPlaintextOnceEhloArrives() {
        SmtpConnection open = only(connections(RECEIVE, List.of(receive("10:00:00.000Z", 0, "+,,"))));
        assertEquals(TlsOutcome.NO_DIALOGUE, open.tlsOutcome());

        connections.clear();
        StreamSessions sessions = new SmtpSessionAssembler(connections::add, problems::add).stream(RECEIVE);
        sessions.resume(open);
        Path next = SmtpLogFiles.writeLog(
                folder.resolve("next.LOG"),
                "Receive",
                List.of(
                        receive("10:00:01.000Z", 1, "<,HELO legacyapp,"),
                        receive("10:00:01.001Z", 2, ">,250 EX01.contoso.com Hello [203.0.113.70],"),
                        receive("10:00:02.000Z", 3, "-,,Remote(ConnectionReset)")));
        for (SmtpRecord record : SmtpLogFiles.read(next, problems)) {
            sessions.accept(record, "next.LOG");
        }
        SmtpConnection c = only(connections);
        assertEquals(TlsOutcome.NONE, c.tlsOutcome());
        assertEquals(Boolean.FALSE, c.starttlsOffered(), "a HELO reply offers no extensions");
    }

    @Test
    void stalledAfterEhloWithoutAReplyLeavesStarttlsOfferedUnknown() {
        SmtpConnection c = only(connections(
                RECEIVE,
                List.of(
                        receive("10:00:00.000Z", 1, "<,EHLO relay.fabrikam.com,"),
                        receive("10:00:30.000Z", 2, "-,,Remote(ConnectionReset)"))));
        assertEquals(TlsOutcome.NONE, c.tlsOutcome());
        assertNull(c.starttlsOffered());
    }

    @Test
    void starttlsAttemptedWithoutTheEhloReplyInTheLogsWasOffered() {
        // The file starts mid-connection: the EHLO reply with STARTTLS is in a file that is not there.
        SmtpConnection c = only(connections(
                RECEIVE,
                List.of(
                        receive("10:00:00.000Z", 4, "<,STARTTLS,"),
                        receive("10:00:00.001Z", 5, ">,220 2.0.0 SMTP server ready,"),
                        receive("10:00:00.050Z", 7, TLS12_SERVER),
                        receive("10:00:00.100Z", 8, "<,EHLO relay.fabrikam.com,"),
                        receive(
                                "10:00:00.101Z",
                                9,
                                ">,250  EX01.contoso.com Hello [203.0.113.70] SIZE 36700160 PIPELINING AUTH LOGIN,"),
                        receive("10:00:01.000Z", 10, "-,,Remote(ConnectionReset)"))));
        assertEquals(TlsOutcome.NEGOTIATED, c.tlsOutcome());
        assertEquals(Boolean.TRUE, c.starttlsOffered(), "the client asked for STARTTLS, so it was offered");
    }

    @Test
    void failedStarttlsWasOfferedToo() {
        SmtpConnection c = only(connections(
                RECEIVE,
                List.of(
                        receive("10:00:00.000Z", 4, "<,STARTTLS,"),
                        receive("10:00:00.001Z", 5, ">,220 2.0.0 SMTP server ready,"),
                        receive("10:00:00.050Z", 6, "*,,TLS negotiation failed with error SocketError"),
                        receive("10:00:00.051Z", 7, "-,,Local"))));
        assertEquals(TlsOutcome.FAILED, c.tlsOutcome());
        assertEquals(Boolean.TRUE, c.starttlsOffered());
    }

    @Test
    void certificateRowsWithoutTheirRoleRowAreKeptUnattributed() {
        // The log was cut before the "Sending certificate" row: nothing says whose certificate this is.
        SmtpConnection c = only(connections(
                SEND,
                List.of(
                        send("10:00:00.100Z", 12, "10.0.0.11:30517", "*,CN=smtp-out.contoso.com,Certificate subject"),
                        send(
                                "10:00:00.100Z",
                                13,
                                "10.0.0.11:30517",
                                "*,\"CN=Woodgrove TLS Issuing CA G3, O=Woodgrove Bank, C=NO\",Certificate issuer name"),
                        send(
                                "10:00:00.100Z",
                                15,
                                "10.0.0.11:30517",
                                "*,2c7e91a04f6b3d85e2a9c07b5d13f8e64a0c92b7,Certificate thumbprint"),
                        send(
                                "10:00:00.101Z",
                                17,
                                "10.0.0.11:30517",
                                "*,,TLS negotiation failed with error NoCredentials"),
                        send("10:00:00.102Z", 18, "10.0.0.11:30517", "-,,Local"))));
        assertEquals("CN=smtp-out.contoso.com", c.unattributedCertSubject());
        assertEquals("CN=Woodgrove TLS Issuing CA G3, O=Woodgrove Bank, C=NO", c.unattributedCertIssuer());
        assertEquals("2C7E91A04F6B3D85E2A9C07B5D13F8E64A0C92B7", c.unattributedCertThumbprint());
        assertNull(c.certSubject(), "not guessed to be ours");
        assertNull(c.certThumbprint());
        assertNull(c.peerCertSubject(), "not guessed to be the peer's");
        assertNull(c.peerCertThumbprint());
    }

    @Test
    void remoteCertificateKeepsItsIssuer() {
        SmtpConnection c = only(connections(
                RECEIVE,
                List.of(
                        receive("10:00:00.000Z", 4, "<,STARTTLS,"),
                        receive("10:00:00.040Z", 6, "*,,Remote certificate"),
                        receive("10:00:00.040Z", 7, "*,CN=smtp.woodgrovebank.com,Certificate subject"),
                        receive("10:00:00.040Z", 8, "*,CN=Woodgrove Issuing CA,Certificate issuer name"),
                        receive(
                                "10:00:00.040Z",
                                9,
                                "*,8F1D2C3B4A5968778695A4B3C2D1E0F908172635,Certificate thumbprint"),
                        receive("10:00:00.050Z", 10, TLS12_SERVER),
                        receive("10:00:01.000Z", 11, "-,,Remote(ConnectionReset)"))));
        assertEquals("CN=smtp.woodgrovebank.com", c.peerCertSubject());
        assertEquals("CN=Woodgrove Issuing CA", c.peerCertIssuer());
        assertNull(c.unattributedCertSubject());
        assertNull(c.certSubject());
    }
}
