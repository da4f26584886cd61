package io.tlsaudit.bench;

import io.tlsaudit.bench.CorpusPeers.MailDomain;
import io.tlsaudit.bench.CorpusPeers.MailSoftware;
import io.tlsaudit.bench.CorpusPeers.Peer;
import io.tlsaudit.bench.CorpusPeers.TlsHabit;
import io.tlsaudit.bench.PlannedSession.Outcome;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the sessions of a Hub Send log, modelled on the sample logs (docs/log-formats.md, 'Send connections'):
 * {@code Set Session Permissions} and {@code attempting to connect} with an empty local endpoint, failover to the
 * next MX after {@code Failed to connect. Winsock error code: ...}, Postfix, Exchange and Sendmail peers, STARTTLS
 * refused with 454, peers that do not offer STARTTLS, a partner smart host on TLS 1.0 only, a mutual-TLS connector
 * that fails with {@code NoCredentials}, and X-ANONYMOUSTLS to the other Exchange servers.
 */
final class SendSessions {

    private static final String INTERNET = "Internet Send Connector";
    private static final String INTRA_ORGANIZATION = "Intra-Organization SMTP Send Connector";
    private static final String PARTNER = "Partner Relay to Fabrikam";
    private static final String MUTUAL_TLS = "To Fabrikam (mutual TLS)";

    private final ExchangeServer server;
    private final List<ExchangeServer> organisation;
    private final CorpusPeers peers;
    private final LogClock clock;
    private final SplittableRandom random;
    private final SessionBuilder b;
    private final MailText text;
    private final StringBuilder scratch = new StringBuilder(128);

    SendSessions(
            ExchangeServer server,
            List<ExchangeServer> organisation,
            CorpusPeers peers,
            LogClock clock,
            SplittableRandom random) {
        this.server = server;
        this.organisation = organisation;
        this.peers = peers;
        this.clock = clock;
        this.random = random;
        this.b = new SessionBuilder(random);
        this.text = new MailText(random);
    }

    /** Plans one session starting at {@code start}. */
    PlannedSession plan(long start, String sessionId, long ordinal) {
        PlannedSession session = new PlannedSession(ordinal);
        int roll = random.nextInt(100);
        if (roll < 8 && organisation.size() > 1) {
            ExchangeServer other = organisation.get(random.nextInt(organisation.size()));
            if (other.index() == server.index()) {
                other = organisation.get(other.index() % organisation.size());
            }
            intraOrganization(session, start, sessionId, other);
        } else if (roll < 11) {
            partner(session, start, sessionId, PARTNER, peers.partnerRelay, "fabrikam.com");
        } else if (roll < 12) {
            partner(session, start, sessionId, MUTUAL_TLS, peers.partnerMutualTls, "fabrikam.com");
        } else {
            internet(session, start, sessionId, CorpusPeers.pick(peers.sendDomains, random));
        }
        return session;
    }

    private void internet(PlannedSession session, long start, String sessionId, MailDomain domain) {
        List<Peer> hosts = domain.mxHosts();
        b.start(session, start, INTERNET, sessionId, "", hosts.get(0).endpoint(25));
        b.information("SendRoutingHeaders", "Set Session Permissions");
        for (int i = 0; i < hosts.size(); i++) {
            Peer host = hosts.get(i);
            b.remote(host.endpoint(25));
            b.local("");
            b.after(0, i == 0 ? 0 : 1).information("", "attempting to connect");
            boolean down = i == 0 && domain.primaryDown() || random.nextInt(150) == 0;
            if (down) {
                boolean timeout = random.nextInt(3) > 0;
                b.after(timeout ? 21_000 : 1, timeout ? 21_100 : 70)
                        .information("", failedToConnect(timeout, domain.domain(), host.ip()));
                b.endConnection(host.ip(), Outcome.NO_DIALOGUE, null);
                continue;
            }
            connected(host, INTERNET);
            return;
        }
    }

    private void partner(
            PlannedSession session, long start, String sessionId, String connector, Peer host, String domain) {
        b.start(session, start, connector, sessionId, "", host.endpoint(25));
        b.information("SendRoutingHeaders", "Set Session Permissions");
        b.information("", "attempting to connect");
        connected(host, connector);
    }

    /** From the TCP connect on: banner, EHLO, STARTTLS or not, mail, QUIT. */
    private void connected(Peer host, String connector) {
        b.local(server.ipv4() + ":" + (1025 + random.nextInt(64_000)));
        b.after(10, 150).row('+', "", "");
        b.after(30, 400).received(banner(host));
        b.after(0, 1).sent("EHLO mail.contoso.com");
        boolean offersTls = host.habit() != TlsHabit.PLAINTEXT;
        b.after(10, 120);
        ehloReply(host, offersTls);
        Outcome outcome = Outcome.NONE;
        TlsSuite suite = null;
        if (offersTls) {
            b.after(0, 1).sent("STARTTLS");
            boolean refused = host.software() != MailSoftware.EXCHANGE && random.nextInt(400) == 0;
            if (refused) {
                b.after(5, 60).received("454 4.7.0 TLS not available due to local problem");
                outcome = Outcome.FAILED;
            } else {
                b.after(5, 60)
                        .received(
                                host.software() == MailSoftware.EXCHANGE
                                        ? "220 2.0.0 SMTP server ready"
                                        : "220 2.0.0 Ready to start TLS");
                if (connector.equals(MUTUAL_TLS)) {
                    mutualTlsFailure();
                    b.endConnection(host.ip(), Outcome.FAILED, null);
                    return;
                }
                if (host.habit() == TlsHabit.FLAKY && random.nextInt(3) == 0) {
                    b.after(20, 2000).information("", "TLS negotiation failed with error SocketError");
                    b.after(0, 2).row('-', "", "Local");
                    b.endConnection(host.ip(), Outcome.FAILED, null);
                    return;
                }
                suite = suite(host);
                b.after(40, 400).information("", suite.resultText(false, server.version().ecdheName));
                b.information("", "Received certificate");
                b.information(text.thumbprint(), "Certificate thumbprint");
                b.after(0, 1).sent("EHLO mail.contoso.com");
                b.after(10, 120);
                ehloReply(host, false);
                outcome = Outcome.NEGOTIATED;
            }
        }
        mail(host, connector);
        b.endConnection(host.ip(), outcome, suite);
    }

    private void intraOrganization(PlannedSession session, long start, String sessionId, ExchangeServer other) {
        String remote = other.ipv4() + ":2525";
        b.start(session, start, INTRA_ORGANIZATION, sessionId, "", remote);
        b.information("SendRoutingHeaders", "Set Session Permissions");
        b.information("", "attempting to connect");
        b.local(server.ipv4() + ":" + (1025 + random.nextInt(64_000)));
        b.after(1, 5).row('+', "", "");
        b.after(1, 10).received(exchangeBanner(other.fqdn()));
        b.after(0, 1).sent("EHLO " + server.fqdn());
        b.after(1, 10).received("250-" + other.fqdn() + " Hello [" + server.ipv4() + "]");
        for (String line : new String[] {
            "250-SIZE 37748736", "250-PIPELINING", "250-DSN", "250-ENHANCEDSTATUSCODES", "250-STARTTLS",
            "250-X-ANONYMOUSTLS", "250-AUTH NTLM", "250-X-EXPS GSSAPI NTLM", "250-8BITMIME", "250-BINARYMIME",
            "250-CHUNKING", "250-XEXCH50", "250-XRDST", "250 XSHADOWREQUEST"
        }) {
            b.received(line);
        }
        b.after(0, 1).sent("X-ANONYMOUSTLS");
        b.after(1, 5).received("220 2.0.0 SMTP server ready");
        TlsSuite suite = TlsSuite.TLS12_AES256_GCM;
        b.after(5, 60).information("", suite.resultText(false, server.version().ecdheName));
        b.information("", "Received certificate");
        b.information("7364A5F3062949DAC0BD96B80853A90D54AA2B" + (10 + other.index()), "Certificate thumbprint");
        b.after(0, 1).sent("EHLO " + server.fqdn());
        b.after(1, 10).received("250-" + other.fqdn() + " Hello [" + server.ipv4() + "]");
        for (String line : new String[] {
            "250-SIZE 37748736", "250-PIPELINING", "250-DSN", "250-ENHANCEDSTATUSCODES", "250-AUTH NTLM",
            "250-X-EXPS EXCHANGEAUTH GSSAPI NTLM", "250-8BITMIME", "250-BINARYMIME", "250-CHUNKING", "250-XEXCH50",
            "250-XRDST", "250 XSHADOWREQUEST"
        }) {
            b.received(line);
        }
        b.after(0, 1).sent("X-EXPS EXCHANGEAUTH SHA256");
        b.after(1, 10).received("235 <authentication response>");
        Peer exchange = new Peer(
                other.ipv4(),
                false,
                other.fqdn(),
                "contoso.com",
                TlsHabit.MODERN,
                suite,
                suite,
                false,
                MailSoftware.EXCHANGE,
                false);
        mail(exchange, INTRA_ORGANIZATION);
        b.endConnection(other.ipv4(), Outcome.NEGOTIATED, suite);
    }

    private TlsSuite suite(Peer host) {
        return switch (host.habit()) {
            case LEGACY_ONLY -> host.legacySuite();
            case MIXED -> random.nextInt(3) == 0 ? host.legacySuite() : host.modernSuite();
            case MODERN, FLAKY, PLAINTEXT ->
                host.tls13() && server.version().tls13 ? TlsSuite.TLS13 : host.modernSuite();
        };
    }

    /** Our client certificate, multi-row (layout a), then the failure: the partner does not accept it. */
    private void mutualTlsFailure() {
        b.after(1, 5).information("", "Sending certificate");
        b.information("CN=smtp-out.contoso.com", "Certificate subject");
        b.information("CN=Contoso Issuing CA 02, DC=corp, DC=contoso, DC=com", "Certificate issuer name");
        b.information("6100000021E4F1A2B3C4D5E6F70000000000" + server.index(), "Certificate serial number");
        b.information("5C7A2CCB4A7605C6C052FCBCE72CAA518D0F8E" + (10 + server.index()), "Certificate thumbprint");
        b.information("smtp-out.contoso.com", "Certificate alternate names");
        b.after(30, 300).information("", "TLS negotiation failed with error NoCredentials");
        b.after(0, 2).row('-', "", "Local");
    }

    private void ehloReply(Peer host, boolean offerTls) {
        switch (host.software()) {
            case POSTFIX ->
                b.received(
                        "250 " + host.host() + " Hello [" + MailText.PUBLIC_IP + "] PIPELINING SIZE" + " 52428800 ETRN"
                                + (offerTls ? " STARTTLS" : "") + " ENHANCEDSTATUSCODES 8BITMIME DSN SMTPUTF8");
            case SENDMAIL ->
                b.received("250 " + host.host() + " Hello mail.contoso.com [" + MailText.PUBLIC_IP
                        + "], pleased to meet you ENHANCEDSTATUSCODES PIPELINING 8BITMIME SIZE 20971520 DSN"
                        + (offerTls ? " STARTTLS" : "") + " DELIVERBY HELP");
            case EXCHANGE -> {
                b.received("250-" + host.host() + " Hello [" + MailText.PUBLIC_IP + "]");
                b.received("250-SIZE 37748736");
                b.received("250-PIPELINING");
                b.received("250-DSN");
                b.received("250-ENHANCEDSTATUSCODES");
                if (offerTls) {
                    b.received("250-STARTTLS");
                }
                b.received("250-8BITMIME");
                b.received("250-BINARYMIME");
                b.received("250 CHUNKING");
            }
        }
    }

    private void mail(Peer host, String connector) {
        boolean bulk = connector.equals(INTRA_ORGANIZATION) && random.nextInt(120) == 0;
        int messages = bulk ? 10 + random.nextInt(40) : text.messages();
        long deadline = b.clock() + 30 * LogClock.MINUTE;
        for (int m = 0; m < messages && b.clock() < deadline; m++) {
            int size = text.messageSize();
            if (bulk && m > 0) {
                b.after(200, 6000);
            }
            b.after(0, 2).sent("MAIL FROM:<" + text.localPart() + "@contoso.com> SIZE=" + size);
            b.after(5, 80).received(reply(host, "250 2.1.0 Ok", "250 2.1.0 Sender OK", "250 2.1.0 Sender ok"));
            int recipients = text.recipients();
            for (int r = 0; r < recipients; r++) {
                b.after(0, 2).sent("RCPT TO:<" + text.localPart() + "@" + host.domain() + ">");
                b.after(3, 90)
                        .received(reply(host, "250 2.1.5 Ok", "250 2.1.5 Recipient OK", "250 2.1.5 Recipient ok"));
            }
            if (host.software() == MailSoftware.EXCHANGE) {
                b.after(0, 2).sent("BDAT " + size + " LAST");
                b.after(60, 2500).received(text.queued("contoso.com", host.host(), size));
            } else {
                b.after(0, 2).sent("DATA");
                b.after(5, 60)
                        .received(
                                host.software() == MailSoftware.POSTFIX
                                        ? "354 End data with <CR><LF>.<CR><LF>"
                                        : "354 Enter mail, end with \".\" on a line by itself");
                b.after(60, 3000)
                        .received(
                                host.software() == MailSoftware.POSTFIX
                                        ? "250 2.0.0 Ok: queued as " + text.queueId()
                                        : "250 2.0.0 " + text.queueId() + " Message accepted for delivery");
            }
        }
        b.after(0, 2).sent("QUIT");
        b.after(5, 60)
                .received(reply(
                        host,
                        "221 2.0.0 Bye",
                        "221 2.0.0 Service closing transmission channel",
                        "221 2.0.0 " + host.host() + " closing connection"));
        b.after(0, 1).row('-', "", "Local");
    }

    private static String reply(Peer host, String postfix, String exchange, String sendmail) {
        return switch (host.software()) {
            case POSTFIX -> postfix;
            case EXCHANGE -> exchange;
            case SENDMAIL -> sendmail;
        };
    }

    private String banner(Peer host) {
        return switch (host.software()) {
            case POSTFIX -> "220 " + host.host() + " ESMTP Postfix";
            case EXCHANGE -> exchangeBanner(host.host());
            case SENDMAIL -> {
                scratch.setLength(0);
                scratch.append("220 ").append(host.host()).append(" ESMTP Sendmail 8.15.2/8.15.2; ");
                clock.appendBanner(scratch, b.clock());
                yield scratch.toString();
            }
        };
    }

    private String exchangeBanner(String host) {
        scratch.setLength(0);
        scratch.append("220 ").append(host).append(" Microsoft ESMTP MAIL Service ready at ");
        clock.appendBanner(scratch, b.clock());
        return scratch.toString();
    }

    private static String failedToConnect(boolean timeout, String domain, String ip) {
        return timeout
                ? "Failed to connect. Winsock error code: 10060, Win32 error code: 10060, Destination domain: " + domain
                        + ", Error Message: A connection attempt failed because the connected party did not properly"
                        + " respond after a period of time, or established connection failed because connected host"
                        + " has failed to respond " + ip + ":25."
                : "Failed to connect. Winsock error code: 10061, Win32 error code: 10061, Destination domain: " + domain
                        + ", Error Message: No connection could be made because the target machine actively refused"
                        + " it " + ip + ":25.";
    }
}
