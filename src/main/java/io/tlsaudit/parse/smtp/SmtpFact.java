package io.tlsaudit.parse.smtp;

/**
 * What one row of an SMTP protocol log says about its connection, decided in the reader from the row's bytes so
 * the assembler only folds facts (docs/log-formats.md). Which side spoke a {@code <} or {@code >} row depends on
 * the direction of the log: Exchange is the server in Receive logs and the client in Send logs. The values a fact
 * carries are read through the {@link SmtpRecord} accessor named with it, decoded only when called.
 */
public enum SmtpFact {
    /** {@code +}: the TCP connection was made. */
    CONNECT,
    /** {@code -}: the connection ended; {@link SmtpRecord#context()} is the reason, often empty. */
    DISCONNECT,

    /** The client's {@code EHLO} or {@code HELO}: the SMTP dialogue began; {@link SmtpRecord#helloName()}. */
    HELLO,
    /** The client's {@code STARTTLS}. */
    STARTTLS,
    /** The client's {@code X-ANONYMOUSTLS}, which Exchange servers use among themselves. */
    ANONYMOUS_TLS,
    /** The client's {@code MAIL FROM:}, one message; {@link SmtpRecord#senderDomain()}. */
    MAIL_FROM,
    /** The client's {@code AUTH}; {@link SmtpRecord#authMechanism()}. */
    AUTH,
    /** Any other line the client sent. */
    OTHER_COMMAND,

    /**
     * A server reply starting {@code 250}: an EHLO reply line among others; {@link SmtpRecord#advertisesStarttls()},
     * {@link SmtpRecord#replyHost()}.
     */
    REPLY_250,
    /** A server reply starting {@code 220 }: the banner, or STARTTLS accepted; {@link SmtpRecord#replyHost()}. */
    REPLY_220,
    /** A server reply with a 4xx or 5xx code; {@link SmtpRecord#refusalCode()}. */
    REFUSAL,
    /** Any other line the server sent. */
    OTHER_REPLY,

    /** A negotiated-parameters line; {@link SmtpRecord#tlsNegotiation()}. */
    TLS_SUCCESS,
    /** {@code TLS negotiation failed with error ...}; {@link SmtpRecord#tlsError()}. */
    TLS_FAILURE,
    /**
     * A text that starts like a negotiated-parameters line but does not match its template (cut, garbled): TLS was
     * attempted, but no result may be taken from it, and it is reported.
     */
    TLS_BROKEN,
    /**
     * {@code Sending certificate}, {@code Remote certificate}, ...: whose certificate the next rows describe, or, in
     * the single-row layout, carry; {@link SmtpRecord#certificateRole()}, {@link
     * SmtpRecord#singleRowCertificate()}.
     */
    CERTIFICATE_ROLE,
    /** A labelled row of the multi-row certificate layout; {@link SmtpRecord#certificateField()}. */
    CERTIFICATE_FIELD,
    /** {@code User Name: ...} after an authentication attempt; {@link SmtpRecord#userName()}. */
    USER_NAME,
    /** {@code Inbound AUTH ... failed ...} or {@code Outbound Authentication failed ...}. */
    AUTH_FAILED,
    /** A Send log's {@code attempting to connect}: one per host tried under the session id. */
    CONNECT_ATTEMPT,
    /**
     * {@code Failed to connect. Winsock error code: ...}: the attempt ended before any SMTP, and no {@code -} row
     * follows; {@link SmtpRecord#context()} is the reason.
     */
    CONNECT_FAILED,
    /** Any other information row: permissions, other certificate labels, other TLS texts. */
    OTHER_INFORMATION,

    /** A {@code <} or {@code >} row of a file whose {@code #Log-type} named no direction: nobody knows who spoke. */
    UNATTRIBUTED_LINE;

    /** True for the facts of lines the client sent. */
    public boolean isCommand() {
        return switch (this) {
            case HELLO, STARTTLS, ANONYMOUS_TLS, MAIL_FROM, AUTH, OTHER_COMMAND -> true;
            default -> false;
        };
    }

    /** True for the facts of lines the server sent. */
    public boolean isReply() {
        return switch (this) {
            case REPLY_250, REPLY_220, REFUSAL, OTHER_REPLY -> true;
            default -> false;
        };
    }
}
