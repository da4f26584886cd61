package io.tlsaudit.assemble;

/** What became of TLS on one connection. */
public enum TlsOutcome {
    /** A negotiated-parameters line was logged. */
    NEGOTIATED("negotiated"),
    /** A {@code TLS negotiation failed with error} line was logged. */
    FAILED("failed"),
    /** Neither STARTTLS nor X-ANONYMOUSTLS was attempted: the connection stayed plaintext. */
    NONE("none"),
    /** TLS was attempted but no result was logged (older builds, or the connection dropped in the handshake). */
    UNLOGGED("unlogged");

    private final String label;

    TlsOutcome(String label) {
        this.label = label;
    }

    /** The stored value. */
    public String label() {
        return label;
    }
}
