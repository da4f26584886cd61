package io.tlsaudit.parse.smtp;

import io.tlsaudit.parse.TlsNegotiation;
import io.tlsaudit.parse.Utf8;
import java.util.Arrays;

/**
 * One validated data row of an SMTP protocol log, and the {@link SmtpFact} it states.
 *
 * <p><b>A flyweight:</b> the reader returns the same instance from every {@link SmtpLogReader#next()} call, pointing
 * into its line buffer, so an instance is valid only until the next call; {@link #copy()} keeps a row longer. Values
 * are decoded from UTF-8 when an accessor is called, not before: most rows are never asked for their text. Text
 * values are as logged (empty, never null, invalid bytes shown as U+FFFD); endpoints stay raw text because only a
 * connection's first rows need them parsed. Not thread-safe.
 */
public final class SmtpRecord {

    private byte[] bytes;
    private RecentTexts<String> connectorNames;
    private long lineNumber;
    private long epochMicros;
    private int sequenceNumber;
    private SmtpEvent event;
    private boolean numericSessionId;
    private long sessionKey;
    private int connectorStart;
    private int connectorEnd;
    private int sessionStart;
    private int sessionEnd;
    private int localStart;
    private int localEnd;
    private int remoteStart;
    private int remoteEnd;
    private int dataStart;
    private int dataEnd;
    private int contextStart;
    private int contextEnd;
    private String connectorId;

    private SmtpFact fact;
    private TlsNegotiation tlsNegotiation;
    private String tlsError;
    private CertificateRole certificateRole;
    private CertificateField certificateField;

    SmtpRecord() {}

    /** Points this row at a validated line; the columns are set by {@link #columns}. */
    void reset(
            byte[] bytes, RecentTexts<String> connectorNames, long lineNumber, long epochMicros, int sequenceNumber) {
        this.bytes = bytes;
        this.connectorNames = connectorNames;
        this.lineNumber = lineNumber;
        this.epochMicros = epochMicros;
        this.sequenceNumber = sequenceNumber;
        this.connectorId = null;
        this.tlsNegotiation = null;
        this.tlsError = null;
        this.certificateRole = null;
        this.certificateField = null;
    }

    /** The value ranges of the named columns, in the order of the standard {@code #Fields} line. */
    void columns(int[] starts, int[] ends, SmtpFieldLayout layout) {
        connectorStart = starts[layout.connectorId];
        connectorEnd = ends[layout.connectorId];
        sessionStart = starts[layout.sessionId];
        sessionEnd = ends[layout.sessionId];
        localStart = starts[layout.localEndpoint];
        localEnd = ends[layout.localEndpoint];
        remoteStart = starts[layout.remoteEndpoint];
        remoteEnd = ends[layout.remoteEndpoint];
        dataStart = starts[layout.data];
        dataEnd = ends[layout.data];
        contextStart = starts[layout.context];
        contextEnd = ends[layout.context];
    }

    void session(boolean numeric, long key) {
        this.numericSessionId = numeric;
        this.sessionKey = key;
    }

    void event(SmtpEvent event) {
        this.event = event;
    }

    void fact(SmtpFact fact) {
        this.fact = fact;
    }

    void tlsText(SmtpFacts.TlsText text) {
        this.fact = text.fact();
        this.tlsNegotiation = text.negotiation();
        this.tlsError = text.error();
    }

    void certificateRole(CertificateRole role) {
        this.fact = SmtpFact.CERTIFICATE_ROLE;
        this.certificateRole = role;
    }

    void certificateField(CertificateField field) {
        this.fact = SmtpFact.CERTIFICATE_FIELD;
        this.certificateField = field;
    }

    /**
     * A row of its own that stays valid after the reader moves on: for callers that keep rows (tests, diagnostics).
     */
    public SmtpRecord copy() {
        int from = Math.min(
                Math.min(Math.min(connectorStart, sessionStart), Math.min(localStart, remoteStart)),
                Math.min(dataStart, contextStart));
        int to = Math.max(
                Math.max(Math.max(connectorEnd, sessionEnd), Math.max(localEnd, remoteEnd)),
                Math.max(dataEnd, contextEnd));
        SmtpRecord copy = new SmtpRecord();
        copy.bytes = Arrays.copyOfRange(bytes, from, to);
        copy.connectorId = connectorId();
        copy.lineNumber = lineNumber;
        copy.epochMicros = epochMicros;
        copy.sequenceNumber = sequenceNumber;
        copy.event = event;
        copy.numericSessionId = numericSessionId;
        copy.sessionKey = sessionKey;
        copy.connectorStart = connectorStart - from;
        copy.connectorEnd = connectorEnd - from;
        copy.sessionStart = sessionStart - from;
        copy.sessionEnd = sessionEnd - from;
        copy.localStart = localStart - from;
        copy.localEnd = localEnd - from;
        copy.remoteStart = remoteStart - from;
        copy.remoteEnd = remoteEnd - from;
        copy.dataStart = dataStart - from;
        copy.dataEnd = dataEnd - from;
        copy.contextStart = contextStart - from;
        copy.contextEnd = contextEnd - from;
        copy.fact = fact;
        copy.tlsNegotiation = tlsNegotiation;
        copy.tlsError = tlsError;
        copy.certificateRole = certificateRole;
        copy.certificateField = certificateField;
        return copy;
    }

    /** 1-based physical line of the row in its file (the first line, when a quoted value spans several). */
    public long lineNumber() {
        return lineNumber;
    }

    /** {@code date-time} as microseconds since the epoch, UTC. */
    public long epochMicros() {
        return epochMicros;
    }

    /** {@code connector-id}; rows of one connector share one String. */
    public String connectorId() {
        if (connectorId == null) {
            connectorId = connectorNames.of(bytes, connectorStart, connectorEnd);
        }
        return connectorId;
    }

    /** {@code session-id} as written. */
    public String sessionId() {
        return Utf8.decode(bytes, sessionStart, sessionEnd);
    }

    /**
     * True when the session id is 16 digits and upper-case letters, the form of real files, so that {@link
     * #sessionKey()} identifies it; other ids (GUIDs) are keyed by {@link #sessionId()}.
     */
    public boolean hasNumericSessionId() {
        return numericSessionId;
    }

    /** The session id as the number its 16 digits spell; meaningful when {@link #hasNumericSessionId()}. */
    public long sessionKey() {
        return sessionKey;
    }

    /** {@code sequence-number}; repeats and gaps are normal. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    public String localEndpoint() {
        return Utf8.decode(bytes, localStart, localEnd);
    }

    public String remoteEndpoint() {
        return Utf8.decode(bytes, remoteStart, remoteEnd);
    }

    public SmtpEvent event() {
        return event;
    }

    public String data() {
        return Utf8.decode(bytes, dataStart, dataEnd);
    }

    public String context() {
        return Utf8.decode(bytes, contextStart, contextEnd);
    }

    /** What the row says about its connection. */
    public SmtpFact fact() {
        return fact;
    }

    /** {@link SmtpFact#HELLO}: the name the client gave, double encoding undone; empty when it gave none. */
    public String helloName() {
        return SmtpFacts.helloName(data());
    }

    /** {@link SmtpFact#MAIL_FROM}: the sender's domain, lower case, double encoding undone; null for none. */
    public String senderDomain() {
        return SmtpFacts.senderDomain(data());
    }

    /** {@link SmtpFact#AUTH}: the mechanism word as sent ({@code LOGIN}, {@code ntlm}, ...). */
    public String authMechanism() {
        return SmtpFacts.authMechanism(data());
    }

    /** {@link SmtpFact#REPLY_250}: the reply offers {@code STARTTLS}. */
    public boolean advertisesStarttls() {
        return SmtpFacts.containsToken(bytes, dataStart, dataEnd, SmtpFacts.STARTTLS);
    }

    /**
     * {@link SmtpFact#REPLY_250} and {@link SmtpFact#REPLY_220}: the host the reply names, double encoding undone;
     * null when it names none ({@code 220 2.0.0 SMTP server ready}, capability lines).
     */
    public String replyHost() {
        // A host name has a dot; capability lines ("250-SIZE 36700160") have none and need no decoding.
        for (int i = dataStart; i < dataEnd; i++) {
            if (bytes[i] == '.') {
                return SmtpFacts.hostAfterReplyCode(data());
            }
        }
        return null;
    }

    /** {@link SmtpFact#REFUSAL}: the reply code, with its enhanced status code when there is one: {@code 454 4.7.0}. */
    public String refusalCode() {
        return SmtpFacts.replyCode(data());
    }

    /** {@link SmtpFact#TLS_SUCCESS}: what was negotiated. */
    public TlsNegotiation tlsNegotiation() {
        return tlsNegotiation;
    }

    /** {@link SmtpFact#TLS_FAILURE}: the error name, verbatim ({@code SocketError}). */
    public String tlsError() {
        return tlsError;
    }

    /** {@link SmtpFact#CERTIFICATE_ROLE}: whose certificate it is. */
    public CertificateRole certificateRole() {
        return certificateRole;
    }

    /**
     * {@link SmtpFact#CERTIFICATE_ROLE}: the single-row layout carries the whole certificate in {@code data}; null
     * for the role row of the multi-row layout, whose {@code data} is empty.
     */
    public SingleRowCertificate singleRowCertificate() {
        return dataStart == dataEnd ? null : SingleRowCertificate.parse(data());
    }

    /** {@link SmtpFact#CERTIFICATE_FIELD}: which attribute the row carries. */
    public CertificateField certificateField() {
        return certificateField;
    }

    /**
     * {@link SmtpFact#CERTIFICATE_FIELD}: the attribute's value without surrounding spaces; a hexadecimal thumbprint
     * in upper case (masked ones, {@code xxxx...}, as written).
     */
    public String certificateValue() {
        return SmtpFacts.certificateValue(data(), certificateField);
    }

    /** {@link SmtpFact#USER_NAME}: the user name as logged. */
    public String userName() {
        return SmtpFacts.userName(context());
    }

    @Override
    public String toString() {
        return lineNumber + ": " + fact + " " + sessionId() + " " + event + " " + data() + " | " + context();
    }
}
