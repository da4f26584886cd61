package io.tlsaudit.assemble;

import io.tlsaudit.parse.Endpoint;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.LineProblemSink;
import io.tlsaudit.parse.TextRepair;
import io.tlsaudit.parse.TlsResultLine;
import io.tlsaudit.parse.smtp.SingleRowCertificate;
import io.tlsaudit.parse.smtp.SmtpDirection;
import io.tlsaudit.parse.smtp.SmtpEvent;
import io.tlsaudit.parse.smtp.SmtpRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Assembles the interleaved rows of one {@link LogStream} into connections. Rows of a connection may arrive from
 * several files in turn; a connection is emitted when its disconnect row arrives or when it has been idle too long.
 * Connections still open are read with {@link #openConnections()} and stored as pending. Not thread-safe.
 */
public final class StreamSessions {

    /** Exchange drops idle SMTP sessions after minutes; an hour without a row means the disconnect was never logged. */
    static final long IDLE_MICROS = 3_600_000_000L;

    private final LogStream stream;
    private final Consumer<SmtpConnection> sink;
    private final LineProblemSink problems;
    private final Map<String, SessionState> open = new HashMap<>();
    private final SmtpEvent clientSpeaks;
    private final SmtpEvent serverSpeaks;
    private long latestMicros = Long.MIN_VALUE;

    StreamSessions(LogStream stream, Consumer<SmtpConnection> sink, LineProblemSink problems) {
        this.stream = stream;
        this.sink = sink;
        this.problems = problems;
        // Exchange is the server on Receive logs and the client on Send logs.
        boolean receive = stream.direction() == SmtpDirection.RECEIVE;
        this.clientSpeaks = receive ? SmtpEvent.RECEIVED : SmtpEvent.SENT;
        this.serverSpeaks = receive ? SmtpEvent.SENT : SmtpEvent.RECEIVED;
    }

    public LogStream stream() {
        return stream;
    }

    /** Connections still waiting for their disconnect row. */
    public int openCount() {
        return open.size();
    }

    /**
     * Adds one row.
     *
     * @param sourceFile how the row's file is named in storage and messages
     */
    public void accept(SmtpRecord record, String sourceFile) {
        SessionState session = open.get(record.sessionId());
        boolean connectAttempt = record.event() == SmtpEvent.INFORMATION && isConnectAttempt(record.context());
        if (session != null && connectAttempt && session.connectAttempted) {
            // Exchange tries the next host of a domain under the same session id: the attempt before has ended.
            open.remove(record.sessionId());
            sink.accept(session.toConnection(stream));
            session = null;
        }
        if (session == null) {
            session = new SessionState(record.sessionId(), sourceFile, record.lineNumber(), record.epochMicros());
            session.connector = record.connectorId();
            open.put(record.sessionId(), session);
        }
        session.rows++;
        long micros = record.epochMicros();
        session.startedMicros = Math.min(session.startedMicros, micros);
        session.lastMicros = Math.max(session.lastMicros, micros);
        latestMicros = Math.max(latestMicros, micros);
        // Send logs leave the local endpoint empty on the rows before the connect row, so each endpoint is taken
        // from the first row that has it; published logs may leave both empty throughout.
        if (session.local == null || session.local.host().isEmpty()) {
            session.local = Endpoint.parse(record.localEndpoint());
        }
        if (session.remote == null || session.remote.host().isEmpty()) {
            session.remote = Endpoint.parse(record.remoteEndpoint());
        }
        if (connectAttempt) {
            session.connectAttempted = true;
        }
        SmtpEvent event = record.event();
        if (event == SmtpEvent.INFORMATION && isFailedConnect(record.context())) {
            // A connect that failed ends the attempt; Exchange writes no disconnect row after it.
            session.closed = true;
            session.disconnectReason = SessionState.reason(record.context());
            open.remove(record.sessionId());
            sink.accept(session.toConnection(stream));
        } else if (event == SmtpEvent.DISCONNECT) {
            session.closed = true;
            session.disconnectReason = record.context().isEmpty() ? null : SessionState.reason(record.context());
            open.remove(record.sessionId());
            sink.accept(session.toConnection(stream));
        } else if (event == SmtpEvent.INFORMATION) {
            readInformation(session, record, sourceFile);
        } else if (event == clientSpeaks) {
            readClientCommand(session, record.data());
        } else if (event == serverSpeaks) {
            readServerReply(session, record.data());
        }
    }

    /** The row a Send log writes as each connect attempt starts, one per host tried. */
    private static boolean isConnectAttempt(String context) {
        return context.equalsIgnoreCase("attempting to connect");
    }

    /** {@code Failed to connect. Winsock error code: 10061, ...}: the attempt ended before any SMTP. */
    private static boolean isFailedConnect(String context) {
        return context.regionMatches(true, 0, "Failed to connect", 0, "Failed to connect".length());
    }

    /** Emits connections with no row for {@link #IDLE_MICROS} before the newest row of the stream. */
    public void closeIdle() {
        long cutoff = latestMicros - IDLE_MICROS;
        for (Iterator<SessionState> sessions = open.values().iterator(); sessions.hasNext(); ) {
            SessionState session = sessions.next();
            if (session.lastMicros < cutoff) {
                sessions.remove();
                sink.accept(session.toConnection(stream));
            }
        }
    }

    /** Takes up a connection an earlier run left open; its next rows continue it. */
    public void resume(SmtpConnection pending) {
        SessionState state = SessionState.resumed(pending);
        open.put(state.sessionId, state);
        latestMicros = Math.max(latestMicros, state.lastMicros);
    }

    /** The connections still open, as they stand: the snapshot stored as pending at each commit. */
    public List<SmtpConnection> openConnections() {
        List<SmtpConnection> snapshot = new ArrayList<>(open.size());
        for (SessionState session : open.values()) {
            snapshot.add(session.toConnection(stream));
        }
        return snapshot;
    }

    /**
     * Puts the stream back to an earlier state: exactly {@code openThen} open, as they stood then. Used before the
     * stream is read again from a file on, with the connections that were open at that file's start.
     */
    public void restore(List<SmtpConnection> openThen) {
        open.clear();
        latestMicros = Long.MIN_VALUE;
        openThen.forEach(this::resume);
    }

    private void readClientCommand(SessionState session, String data) {
        boolean hello = startsWithIgnoreCase(data, "EHLO ") || startsWithIgnoreCase(data, "HELO ");
        session.awaitingHelloReply = hello;
        session.awaitingStarttlsReply = false;
        if (hello) {
            session.helloSeen = true;
            if (stream.direction() == SmtpDirection.RECEIVE && session.peerName == null) {
                String name = data.substring(5).strip();
                if (!name.isEmpty()) {
                    session.peerName = SessionState.capped(TextRepair.undoLatin1Mojibake(name));
                }
            }
        } else if (data.equalsIgnoreCase("STARTTLS")) {
            session.starttls = true;
            session.awaitingStarttlsReply = true;
        } else if (data.equalsIgnoreCase("X-ANONYMOUSTLS")) {
            session.starttls = true;
            session.anonymousTls = true;
            session.awaitingStarttlsReply = true;
        } else if (startsWithIgnoreCase(data, "MAIL FROM:")) {
            session.messages++;
            String domain = senderDomain(data);
            if (domain != null) {
                session.addSenderDomain(domain);
            }
        } else if (startsWithIgnoreCase(data, "AUTH ")) {
            String mechanism = data.substring(5).strip();
            int space = mechanism.indexOf(' ');
            session.authMechanism = SessionState.capped(space < 0 ? mechanism : mechanism.substring(0, space))
                    .toUpperCase(Locale.ROOT);
        }
    }

    private void readServerReply(SessionState session, String data) {
        if (session.awaitingStarttlsReply) {
            session.awaitingStarttlsReply = false;
            if (isRefusal(data) && session.negotiation == null && session.tlsError == null) {
                session.tlsError = "STARTTLS refused: " + replyCode(data);
            }
        }
        if (data.startsWith("250")) {
            if (session.awaitingHelloReply) {
                session.helloReplySeen = true;
            }
            if (!session.starttlsAdvertised && containsToken(data, "STARTTLS")) {
                session.starttlsAdvertised = true;
            }
            if (stream.direction() == SmtpDirection.SEND && session.peerName == null && data.length() > 4) {
                session.peerName = hostAfterReplyCode(data);
            }
        } else if (data.startsWith("220 ") && stream.direction() == SmtpDirection.SEND && session.peerName == null) {
            session.peerName = hostAfterReplyCode(data);
        }
    }

    /** A 4xx or 5xx reply: {@code 454 4.7.0 TLS not available due to local problem}. */
    private static boolean isRefusal(String data) {
        return data.length() >= 3
                && (data.charAt(0) == '4' || data.charAt(0) == '5')
                && Character.isDigit(data.charAt(1))
                && Character.isDigit(data.charAt(2));
    }

    /** The reply code with its enhanced status code when there is one: {@code 454 4.7.0}. */
    private static String replyCode(String data) {
        String[] words = data.split(" ", 3);
        boolean enhanced = words.length > 1 && words[1].matches("[245]\\.\\d{1,3}\\.\\d{1,3}");
        return enhanced ? words[0] + " " + words[1] : data.substring(0, 3);
    }

    /** The host named after a {@code 220 }/{@code 250 }/{@code 250-} code, or null when the text names none. */
    private static String hostAfterReplyCode(String data) {
        String rest = data.substring(4).strip();
        int space = rest.indexOf(' ');
        String host = space < 0 ? rest : rest.substring(0, space);
        // "220 2.0.0 SMTP server ready" after STARTTLS and capability lines ("250-SIZE") name no host.
        if (host.isEmpty() || Character.isDigit(host.charAt(0)) || host.indexOf('.') < 0) {
            return null;
        }
        return SessionState.capped(TextRepair.undoLatin1Mojibake(host));
    }

    private void readInformation(SessionState session, SmtpRecord record, String sourceFile) {
        String context = record.context();
        String data = record.data();
        if (TlsResultLine.mayBeResult(context)) {
            readTlsResult(session, record, sourceFile);
            return;
        }
        if (context.startsWith("Certificate ")) {
            readCertificateLabel(session, context, data);
            return;
        }
        SessionState.CertificateRole role = certificateRole(context);
        if (role != null) {
            session.certificateRole = role;
            // Multi-row role headers have empty data; the single-row layout carries everything in data.
            if (!data.isEmpty()) {
                readSingleRowCertificate(session, role, data);
            }
            return;
        }
        if (context.startsWith("User Name: ")) {
            session.authUser = SessionState.capped(
                    context.substring("User Name: ".length()).strip());
        } else if ((context.startsWith("Inbound AUTH") || context.startsWith("Outbound Authentication"))
                && context.contains("failed")) {
            session.authFailed = true;
        }
    }

    private void readTlsResult(SessionState session, SmtpRecord record, String sourceFile) {
        String context = record.context();
        var success = TlsResultLine.parseSuccess(context);
        if (success.isPresent()) {
            session.negotiation = success.get();
            session.tlsError = null;
            return;
        }
        var failure = TlsResultLine.parseFailure(context);
        if (failure.isPresent()) {
            if (session.negotiation == null) {
                session.tlsError = failure.get();
            }
            return;
        }
        if (TlsResultLine.looksLikeBrokenSuccess(context)) {
            // A cut result row still shows that TLS was attempted: the outcome is "not logged", never plaintext.
            session.starttls = true;
            problems.report(LineProblem.atLine(
                    sourceFile,
                    record.lineNumber(),
                    "TLS result text does not match the template 'TLS protocol {0} negotiation succeeded using bulk"
                            + " encryption algorithm {1} with strength {2} bits, ...'; no TLS result taken",
                    context));
        }
    }

    /** The role a certificate header row announces ({@code Sending certificate ...}), or null. */
    private static SessionState.CertificateRole certificateRole(String context) {
        if (context.startsWith("Sending certificate")) {
            return SessionState.CertificateRole.LOCAL;
        }
        if (context.startsWith("Remote certificate")
                || context.startsWith("Received certificate")
                || context.startsWith("Validated received certificate")) {
            return SessionState.CertificateRole.PEER;
        }
        return null;
    }

    /**
     * One row of the multi-row certificate layout. Its role comes from the header row before it; when that row is
     * not in the logs (a log cut off mid-connection), the certificate is kept as unattributed rather than assigned a
     * side by guesswork.
     */
    private static void readCertificateLabel(SessionState session, String label, String data) {
        if (data.isEmpty()) {
            return;
        }
        String value = SessionState.capped(data.strip());
        SessionState.CertificateRole role = session.certificateRole;
        switch (label) {
            case "Certificate subject" -> {
                if (role == null) {
                    session.unattributedCertSubject = value;
                } else if (role == SessionState.CertificateRole.LOCAL) {
                    session.certSubject = value;
                } else {
                    session.peerCertSubject = value;
                }
            }
            case "Certificate issuer name" -> {
                if (role == null) {
                    session.unattributedCertIssuer = value;
                } else if (role == SessionState.CertificateRole.LOCAL) {
                    session.certIssuer = value;
                } else {
                    session.peerCertIssuer = value;
                }
            }
            case "Certificate thumbprint" -> {
                // Hex thumbprints in one case; masked ones (xxxx...) as written.
                String thumbprint = isHex(value) ? value.toUpperCase(Locale.ROOT) : value;
                if (role == null) {
                    session.unattributedCertThumbprint = thumbprint;
                } else if (role == SessionState.CertificateRole.LOCAL) {
                    session.certThumbprint = thumbprint;
                } else {
                    session.peerCertThumbprint = thumbprint;
                }
            }
            default -> {
                // serial numbers and alternate names are not stored
            }
        }
    }

    private static void readSingleRowCertificate(SessionState session, SessionState.CertificateRole role, String data) {
        SingleRowCertificate certificate = SingleRowCertificate.parse(data);
        if (role == SessionState.CertificateRole.LOCAL) {
            certificate.subject().map(SessionState::capped).ifPresent(s -> session.certSubject = s);
            certificate.issuer().map(SessionState::capped).ifPresent(s -> session.certIssuer = s);
            certificate.thumbprint().ifPresent(t -> session.certThumbprint = t);
        } else {
            certificate.subject().map(SessionState::capped).ifPresent(s -> session.peerCertSubject = s);
            certificate.issuer().map(SessionState::capped).ifPresent(s -> session.peerCertIssuer = s);
            certificate.thumbprint().ifPresent(t -> session.peerCertThumbprint = t);
        }
    }

    /** The lower-cased domain of {@code MAIL FROM:<user@domain> ...}; null for the null sender or no domain. */
    static String senderDomain(String data) {
        int open = data.indexOf('<');
        int close = open < 0 ? -1 : data.indexOf('>', open);
        String address = open < 0
                ? data.substring("MAIL FROM:".length()).strip()
                : close < 0 ? data.substring(open + 1) : data.substring(open + 1, close);
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return null;
        }
        String domain = address.substring(at + 1);
        int space = domain.indexOf(' ');
        if (space >= 0) {
            domain = domain.substring(0, space);
        }
        return SessionState.capped(TextRepair.undoLatin1Mojibake(domain).toLowerCase(Locale.ROOT));
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** True when {@code token} stands in {@code text} delimited by spaces, a dash or the ends. */
    static boolean containsToken(String text, String token) {
        int from = 0;
        while (true) {
            int at = text.indexOf(token, from);
            if (at < 0) {
                return false;
            }
            int end = at + token.length();
            boolean startOk = at == 0 || text.charAt(at - 1) == ' ' || text.charAt(at - 1) == '-';
            boolean endOk = end == text.length() || text.charAt(end) == ' ';
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }
}
