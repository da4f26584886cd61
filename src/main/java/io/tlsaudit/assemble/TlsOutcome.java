package io.tlsaudit.assemble;

/** What became of TLS on one connection. */
public enum TlsOutcome {
    /** A negotiated-parameters line was logged. */
    NEGOTIATED("negotiated"),
    /** A {@code TLS negotiation failed with error} line was logged. */
    FAILED("failed"),
    /**
     * Plaintext: the SMTP dialogue reached EHLO or HELO and neither STARTTLS nor X-ANONYMOUSTLS was attempted.
     */
    NONE("none"),
    /** TLS was attempted but no result was logged (older builds, or the connection dropped in the handshake). */
    UNLOGGED("unlogged"),
    /**
     * No SMTP dialogue: the connection ended, or its rows stop, before any EHLO or HELO. A send connection that never
     * connected ({@code Failed to connect}) or got no further than {@code attempting to connect}, a load-balancer
     * probe, a port scan, a banner-only session. Nothing was said in plaintext, so it is not counted as such.
     */
    NO_DIALOGUE("no_dialogue");

    private final String label;

    TlsOutcome(String label) {
        this.label = label;
    }

    /** The stored value. */
    public String label() {
        return label;
    }
}
