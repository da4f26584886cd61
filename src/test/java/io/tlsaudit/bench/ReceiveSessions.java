package io.tlsaudit.bench;

import io.tlsaudit.bench.CorpusPeers.Peer;
import io.tlsaudit.bench.CorpusPeers.TlsHabit;
import io.tlsaudit.bench.PlannedSession.Outcome;
import java.util.SplittableRandom;

/**
 * Plans the sessions of a Front End Receive log, modelled on the sample logs: Internet mail servers on the default
 * connector, devices and applications on the relay connector, mail clients submitting on port 587 with AUTH, and
 * the banner-only probes of a load balancer and port scans. TLS outcomes follow each peer's habit, with the rare
 * failures of real logs: handshake failures, drops after {@code 220}, a cut result row.
 */
final class ReceiveSessions {

    private static final String EHLO_OFFER = " SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS"
            + " X-ANONYMOUSTLS AUTH NTLM X-EXPS GSSAPI NTLM 8BITMIME BINARYMIME CHUNKING SMTPUTF8 XRDST";
    private static final String EHLO_AFTER_TLS = " SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES AUTH NTLM LOGIN"
            + " X-EXPS GSSAPI NTLM 8BITMIME BINARYMIME CHUNKING SMTPUTF8 XRDST";
    private static final String SUBMISSION_OFFER =
            " SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS AUTH GSSAPI NTLM 8BITMIME BINARYMIME CHUNKING";
    private static final String SUBMISSION_AFTER_TLS = " SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES AUTH GSSAPI"
            + " NTLM LOGIN 8BITMIME BINARYMIME CHUNKING";
    private static final String CERTIFICATE_LABELS =
            "Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names";
    private static final String PERMISSIONS = "SMTPSubmit SMTPAcceptAnyRecipient SMTPBypassMessageSizeLimit"
            + " SMTPAcceptAuthoritativeDomainSender AcceptRoutingHeaders";
    private static final String[] DEVICE_SENDERS = {"scan", "alerts", "noreply", "fax", "erp-batch", "monitoring"};

    private final ExchangeServer server;
    private final CorpusPeers peers;
    private final LogClock clock;
    private final SplittableRandom random;
    private final SessionBuilder b;
    private final MailText text;
    private final String defaultConnector;
    private final String clientConnector;
    private final String relayConnector;
    private final String singleRowCertificate;
    private final String thumbprint;
    private final StringBuilder scratch = new StringBuilder(128);

    ReceiveSessions(ExchangeServer server, CorpusPeers peers, LogClock clock, SplittableRandom random) {
        this.server = server;
        this.peers = peers;
        this.clock = clock;
        this.random = random;
        this.b = new SessionBuilder(random);
        this.text = new MailText(random);
        this.defaultConnector = server.name() + "\\Default Frontend " + server.name();
        this.clientConnector = server.name() + "\\Client Frontend " + server.name();
        this.relayConnector = server.relayConnector();
        this.thumbprint = text.thumbprint();
        this.singleRowCertificate = " CN=mail.contoso.com CN=Contoso Issuing CA 01 5A52BFC29107353E2018DF9AEC4B686"
                + server.index() + " " + thumbprint + " 2026-01-05T07:45:00.000Z 2027-01-04T07:45:00.000Z"
                + " mail.contoso.com;autodiscover.contoso.com;" + server.fqdn();
    }

    /** Plans one session starting at {@code start}. */
    PlannedSession plan(long start, String sessionId, long ordinal) {
        PlannedSession session = new PlannedSession(ordinal);
        int roll = random.nextInt(1000);
        if (roll < 25) {
            probe(session, start, sessionId);
        } else if (roll < 110) {
            relayDevice(session, start, sessionId, CorpusPeers.pick(peers.relayDevices, random));
        } else if (roll < 200) {
            submission(session, start, sessionId, CorpusPeers.pick(peers.submissionClients, random));
        } else {
            Peer peer = CorpusPeers.pick(peers.internetSenders, random);
            if (peer.ipv6() && server.ipv6() == null) {
                peer = peers.internetSenders.get(random.nextInt(2000));
            }
            internet(session, start, sessionId, peer);
        }
        return session;
    }

    /** A load balancer's banner-only health check, or a port scan reset right after the connect. */
    private void probe(PlannedSession session, long start, String sessionId) {
        boolean loadBalancer = random.nextInt(4) > 0;
        String ip = loadBalancer ? "10.0.0.5" : "198.18.250." + (1 + random.nextInt(250));
        b.start(session, start, defaultConnector, sessionId, server.ipv4() + ":25", ip + ":" + port());
        b.row('+', "", "");
        if (loadBalancer) {
            b.after(1, 4).sent(banner("mail.contoso.com", b.clock()));
            b.after(1, 30).row('-', "", "Remote(SocketError)");
        } else {
            b.after(0, 3).row('-', "", "Remote(ConnectionReset)");
        }
        b.endConnection(ip, Outcome.NO_DIALOGUE, null);
    }

    private void internet(PlannedSession session, long start, String sessionId, Peer peer) {
        String local = peer.ipv6() ? "[" + server.ipv6() + "]:25" : server.ipv4() + ":25";
        b.start(session, start, defaultConnector, sessionId, local, peer.endpoint(port()));
        String ehlo = random.nextInt(30) == 0 ? "[" + peer.ip() + "]" : peer.host();
        dialogue(peer, "mail.contoso.com", ehlo, EHLO_OFFER, EHLO_AFTER_TLS, false);
    }

    private void relayDevice(PlannedSession session, long start, String sessionId, Peer peer) {
        b.start(session, start, relayConnector, sessionId, server.ipv4() + ":25", peer.endpoint(port()));
        dialogue(peer, server.fqdn(), peer.host(), EHLO_OFFER, EHLO_AFTER_TLS, false);
    }

    private void submission(PlannedSession session, long start, String sessionId, Peer peer) {
        b.start(session, start, clientConnector, sessionId, server.ipv4() + ":587", peer.endpoint(port()));
        dialogue(peer, server.fqdn(), peer.host(), SUBMISSION_OFFER, SUBMISSION_AFTER_TLS, true);
    }

    /** Banner, hello, STARTTLS (as the peer's habit says), mail, goodbye. */
    private void dialogue(Peer peer, String banner, String hello, String offer, String afterTls, boolean authenticate) {
        b.row('+', "", "");
        b.after(1, 6).sent(banner(banner, b.clock()));
        String ip = peer.ip();
        if (peer.helo()) {
            b.after(50, 900).received("HELO " + hello);
            b.after(0, 2).sent("250 " + banner + " Hello [" + ip + "]");
            mail(peer, banner, authenticate);
            b.endConnection(ip, Outcome.NONE, null);
            return;
        }
        b.after(50, 900).received("EHLO " + hello);
        String code = "250" + server.version().afterEhloCode + banner + " Hello [" + ip + "]";
        b.after(0, 2).sent(code + offer);
        boolean plaintext = peer.habit() == TlsHabit.PLAINTEXT && !authenticate;
        if (plaintext) {
            mail(peer, banner, false);
            b.endConnection(ip, Outcome.NONE, null);
            return;
        }
        b.after(20, 400).received("STARTTLS");
        b.after(0, 2).sent("220 2.0.0 SMTP server ready");
        ourCertificate();
        int roll = random.nextInt(10_000);
        boolean fails = peer.habit() == TlsHabit.FLAKY ? roll < 4_000 : roll < 30;
        if (fails) {
            String error = random.nextInt(5) < 3 ? "SocketError" : "UnknownCredentials";
            b.after(20, 3000).information("", "TLS negotiation failed with error " + error);
            b.after(0, 2).row('-', "", "Local");
            b.endConnection(ip, Outcome.FAILED, null);
            return;
        }
        if (roll >= 9_960) {
            // STARTTLS accepted, then the peer drops before a result is logged (docs: 'unlogged').
            b.after(100, 20_000).row('-', "", "Remote(ConnectionReset)");
            b.endConnection(ip, Outcome.UNLOGGED, null);
            return;
        }
        TlsSuite suite = suite(peer);
        String result = suite.resultText(true, server.version().ecdheName);
        boolean cut = roll >= 9_958;
        // A buffer flush can cut the result row (sample case 27): no result, but TLS was attempted.
        b.after(60, 1200)
                .information("", cut ? result.substring(0, 40 + random.nextInt(result.length() - 60)) : result);
        b.after(50, 2000).received("EHLO " + hello);
        if (server.version() == ExchangeServer.ExchangeVersion.EXCHANGE_2019) {
            // Newer builds log the client certificate check after the handshake.
            b.after(0, 1).information("", "Client certificate chain validation status: 'EmptyCertificate'");
            b.information("", "TlsDomainCapabilities='None'; Status='NoRemoteCertificate'");
        }
        b.after(0, 1).sent(code + afterTls);
        mail(peer, banner, authenticate);
        b.endConnection(ip, cut ? Outcome.UNLOGGED : Outcome.NEGOTIATED, cut ? null : suite);
    }

    private TlsSuite suite(Peer peer) {
        return switch (peer.habit()) {
            case LEGACY_ONLY -> peer.legacySuite();
            case MIXED -> random.nextInt(3) == 0 ? peer.legacySuite() : peer.modernSuite();
            case MODERN, FLAKY, PLAINTEXT ->
                peer.tls13() && server.version().tls13 ? TlsSuite.TLS13 : peer.modernSuite();
        };
    }

    /** Exchange's own certificate before the handshake: one row (2016, 2019) or role row plus label rows (2013). */
    private void ourCertificate() {
        if (server.version().receiveCertificate == ExchangeServer.CertificateLayout.SINGLE_ROW) {
            b.information(singleRowCertificate, CERTIFICATE_LABELS);
            return;
        }
        b.information("", "Sending certificate");
        b.information("CN=mail.contoso.com", "Certificate subject");
        b.information("CN=Contoso Issuing CA 01, DC=corp, DC=contoso, DC=com", "Certificate issuer name");
        b.information("5A52BFC29107353E2018DF9AEC4B6861" + server.index(), "Certificate serial number");
        b.information(thumbprint, "Certificate thumbprint");
        b.information("mail.contoso.com;autodiscover.contoso.com;" + server.fqdn(), "Certificate alternate names");
    }

    private void mail(Peer peer, String hostname, boolean authenticate) {
        if (authenticate) {
            b.after(10, 200).received("AUTH LOGIN");
            b.after(0, 2).sent("334 <authentication response>");
            b.skipSequence(2);
            if (random.nextInt(25) == 0) {
                b.after(200, 2000).information("", "Inbound AUTH LOGIN failed because of LogonDenied");
                b.information("", "User Name: " + text.localPart() + "@contoso.com");
                b.sent("535 5.7.3 Authentication unsuccessful");
                b.after(10, 500).row('-', "", "Remote(ConnectionReset)");
                return;
            }
            b.after(100, 900).information(PERMISSIONS, "Set Session Permissions");
            b.sent("235 2.7.0 Authentication successful");
        }
        boolean device = peer.domain().equals("contoso.com");
        boolean bulk = !device && random.nextInt(400) == 0;
        int messages = bulk ? 10 + random.nextInt(60) : text.messages();
        boolean chunking = peer.software() == CorpusPeers.MailSoftware.EXCHANGE;
        long deadline = b.clock() + 30 * LogClock.MINUTE;
        for (int m = 0; m < messages && b.clock() < deadline; m++) {
            String sender = device
                    ? DEVICE_SENDERS[random.nextInt(DEVICE_SENDERS.length)] + "@contoso.com"
                    : text.localPart() + "@" + peer.domain();
            int size = text.messageSize();
            if (bulk && m > 0) {
                b.after(500, 8000);
            }
            b.after(5, 400).received(mailFrom(sender, size));
            b.after(0, 4).sent("250 2.1.0 Sender OK");
            int recipients = text.recipients();
            for (int r = 0; r < recipients; r++) {
                b.after(2, 150).received("RCPT TO:<" + text.localPart() + "@contoso.com>");
                b.after(1, 9)
                        .sent(
                                random.nextInt(40) == 0
                                        ? "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"
                                        : "250 2.1.5 Recipient OK");
            }
            String domain = sender.substring(sender.indexOf('@') + 1);
            if (chunking) {
                b.after(2, 200).received("BDAT " + size + " LAST");
                b.after(80, 2500).sent(text.queued(domain, server.fqdn(), size));
            } else {
                b.after(2, 200).received("DATA");
                b.after(0, 1).sent("354 Start mail input; end with <CRLF>.<CRLF>");
                b.after(80, 3000).sent(text.queued(domain, server.fqdn(), size));
            }
        }
        if (random.nextInt(33) == 0) {
            b.after(100, 5000).row('-', "", "Remote(ConnectionReset)");
            return;
        }
        b.after(5, 300).received("QUIT");
        b.after(0, 1).sent("221 2.0.0 Service closing transmission channel");
        b.after(0, 1).row('-', "", "Local");
    }

    private String mailFrom(String sender, int size) {
        scratch.setLength(0);
        return scratch.append("MAIL FROM:<")
                .append(sender)
                .append("> SIZE=")
                .append(size)
                .toString();
    }

    private String banner(String host, long millis) {
        scratch.setLength(0);
        scratch.append("220 ").append(host).append(" Microsoft ESMTP MAIL Service ready at ");
        clock.appendBanner(scratch, millis);
        return scratch.toString();
    }

    private int port() {
        return 1025 + random.nextInt(64_000);
    }
}
