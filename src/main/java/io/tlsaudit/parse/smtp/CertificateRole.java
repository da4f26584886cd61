package io.tlsaudit.parse.smtp;

/** Whose certificate the row that names a role announces (docs/log-formats.md, 'Certificate layouts'). */
public enum CertificateRole {
    /** Ours: {@code Sending certificate}. */
    LOCAL,
    /** The peer's: {@code Remote certificate}, {@code Received certificate}, {@code Validated received certificate}. */
    PEER
}
