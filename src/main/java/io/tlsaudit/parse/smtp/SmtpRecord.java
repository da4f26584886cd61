package io.tlsaudit.parse.smtp;

import static java.util.Objects.requireNonNull;

/**
 * One validated data row of an SMTP protocol log. Values are as logged (empty, never null); endpoints stay raw text
 * because only a connection's first row needs them parsed.
 *
 * @param lineNumber 1-based line of the row in its file
 * @param epochMicros {@code date-time} as microseconds since the epoch, UTC
 * @param sequenceNumber {@code sequence-number}; repeats and gaps are normal
 */
public record SmtpRecord(
        long lineNumber,
        long epochMicros,
        String connectorId,
        String sessionId,
        int sequenceNumber,
        String localEndpoint,
        String remoteEndpoint,
        SmtpEvent event,
        String data,
        String context) {

    public SmtpRecord {
        requireNonNull(connectorId, "connectorId is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(localEndpoint, "localEndpoint is null");
        requireNonNull(remoteEndpoint, "remoteEndpoint is null");
        requireNonNull(event, "event is null");
        requireNonNull(data, "data is null");
        requireNonNull(context, "context is null");
    }
}
