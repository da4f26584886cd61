package io.tlsaudit.bench;

import java.util.List;

/**
 * One negotiated protocol and cipher suite as Exchange prints it in the TLS result line (docs/log-formats.md, 'TLS
 * result line'), with the rendering variants the sample logs show: the documentation's {@code SP_PROT-} hyphen,
 * {@code CALG_SHA} for SHA1, the NULL cipher as the number {@code 24576}, TLS 1.3 as the number {@code 4096} (server)
 * or {@code 8192} (client).
 *
 * @param version the {@code SP_PROT_} version token ({@code TLS1_2}), or {@code TLS1_3} printed as a number
 * @param keyExchange the {@code CALG_} key exchange name, or null for ECDHE, whose spelling depends on the build
 */
record TlsSuite(
        String version,
        boolean hyphen,
        String cipher,
        int cipherBits,
        String mac,
        int macBits,
        String keyExchange,
        int keyExchangeBits) {

    static final TlsSuite TLS12_AES256_GCM = modern("TLS1_2", "CALG_AES_256", 256, "CALG_SHA_384", 0, null, 384);
    static final TlsSuite TLS12_AES128_GCM = modern("TLS1_2", "CALG_AES_128", 128, "CALG_SHA_256", 0, null, 256);
    static final TlsSuite TLS12_AES256_CBC = modern("TLS1_2", "CALG_AES_256", 256, "CALG_SHA1", 160, null, 256);
    static final TlsSuite TLS12_DHE = modern("TLS1_2", "CALG_AES_256", 256, "CALG_SHA_384", 0, "CALG_DH_EPHEM", 2048);
    static final TlsSuite TLS12_RSA = modern("TLS1_2", "CALG_AES_128", 128, "CALG_SHA1", 160, "CALG_RSA_KEYX", 2048);
    static final TlsSuite TLS13 = modern("TLS1_3", "CALG_AES_256", 256, "CALG_SHA_384", 0, null, 384);

    static final TlsSuite TLS10_3DES = modern("TLS1_0", "CALG_3DES", 168, "CALG_SHA1", 160, "CALG_RSA_KEYX", 2048);
    static final TlsSuite TLS10_AES_RSA =
            modern("TLS1_0", "CALG_AES_256", 256, "CALG_SHA1", 160, "CALG_RSA_KEYX", 2048);
    static final TlsSuite TLS10_AES_ECDHE = modern("TLS1_0", "CALG_AES_128", 128, "CALG_SHA1", 160, null, 256);
    static final TlsSuite TLS10_RC4 = modern("TLS1_0", "CALG_RC4", 128, "CALG_SHA1", 160, "CALG_RSA_KEYX", 2048);
    static final TlsSuite TLS10_HYPHEN =
            new TlsSuite("TLS1_0", true, "CALG_AES_256", 256, "CALG_SHA1", 160, "CALG_RSA_KEYX", 2048);
    static final TlsSuite TLS10_NULL = modern("TLS1_0", "24576", 0, "CALG_SHA", 160, "CALG_RSA_KEYX", 2048);
    static final TlsSuite TLS11_AES128 = modern("TLS1_1", "CALG_AES_128", 128, "CALG_SHA1", 160, null, 256);
    static final TlsSuite TLS11_AES256 = modern("TLS1_1", "CALG_AES_256", 256, "CALG_SHA", 160, null, 256);
    static final TlsSuite SSL3_RC4 = modern("SSL3", "CALG_RC4", 128, "CALG_MD5", 128, "CALG_RSA_KEYX", 1024);

    /** TLS 1.2 suites by how common they are among modern peers (first = most common). */
    static final List<TlsSuite> MODERN = List.of(
            TLS12_AES256_GCM,
            TLS12_AES256_GCM,
            TLS12_AES256_GCM,
            TLS12_AES128_GCM,
            TLS12_AES128_GCM,
            TLS12_AES256_CBC,
            TLS12_DHE,
            TLS12_RSA);

    /** The suites of peers stuck on TLS 1.0/1.1 or SSL 3.0, the rarer renderings last. */
    static final List<TlsSuite> LEGACY = List.of(
            TLS10_3DES,
            TLS10_3DES,
            TLS10_AES_RSA,
            TLS10_AES_ECDHE,
            TLS11_AES128,
            TLS11_AES128,
            TLS11_AES256,
            TLS10_AES_RSA,
            TLS10_RC4,
            SSL3_RC4,
            TLS10_HYPHEN,
            TLS10_NULL);

    private static TlsSuite modern(
            String version, String cipher, int cipherBits, String mac, int macBits, String keyExchange, int kxBits) {
        return new TlsSuite(version, false, cipher, cipherBits, mac, macBits, keyExchange, kxBits);
    }

    /** True for what tlsaudit calls legacy: SSL, TLS 1.0, TLS 1.1. */
    boolean legacy() {
        return !version.equals("TLS1_2") && !version.equals("TLS1_3");
    }

    /**
     * The result line's text (the {@code context} value, unquoted).
     *
     * @param server Exchange is the server (Receive log, {@code _SERVER}) or the client (Send log, {@code _CLIENT})
     * @param ecdheName how this build prints ECDHE
     */
    String resultText(boolean server, String ecdheName) {
        String protocol = version.equals("TLS1_3")
                ? (server ? "4096" : "8192")
                : (hyphen ? "SP_PROT-" : "SP_PROT_") + version + (server ? "_SERVER" : "_CLIENT");
        return "TLS protocol " + protocol + " negotiation succeeded using bulk encryption algorithm " + cipher
                + " with strength " + cipherBits + " bits, MAC hash algorithm " + mac + " with strength " + macBits
                + " bits and key exchange algorithm " + (keyExchange == null ? ecdheName : keyExchange)
                + " with strength " + keyExchangeBits + " bits";
    }
}
