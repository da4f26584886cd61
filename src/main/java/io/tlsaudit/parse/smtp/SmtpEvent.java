package io.tlsaudit.parse.smtp;

/** The one-character {@code event} column (docs/log-formats.md, 'Fields and event codes'). */
public enum SmtpEvent {
    CONNECT,
    DISCONNECT,
    /** {@code >}: a line Exchange sent. */
    SENT,
    /** {@code <}: a line the peer sent. */
    RECEIVED,
    /** {@code *}: TLS results, certificates, permissions, authentication results. */
    INFORMATION;

    /** The event of a column value, or null when the value is not one of {@code + - > < *}. */
    public static SmtpEvent fromCode(String code) {
        return code.length() == 1 ? fromCode(code.charAt(0)) : null;
    }

    /** The event of a one-byte column value, or null when it is not one of {@code + - > < *}. */
    public static SmtpEvent fromCode(int code) {
        return switch (code) {
            case '+' -> CONNECT;
            case '-' -> DISCONNECT;
            case '>' -> SENT;
            case '<' -> RECEIVED;
            case '*' -> INFORMATION;
            default -> null;
        };
    }
}
