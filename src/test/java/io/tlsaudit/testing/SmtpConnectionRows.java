package io.tlsaudit.testing;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The log rows of one SMTP connection, in Exchange's CSV layout (docs/log-formats.md, 'Example sessions'), for tests
 * that count what the report should say about a hand-made set of connections. Rows are one millisecond apart from
 * {@code start}, so the connection's {@code started_at} is {@code start}. Write them with {@link SmtpLogFiles}.
 */
public final class SmtpConnectionRows {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);

    /** How the connection ends up, as {@code smtp_sessions.tls_outcome} says it. */
    public enum Outcome {
        NEGOTIATED,
        FAILED,
        UNLOGGED,
        PLAINTEXT,
        NO_DIALOGUE
    }

    /** A certificate as the multi-row layout (a) logs it. */
    public record Certificate(String subject, String issuer, String thumbprint) {}

    private final boolean receive;
    private final String connector;
    private final String sessionId;
    private final LocalDateTime start;
    private final String remoteIp;
    private String peerName = "mail.example.net";
    private Outcome outcome = Outcome.PLAINTEXT;
    private TlsSuite suite;
    private String error;
    private Certificate ours;
    private Certificate peers;
    private Certificate unattributed;
    private int messages = 1;

    private SmtpConnectionRows(boolean receive, String connector, String sessionId, LocalDateTime start, String ip) {
        this.receive = receive;
        this.connector = requireNonNull(connector, "connector is null");
        this.sessionId = requireNonNull(sessionId, "sessionId is null");
        this.start = requireNonNull(start, "start is null");
        this.remoteIp = requireNonNull(ip, "remoteIp is null");
    }

    /** A peer connecting to Exchange; {@code connector} as logged, {@code EX01\Default Frontend EX01}. */
    public static SmtpConnectionRows receive(String connector, String sessionId, LocalDateTime start, String remoteIp) {
        return new SmtpConnectionRows(true, connector, sessionId, start, remoteIp);
    }

    /** Exchange connecting to {@code remoteIp}:25 through the Send connector {@code connector}. */
    public static SmtpConnectionRows send(String connector, String sessionId, LocalDateTime start, String remoteIp) {
        return new SmtpConnectionRows(false, connector, sessionId, start, remoteIp);
    }

    /** A session id in Exchange's form, 16 upper-case hex digits, unique for each {@code number}. */
    public static String sessionId(long number) {
        return String.format(Locale.ROOT, "08DC%012X", number);
    }

    /** The peer's EHLO name (receive) or the host in its banner (send). */
    public SmtpConnectionRows peerName(String name) {
        this.peerName = requireNonNull(name, "name is null");
        return this;
    }

    public SmtpConnectionRows negotiated(TlsSuite negotiated) {
        this.outcome = Outcome.NEGOTIATED;
        this.suite = requireNonNull(negotiated, "negotiated is null");
        return this;
    }

    /** A handshake that failed with Schannel error {@code name} ({@code SocketError}, ...). */
    public SmtpConnectionRows failed(String name) {
        this.outcome = Outcome.FAILED;
        this.error = requireNonNull(name, "name is null");
        return this;
    }

    /** STARTTLS accepted, then no TLS result row (as Exchange 2010 logs every TLS session). */
    public SmtpConnectionRows unlogged() {
        this.outcome = Outcome.UNLOGGED;
        return this;
    }

    public SmtpConnectionRows plaintext() {
        this.outcome = Outcome.PLAINTEXT;
        return this;
    }

    /** Connect, banner, disconnect: a probe (receive) or a destination that does not answer EHLO (send). */
    public SmtpConnectionRows noDialogue() {
        this.outcome = Outcome.NO_DIALOGUE;
        return this;
    }

    /** The certificate Exchange presents ({@code Sending certificate}), logged before the handshake's result. */
    public SmtpConnectionRows ourCertificate(Certificate certificate) {
        this.ours = certificate;
        return this;
    }

    /** The peer's certificate ({@code Remote certificate}), logged before the TLS result row. */
    public SmtpConnectionRows peerCertificate(Certificate certificate) {
        this.peers = certificate;
        return this;
    }

    /**
     * A certificate whose label rows come without the row naming its role, as in a log cut between them: tlsaudit
     * keeps it unattributed.
     */
    public SmtpConnectionRows unattributedCertificate(Certificate certificate) {
        this.unattributed = certificate;
        return this;
    }

    /** The number of {@code MAIL FROM} commands (1 unless set). */
    public SmtpConnectionRows messages(int count) {
        this.messages = count;
        return this;
    }

    /** The connection's rows, in order. */
    public List<String> rows() {
        Rows rows = new Rows();
        if (!receive) {
            rows.add("", '*', "", "attempting to connect");
        }
        rows.add('+', "", "");
        if (receive) {
            rows.add('>', "220 mail.contoso.com Microsoft ESMTP MAIL Service ready", "");
        } else {
            rows.add('<', "220 " + peerName + " ESMTP ready", "");
        }
        if (outcome == Outcome.NO_DIALOGUE) {
            rows.add('-', "", "Remote(SocketError)");
            return rows.lines;
        }
        hello(rows);
        if (receive) {
            rows.add('>', "250  mail.contoso.com Hello [" + remoteIp + "] SIZE 37748736 PIPELINING STARTTLS", "");
        } else {
            rows.add('<', "250 " + peerName + " Hello [203.0.113.10] SIZE 52428800 PIPELINING STARTTLS", "");
        }
        if (outcome != Outcome.PLAINTEXT) {
            rows.add(receive ? '<' : '>', "STARTTLS", "");
            rows.add(receive ? '>' : '<', "220 2.0.0 SMTP server ready", "");
            // Before any role row: label rows after one would take its role.
            certificate(rows, unattributed, null);
            certificate(rows, ours, "Sending certificate");
            switch (outcome) {
                case NEGOTIATED -> {
                    certificate(rows, peers, "Remote certificate");
                    rows.add('*', "", suite.resultText(receive));
                    hello(rows);
                }
                case FAILED -> {
                    rows.add('*', "", "TLS negotiation failed with error " + error);
                    rows.add('-', "", "Local");
                    return rows.lines;
                }
                case UNLOGGED -> {
                    rows.add('-', "", "Remote(ConnectionReset)");
                    return rows.lines;
                }
                case PLAINTEXT, NO_DIALOGUE -> throw new IllegalStateException("handled above");
            }
        }
        for (int i = 0; i < messages; i++) {
            rows.add(receive ? '<' : '>', "MAIL FROM:<sender" + i + "@example.net>", "");
            rows.add(receive ? '>' : '<', "250 2.1.0 Sender OK", "");
        }
        rows.add('-', "", "Local");
        return rows.lines;
    }

    private void hello(Rows rows) {
        if (receive) {
            rows.add('<', "EHLO " + peerName, "");
        } else {
            rows.add('>', "EHLO mail.contoso.com", "");
        }
    }

    /** The multi-row layout of {@code certificate}; without its role row when {@code role} is null. */
    private static void certificate(Rows rows, Certificate certificate, String role) {
        if (certificate == null) {
            return;
        }
        if (role != null) {
            rows.add('*', "", role);
        }
        rows.add('*', certificate.subject(), "Certificate subject");
        rows.add('*', certificate.issuer(), "Certificate issuer name");
        rows.add('*', certificate.thumbprint(), "Certificate thumbprint");
    }

    /** The rows so far, with the clock and sequence number of the connection. */
    private final class Rows {
        final List<String> lines = new ArrayList<>();
        int sequence;

        void add(char event, String data, String context) {
            add(
                    receive ? "10.0.0.11:25" : "10.0.0.11:" + (20000 + Math.floorMod(sessionId.hashCode(), 40000)),
                    event,
                    data,
                    context);
        }

        void add(String local, char event, String data, String context) {
            String remote = remoteIp.contains(":") ? "[" + remoteIp + "]" : remoteIp;
            remote += receive ? ":" + (40000 + Math.floorMod(sessionId.hashCode(), 20000)) : ":25";
            lines.add(TIME.format(start.plusNanos(1_000_000L * sequence)) + "," + quoted(connector) + "," + sessionId
                    + "," + sequence + "," + local + "," + remote + "," + event + "," + quoted(data) + ","
                    + quoted(context));
            sequence++;
        }
    }

    /** A CSV field as Exchange writes it: quoted, with quotes doubled, when it holds a comma or a quote. */
    private static String quoted(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
