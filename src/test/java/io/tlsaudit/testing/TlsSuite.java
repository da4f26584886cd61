package io.tlsaudit.testing;

import static java.util.Objects.requireNonNull;

/**
 * A negotiated protocol and suite as Exchange prints it in the TLS result row (docs/log-formats.md, 'TLS result
 * line'), with the values tlsaudit stores for it.
 *
 * @param version the {@code SP_PROT_} version token without the side, {@code TLS1_0}; {@code TLS1_3} prints as
 *     Exchange's number ({@code 4096} on receive, {@code 8192} on send)
 * @param cipher the {@code CALG_} bulk cipher name, or a number such as {@code 24576} for the NULL cipher
 * @param mac the {@code CALG_} MAC hash name
 * @param keyExchange the {@code CALG_} key exchange name
 */
public record TlsSuite(
        String version,
        String cipher,
        int cipherBits,
        String mac,
        int macBits,
        String keyExchange,
        int keyExchangeBits) {

    public static final TlsSuite TLS12_GCM =
            new TlsSuite("TLS1_2", "CALG_AES_256", 256, "CALG_SHA_384", 0, "CALG_ECDHE", 384);
    public static final TlsSuite TLS12_CBC_SHA1 =
            new TlsSuite("TLS1_2", "CALG_AES_128", 128, "CALG_SHA1", 160, "CALG_ECDHE", 256);
    public static final TlsSuite TLS12_DHE_1024 =
            new TlsSuite("TLS1_2", "CALG_AES_256", 256, "CALG_SHA_384", 0, "CALG_DH_EPHEM", 1024);
    public static final TlsSuite TLS10_3DES =
            new TlsSuite("TLS1_0", "CALG_3DES", 168, "CALG_SHA1", 160, "CALG_RSA_KEYX", 2048);
    public static final TlsSuite TLS10_AES_ECDHE =
            new TlsSuite("TLS1_0", "CALG_AES_128", 128, "CALG_SHA1", 160, "CALG_ECDHE", 256);
    public static final TlsSuite TLS11_AES_ECDHE =
            new TlsSuite("TLS1_1", "CALG_AES_256", 256, "CALG_SHA1", 160, "CALG_ECDHE", 256);
    public static final TlsSuite SSL3_RC4 =
            new TlsSuite("SSL3", "CALG_RC4", 128, "CALG_MD5", 128, "CALG_RSA_KEYX", 1024);

    public TlsSuite {
        requireNonNull(version, "version is null");
        requireNonNull(cipher, "cipher is null");
        requireNonNull(mac, "mac is null");
        requireNonNull(keyExchange, "keyExchange is null");
    }

    /** True for what tlsaudit calls legacy: SSL, TLS 1.0, TLS 1.1. */
    public boolean legacy() {
        return !version.equals("TLS1_2") && !version.equals("TLS1_3");
    }

    /** The result row's text; {@code server} is true in Receive logs ({@code _SERVER}), false in Send logs. */
    public String resultText(boolean server) {
        String protocol = version.equals("TLS1_3")
                ? (server ? "4096" : "8192")
                : "SP_PROT_" + version + (server ? "_SERVER" : "_CLIENT");
        return "TLS protocol " + protocol + " negotiation succeeded using bulk encryption algorithm " + cipher
                + " with strength " + cipherBits + " bits, MAC hash algorithm " + mac + " with strength " + macBits
                + " bits and key exchange algorithm " + keyExchange + " with strength " + keyExchangeBits + " bits";
    }
}
