package io.tlsaudit.assemble;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One SMTP connection as the {@code smtp_sessions} table stores it: what was negotiated, with whom, and where in
 * the logs it came from. Nullable components are those a log may not hold (documented per component in the README
 * schema); strings are as logged, capped in length.
 *
 * @param legacyTls true when the negotiated protocol is older than TLS 1.2, false when it is TLS 1.2 or newer, null
 *     when nothing was negotiated or the logged value names no version
 * @param closed true when the disconnect row was seen; false for connections cut off by the end of the logs
 * @param starttlsOffered true when an EHLO reply advertised STARTTLS or TLS was attempted (a client only asks for
 *     what was offered), false when an EHLO or HELO reply without it was logged, null when no such reply is in the
 *     logs
 * @param unattributedCertSubject a certificate logged without the row that names its role ({@code Sending
 *     certificate}, {@code Remote certificate}, {@code Received certificate}), as in a log cut off mid-connection:
 *     whether it was ours or the peer's is unknown, so it is kept apart rather than guessed
 * @param firstLine 1-based line of the connection's first row in {@code sourceFile}
 * @param connectAttempted a Send log's {@code attempting to connect} row was seen: the next one starts another
 *     connection (Exchange tries the next host under the same session id)
 */
public record SmtpConnection(
        LogStream stream,
        String connector,
        String sessionId,
        LocalDateTime startedAt,
        LocalDateTime endedAt,
        boolean closed,
        String disconnectReason,
        String localIp,
        Integer localPort,
        String remoteIp,
        Integer remotePort,
        boolean remoteIpValid,
        String peerName,
        Boolean starttlsOffered,
        boolean starttls,
        boolean anonymousTls,
        TlsOutcome tlsOutcome,
        String tlsProtocol,
        String tlsProtocolLogged,
        Boolean legacyTls,
        String cipher,
        Integer cipherBits,
        String mac,
        Integer macBits,
        String keyExchange,
        Integer keyExchangeBits,
        String tlsError,
        String certSubject,
        String certIssuer,
        String certThumbprint,
        String peerCertSubject,
        String peerCertIssuer,
        String peerCertThumbprint,
        String unattributedCertSubject,
        String unattributedCertIssuer,
        String unattributedCertThumbprint,
        String authMechanism,
        String authUser,
        boolean authFailed,
        int messages,
        List<String> senderDomains,
        String sourceFile,
        long firstLine,
        int rows,
        boolean connectAttempted) {

    public SmtpConnection {
        requireNonNull(stream, "stream is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(tlsOutcome, "tlsOutcome is null");
        requireNonNull(sourceFile, "sourceFile is null");
        senderDomains = List.copyOf(senderDomains);
    }
}
