package io.tlsaudit.parse.smtp;

import java.util.Locale;
import java.util.Optional;

/** Which side Exchange was on, taken from a file's {@code #Log-type} line, never from its folder. */
public enum SmtpDirection {
    /** Exchange was the SMTP server: a Receive connector log. */
    RECEIVE("receive"),
    /** Exchange was the SMTP client: a Send connector log. */
    SEND("send");

    private final String label;

    SmtpDirection(String label) {
        this.label = label;
    }

    /** The stored value, {@code receive} or {@code send}. */
    public String label() {
        return label;
    }

    /** The direction stored as {@code label}; empty for null or an unknown label. */
    public static Optional<SmtpDirection> fromLabel(String label) {
        for (SmtpDirection direction : values()) {
            if (direction.label.equals(label)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }

    /** Decodes the value of {@code #Log-type:}; other Exchange logs decode to empty. */
    public static Optional<SmtpDirection> fromLogType(String logType) {
        String value = logType.trim().toLowerCase(Locale.ROOT);
        if (value.equals("smtp receive protocol log")) {
            return Optional.of(RECEIVE);
        }
        if (value.equals("smtp send protocol log")) {
            return Optional.of(SEND);
        }
        return Optional.empty();
    }
}
