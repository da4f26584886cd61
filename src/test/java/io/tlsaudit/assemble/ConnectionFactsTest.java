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

    /** Feeds the rows, which must be free of problems, and returns every connection, finished or still open. */
    private List<SmtpConnection> connections(LogStream stream, List<String> rows) {
        List<SmtpConnection> all = connectionsDespiteProblems(stream, rows);
        assertEquals(List.of(), problems);
        return all;
    }

    private List<SmtpConnection> connectionsDespiteProblems(LogStream stream, List<String> rows) {
        String direction = stream.direction() == SmtpDirection.SEND ? "Send" : "Receive";
        Path file = SmtpLogFiles.writeLog(folder.resolve("log.LOG"), direction, rows);
        StreamSessions sessions = assembler.stream(stream);
        for (SmtpRecord record : SmtpLogFiles.read(file, problems)) {
            sessions.accept(record, "log.LOG");
        }
        List<SmtpConnection> all = new ArrayList<>(connections);
        all.addAll(sessions.openConnections());
        return all;
    }

    /**
     * A later run: a new assembler takes up {@code open}, as from a pending row, and reads {@code rows} from the
     * stream's next file; {@link #connections} then holds what that run finished.
     */
    private StreamSessions resumedInTheNextRun(LogStream stream, SmtpConnection open, List<String> rows) {
        connections.clear();
        StreamSessions later = new SmtpSessionAssembler(connections::add, problems::add).stream(stream);
        later.resume(open);
        String direction = stream.direction() == SmtpDirection.SEND ? "Send" : "Receive";
        Path next = SmtpLogFiles.writeLog(folder.resolve("next.LOG"), direction, rows);
        for (SmtpRecord record : SmtpLogFiles.read(next, problems)) {
            later.accept(record, "next.LOG");
        }
        return later;
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
    void refusedSendConnectionHadNoDialogueAndEndsAtTheFailedConnectRow() {
        SmtpConnection c = only(connections(
                SEND,
                List.of(
                        send("10:00:00.100Z", 0, "", "*,SendRoutingHeaders,Set Session Permissions"),
                        send("10:00:00.101Z", 1, "", "*,,attempting to connect"),
                        send(
                                "10:00:02.110Z",
                                2,
                                "",
                                "*,,\"Failed to connect. Winsock error code: 10061, Win32 error code: 10061, Error"
                                        + " Message: No connection could be made because the target machine actively"
                                        + " refused it.\""))));
        assertEquals(TlsOutcome.NO_DIALOGUE, c.tlsOutcome());
        assertTrue(c.closed(), "Exchange writes no disconnect row after a failed connect: that row ends it");
        assertTrue(
                c.disconnectReason().startsWith("Failed to connect. Winsock error code: 10061"), c.disconnectReason());
        assertNull(c.localIp(), "never connected: no local endpoint was ever logged");
        assertEquals("198.51.100.12", c.remoteIp());
        assertNull(c.starttlsOffered(), "no EHLO reply is in the logs");
    }

    /** A Send row of session 08DC3B4192B4D002, which tries two hosts of one domain. */
    private static String failover(String time, int sequence, String local, String remote, String rest) {
        return "2024-03-12T" + time + ",Internet Send Connector,08DC3B4192B4D002," + sequence + "," + local + ","
                + remote + "," + rest;
    }

    @Test
    void eachConnectAttemptOfOneSessionIdIsAConnectionOfItsOwn() {
        // The first MX does not answer; Exchange tries the second under the same session id.
        List<SmtpConnection> attempts = connections(
                SEND,
                List.of(
                        failover(
                                "10:00:00.000Z",
                                0,
                                "",
                                "198.51.100.60:25",
                                "*,SendRoutingHeaders,Set Session Permissions"),
                        failover("10:00:00.001Z", 1, "", "198.51.100.60:25", "*,,attempting to connect"),
                        failover(
                                "10:00:21.050Z",
                                2,
                                "",
                                "198.51.100.60:25",
                                "*,,\"Failed to connect. Winsock error code: 10060, Win32 error code: 10060, Error"
                                        + " Message: A connection attempt failed.\""),
                        failover("10:00:21.051Z", 3, "", "198.51.100.61:25", "*,,attempting to connect"),
                        failover("10:00:21.090Z", 4, "10.0.0.11:30611", "198.51.100.61:25", "+,,"),
                        failover(
                                "10:00:21.130Z",
                                5,
                                "10.0.0.11:30611",
                                "198.51.100.61:25",
                                "<,220 mx2.wingtiptoys.com ESMTP,"),
                        failover("10:00:21.131Z", 6, "10.0.0.11:30611", "198.51.100.61:25", ">,EHLO mail.contoso.com,"),
                        failover(
                                "10:00:21.170Z",
                                7,
                                "10.0.0.11:30611",
                                "198.51.100.61:25",
                                "<,250 mx2.wingtiptoys.com Hello SIZE 10240000 STARTTLS,"),
                        failover("10:00:21.171Z", 8, "10.0.0.11:30611", "198.51.100.61:25", ">,STARTTLS,"),
                        failover(
                                "10:00:21.210Z",
                                9,
                                "10.0.0.11:30611",
                                "198.51.100.61:25",
                                "<,220 2.0.0 Ready to start TLS,"),
                        failover(
                                "10:00:21.300Z",
                                10,
                                "10.0.0.11:30611",
                                "198.51.100.61:25",
                                TLS12_CLIENT.replace("TLS1_2", "TLS1_0")),
                        failover("10:00:22.000Z", 11, "10.0.0.11:30611", "198.51.100.61:25", "-,,Local")));
        assertEquals(2, attempts.size(), attempts.toString());
        SmtpConnection failed = attempts.get(0);
        assertEquals("198.51.100.60", failed.remoteIp());
        assertEquals(TlsOutcome.NO_DIALOGUE, failed.tlsOutcome());
        assertTrue(failed.closed());
        assertEquals(3, failed.rows());
        SmtpConnection delivered = attempts.get(1);
        assertEquals("198.51.100.61", delivered.remoteIp(), "the host that answered");
        assertEquals("10.0.0.11", delivered.localIp());
        assertEquals("TLS 1.0", delivered.tlsProtocol());
        assertEquals("mx2.wingtiptoys.com", delivered.peerName());
        assertEquals(delivered.firstLine(), failed.firstLine() + 3);
    }

    @Test
    void connectionResumedBeforeItsConnectAttemptIsNotSplitByIt() {
        // The first run's file ends after the permissions row; the next file holds the attempt and the rest.
        SmtpConnection open = only(connections(
                SEND, List.of(send("10:00:00.100Z", 0, "", "*,SendRoutingHeaders,Set Session Permissions"))));
        StreamSessions later = resumedInTheNextRun(
                SEND,
                open,
                List.of(
                        send("10:00:00.101Z", 1, "", "*,,attempting to connect"),
                        send("10:00:00.140Z", 2, "10.0.0.11:30512", "+,,"),
                        send("10:00:01.500Z", 3, "10.0.0.11:30512", "-,,Local")));
        SmtpConnection c = only(connections);
        assertEquals(4, c.rows());
        assertEquals("10.0.0.11", c.localIp());
    }

    @Test
    void connectionResumedAfterItsConnectAttemptIsEndedByTheNextOne() {
        SmtpConnection open =
                only(connections(SEND, List.of(send("10:00:00.101Z", 1, "", "*,,attempting to connect"))));
        StreamSessions later =
                resumedInTheNextRun(SEND, open, List.of(send("10:00:30.101Z", 2, "", "*,,attempting to connect")));
        assertEquals(1, connections.size(), "the first attempt ended when the second began");
        assertEquals(1, later.openConnections().size());
    }

    @Test
    void anotherConnectAttemptEndsTheOneBeforeEvenWithoutAFailedRow() {
        List<SmtpConnection> attempts = connections(
                SEND,
                List.of(
                        failover("10:00:00.001Z", 1, "", "198.51.100.60:25", "*,,attempting to connect"),
                        failover("10:01:00.001Z", 2, "", "198.51.100.61:25", "*,,attempting to connect")));
        assertEquals(2, attempts.size());
        assertEquals("198.51.100.60", attempts.get(0).remoteIp());
        assertEquals(false, attempts.get(0).closed(), "no row says how it ended");
        assertEquals("198.51.100.61", attempts.get(1).remoteIp());
    }

    @Test
    void refusedStarttlsIsAFailureNotATlsResultThatWasNotLogged() {
        SmtpConnection c = only(connections(
                RECEIVE,
                List.of(
                        receive("10:00:00.000Z", 1, "<,EHLO relay.fabrikam.com,"),
                        receive("10:00:00.001Z", 2, ">,250  EX01.contoso.com Hello [203.0.113.70] STARTTLS,"),
                        receive("10:00:00.100Z", 3, "<,STARTTLS,"),
                        receive("10:00:00.101Z", 4, ">,454 4.7.0 TLS not available due to local problem,"),
                        receive("10:00:00.200Z", 5, "<,MAIL FROM:<a@fabrikam.com>,"),
                        receive("10:00:01.000Z", 6, "-,,Remote(ConnectionReset)"))));
        assertEquals(TlsOutcome.FAILED, c.tlsOutcome());
        assertEquals("STARTTLS refused: 454 4.7.0", c.tlsError());
        assertTrue(c.starttls());
    }

    @Test
    void cutTlsResultRowMeansTlsWasAttemptedNotPlaintext() {
        SmtpConnection c = only(connectionsDespiteProblems(
                RECEIVE,
                List.of(
                        receive("10:00:00.000Z", 1, "<,EHLO relay.fabrikam.com,"),
                        receive(
                                "10:00:00.050Z",
                                7,
                                "*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk encryption"
                                        + " algorithm CALG_3DES with str\""),
                        receive("10:00:01.000Z", 8, "-,,Remote(ConnectionReset)"))));
        assertEquals(List.of(7L), problems.stream().map(LineProblem::lineNumber).toList());
        assertEquals(TlsOutcome.UNLOGGED, c.tlsOutcome());
    }

    @Test
    void maskedThumbprintIsKeptAsWritten() {
        SmtpConnection c = only(connections(
                SEND,
                List.of(
                        send("10:00:00.100Z", 11, "", "*,,Sending certificate"),
                        send(
                                "10:00:00.100Z",
                                15,
                                "",
                                "*,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,Certificate thumbprint"),
                        send("10:00:00.101Z", 17, "", "-,,Local"))));
        assertEquals("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", c.certThumbprint());
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

        StreamSessions sessions = resumedInTheNextRun(
                RECEIVE,
                open,
                List.of(
                        receive("10:00:01.000Z", 1, "<,HELO legacyapp,"),
                        receive("10:00:01.001Z", 2, ">,250 EX01.contoso.com Hello [203.0.113.70],"),
                        receive("10:00:02.000Z", 3, "-,,Remote(ConnectionReset)")));
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
