package io.tlsaudit.parse;

import java.util.Optional;

/**
 * A negotiated protocol version as Schannel reports it in {@code dwProtocol}: the server and client flag of each
 * version (docs/log-formats.md, 'SP_PROT_* protocol flags') map to one constant. Labels are the vocabulary stored in
 * the database.
 */
public enum TlsProtocol {
    PCT_1_0("PCT 1.0", 0x1L),
    SSL_2_0("SSL 2.0", 0x4L),
    SSL_3_0("SSL 3.0", 0x10L),
    TLS_1_0("TLS 1.0", 0x40L),
    TLS_1_1("TLS 1.1", 0x100L),
    TLS_1_2("TLS 1.2", 0x400L),
    TLS_1_3("TLS 1.3", 0x1000L),
    DTLS_1_0("DTLS 1.0", 0x10000L),
    DTLS_1_2("DTLS 1.2", 0x40000L);

    private final String label;
    private final long serverFlag;

    TlsProtocol(String label, long serverFlag) {
        this.label = label;
        this.serverFlag = serverFlag;
    }

    /** The stored name, e.g. {@code "TLS 1.0"}. */
    public String label() {
        return label;
    }

    /** True for every version that switching off TLS 1.0 and 1.1 (and everything older) would refuse. */
    public boolean isLegacy() {
        return switch (this) {
            case PCT_1_0, SSL_2_0, SSL_3_0, TLS_1_0, TLS_1_1, DTLS_1_0 -> true;
            case TLS_1_2, TLS_1_3, DTLS_1_2 -> false;
        };
    }

    /**
     * The version of one Schannel protocol flag, server or client (each client flag is its server flag shifted left
     * by one bit). Masks with several bits, zero and unknown bits have no version.
     */
    public static Optional<TlsProtocol> fromSchannelFlag(long flag) {
        for (TlsProtocol protocol : values()) {
            if (flag == protocol.serverFlag || flag == protocol.serverFlag << 1) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes slot {0} of the Exchange TLS line: an {@code SP_PROT_*} member name (also the documentation's
     * {@code SP_PROT-} spelling and the {@code SP_PROT_TLS1_SERVER} alias) or the decimal number .NET prints for
     * a value without a member ({@code 4096} is TLS 1.3 as server). {@code Zero}, combined names and anything else
     * decode to empty.
     */
    public static Optional<TlsProtocol> fromExchangeText(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (Character.isDigit(value.charAt(0))) {
            try {
                return fromSchannelFlag(Long.parseLong(value));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        String name = value.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        if (!name.startsWith("SP_PROT_")) {
            return Optional.empty();
        }
        String version = stripRole(name.substring("SP_PROT_".length()));
        if (version == null) {
            return Optional.empty();
        }
        return switch (version) {
            case "PCT1" -> Optional.of(PCT_1_0);
            case "SSL2" -> Optional.of(SSL_2_0);
            case "SSL3" -> Optional.of(SSL_3_0);
            case "TLS1", "TLS1_0" -> Optional.of(TLS_1_0);
            case "TLS1_1" -> Optional.of(TLS_1_1);
            case "TLS1_2" -> Optional.of(TLS_1_2);
            case "TLS1_3", "TLS1_3PLUS" -> Optional.of(TLS_1_3);
            case "DTLS", "DTLS1_0" -> Optional.of(DTLS_1_0);
            case "DTLS1_2" -> Optional.of(DTLS_1_2);
            default -> Optional.empty();
        };
    }

    /**
     * Decodes the IIS {@code crypt-protocol} value: the same flag in hexadecimal without {@code 0x}, one to eight
     * ASCII hex digits in any case. Anything else (a sign, spaces, {@code 0x}, full-width or other non-ASCII digits,
     * which {@link Long#parseLong(String, int)} would accept) decodes to empty.
     */
    public static Optional<TlsProtocol> fromHex(String hex) {
        long flag = IisHex.parse(hex);
        return flag == IisHex.MALFORMED ? Optional.empty() : fromSchannelFlag(flag);
    }

    private static String stripRole(String name) {
        if (name.endsWith("_SERVER")) {
            return name.substring(0, name.length() - "_SERVER".length());
        }
        if (name.endsWith("_CLIENT")) {
            return name.substring(0, name.length() - "_CLIENT".length());
        }
        return null;
    }
}
