package io.tlsaudit.assemble;

import io.tlsaudit.parse.Endpoint;
import io.tlsaudit.parse.IpAddresses;
import io.tlsaudit.parse.PeerText;
import io.tlsaudit.parse.TlsNegotiation;
import io.tlsaudit.parse.TlsProtocol;
import io.tlsaudit.parse.UtcTimestamps;
import io.tlsaudit.parse.smtp.CertificateRole;
import io.tlsaudit.parse.smtp.SmtpSessionIds;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The facts gathered so far about one open connection. Mutable; owned by one {@link StreamSessions}. */
final class SessionState {

    /** Cap on stored peer-controlled text (EHLO names, user names): hostile peers send kilobytes. */
    static final int TEXT_LIMIT = 255;

    /** Cap on a stored disconnect reason: Exchange's own text, but a Winsock message with a host runs to 330 characters. */
    static final int REASON_LIMIT = 1024;

    private static final int SENDER_DOMAIN_LIMIT = 32;

    final String sessionId;
    /** The id is 16 digits and upper-case letters, keyed by {@link #numericKey}; others are keyed by their text. */
    final boolean hasNumericKey;

    final long numericKey;
    final String sourceFile;
    final long firstLine;
    String connector;
    long startedMicros;
    long lastMicros;
    int rows;
    Endpoint local;
    Endpoint remote;
    boolean closed;
    String disconnectReason;
    String peerName;
    /** The client's EHLO or HELO was logged: the SMTP dialogue began. */
    boolean helloSeen;
    /** The client's last command was EHLO or HELO, so a 250 reply now is the hello reply. */
    boolean awaitingHelloReply;
    /** A reply to EHLO or HELO was logged. */
    boolean helloReplySeen;
    /** A hello reply advertised STARTTLS. */
    boolean starttlsAdvertised;
    /** The client's last command was STARTTLS or X-ANONYMOUSTLS, so the next reply accepts or refuses it. */
    boolean awaitingStarttlsReply;
    /** A Send log's {@code attempting to connect} row was seen: the next one starts another attempt. */
    boolean connectAttempted;

    boolean starttls;
    boolean anonymousTls;
    TlsNegotiation negotiation;
    String tlsError;
    /** Whose certificate the following label rows describe; null when the role row is not in the logs. */
    CertificateRole certificateRole;

    String certSubject;
    String certIssuer;
    String certThumbprint;
    String peerCertSubject;
    String peerCertIssuer;
    String peerCertThumbprint;
    String unattributedCertSubject;
    String unattributedCertIssuer;
    String unattributedCertThumbprint;
    String authMechanism;
    String authUser;
    boolean authFailed;
    int messages;
    final Set<String> senderDomains = new LinkedHashSet<>();

    SessionState(String sessionId, String sourceFile, long firstLine, long epochMicros) {
        this.sessionId = sessionId;
        this.hasNumericKey = SmtpSessionIds.isNumeric(sessionId);
        this.numericKey = hasNumericKey ? SmtpSessionIds.numericKey(sessionId) : 0;
        this.sourceFile = sourceFile;
        this.firstLine = firstLine;
        this.startedMicros = epochMicros;
        this.lastMicros = epochMicros;
    }

    /**
     * Takes up a connection stored by an earlier read (a pending row or a checkpoint). What the stored row does not
     * keep (whose certificate the next label rows describe, whether the next 250 answers a hello) starts afresh,
     * which only matters if a certificate block or a hello exchange was cut in two by the end of a file.
     */
    static SessionState resumed(SmtpConnection c) {
        SessionState state = new SessionState(
                c.sessionId(), c.sourceFile(), c.firstLine(), UtcTimestamps.toEpochMicros(c.startedAt()));
        state.connector = c.connector();
        state.lastMicros = UtcTimestamps.toEpochMicros(c.endedAt());
        state.rows = c.rows();
        state.local = new Endpoint(
                c.localIp() == null ? "" : c.localIp(),
                Optional.ofNullable(c.localPort()),
                c.localIp() != null && IpAddresses.isLiteral(c.localIp()));
        state.remote = new Endpoint(
                c.remoteIp() == null ? "" : c.remoteIp(), Optional.ofNullable(c.remotePort()), c.remoteIpValid());
        state.disconnectReason = c.disconnectReason();
        state.peerName = c.peerName();
        // The outcome of a stored connection only says "no dialogue" when no hello had been seen.
        state.helloSeen = c.tlsOutcome() != TlsOutcome.NO_DIALOGUE;
        state.helloReplySeen = c.starttlsOffered() != null;
        state.starttlsAdvertised = Boolean.TRUE.equals(c.starttlsOffered());
        state.starttls = c.starttls();
        state.connectAttempted = c.connectAttempted();
        state.anonymousTls = c.anonymousTls();
        if (c.tlsOutcome() == TlsOutcome.NEGOTIATED) {
            state.negotiation = new TlsNegotiation(
                    TlsProtocol.fromExchangeText(c.tlsProtocolLogged()),
                    c.tlsProtocolLogged(),
                    c.cipher(),
                    c.cipherBits(),
                    c.mac(),
                    c.macBits(),
                    c.keyExchange(),
                    c.keyExchangeBits());
        }
        state.tlsError = c.tlsError();
        state.certSubject = c.certSubject();
        state.certIssuer = c.certIssuer();
        state.certThumbprint = c.certThumbprint();
        state.peerCertSubject = c.peerCertSubject();
        state.peerCertIssuer = c.peerCertIssuer();
        state.peerCertThumbprint = c.peerCertThumbprint();
        state.unattributedCertSubject = c.unattributedCertSubject();
        state.unattributedCertIssuer = c.unattributedCertIssuer();
        state.unattributedCertThumbprint = c.unattributedCertThumbprint();
        state.authMechanism = c.authMechanism();
        state.authUser = c.authUser();
        state.authFailed = c.authFailed();
        state.messages = c.messages();
        state.senderDomains.addAll(c.senderDomains());
        return state;
    }

    void addSenderDomain(String domain) {
        if (senderDomains.size() < SENDER_DOMAIN_LIMIT) {
            senderDomains.add(domain);
        }
    }

    static String capped(String text) {
        return PeerText.capped(text, TEXT_LIMIT);
    }

    static String reason(String text) {
        return PeerText.capped(text, REASON_LIMIT);
    }

    TlsOutcome outcome() {
        if (negotiation != null) {
            return TlsOutcome.NEGOTIATED;
        }
        if (tlsError != null) {
            return TlsOutcome.FAILED;
        }
        if (starttls) {
            return TlsOutcome.UNLOGGED;
        }
        return helloSeen ? TlsOutcome.NONE : TlsOutcome.NO_DIALOGUE;
    }

    /** True, false or unknown (null), as {@link SmtpConnection#starttlsOffered()} documents. */
    private Boolean starttlsOffered() {
        boolean attempted = starttls || negotiation != null || tlsError != null;
        if (starttlsAdvertised || attempted) {
            return true;
        }
        return helloReplySeen ? Boolean.FALSE : null;
    }

    SmtpConnection toConnection(LogStream stream) {
        Endpoint localEndpoint = local != null ? local : Endpoint.parse("");
        Endpoint remoteEndpoint = remote != null ? remote : Endpoint.parse("");
        TlsNegotiation tls = negotiation;
        return new SmtpConnection(
                stream,
                connector,
                sessionId,
                UtcTimestamps.toLocalDateTime(startedMicros),
                UtcTimestamps.toLocalDateTime(lastMicros),
                closed,
                disconnectReason,
                emptyToNull(localEndpoint.host()),
                localEndpoint.port().orElse(null),
                emptyToNull(remoteEndpoint.host()),
                remoteEndpoint.port().orElse(null),
                remoteEndpoint.validAddress(),
                peerName,
                starttlsOffered(),
                starttls || tls != null || tlsError != null,
                anonymousTls,
                outcome(),
                tls == null ? null : tls.protocol().map(p -> p.label()).orElse(null),
                tls == null ? null : tls.protocolText(),
                tls == null ? null : tls.protocol().map(TlsProtocol::isLegacy).orElse(null),
                tls == null ? null : tls.cipher(),
                tls == null ? null : tls.cipherBits(),
                tls == null ? null : tls.mac(),
                tls == null ? null : tls.macBits(),
                tls == null ? null : tls.keyExchange(),
                tls == null ? null : tls.keyExchangeBits(),
                tlsError,
                certSubject,
                certIssuer,
                certThumbprint,
                peerCertSubject,
                peerCertIssuer,
                peerCertThumbprint,
                unattributedCertSubject,
                unattributedCertIssuer,
                unattributedCertThumbprint,
                authMechanism,
                authUser,
                authFailed,
                messages,
                List.copyOf(senderDomains),
                sourceFile,
                firstLine,
                rows,
                connectAttempted);
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
