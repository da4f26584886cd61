package io.tlsaudit.parse.smtp;

/**
 * The attribute a row of the multi-row certificate layout carries, by its {@code context} label. Serial numbers
 * and alternate names are not stored, so their rows carry no fact.
 */
public enum CertificateField {
    /** {@code Certificate subject}. */
    SUBJECT,
    /** {@code Certificate issuer name}. */
    ISSUER,
    /** {@code Certificate thumbprint}. */
    THUMBPRINT
}
