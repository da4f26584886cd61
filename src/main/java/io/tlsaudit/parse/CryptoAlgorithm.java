package io.tlsaudit.parse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names Windows {@code ALG_ID} values (wincrypt.h; docs/log-formats.md, 'CALG_* algorithm identifiers') in the
 * vocabulary stored in the database: the constant without its {@code CALG_} prefix ({@code AES_256}, {@code SHA1},
 * {@code ECDHE}), {@code NONE} for zero and {@code 0x....} for identifiers with no known constant.
 */
public final class CryptoAlgorithm {

    /** The stored name for the zero identifier, which Exchange prints as {@code None}. */
    public static final String NONE = "NONE";

    private static final Map<Integer, String> NAMES_BY_ID = new HashMap<>();
    private static final Map<String, String> NAMES_BY_EXCHANGE_NAME = new HashMap<>();

    static {
        name(0x6601, "DES");
        name(0x6602, "RC2");
        name(0x6603, "3DES");
        name(0x6609, "3DES_112");
        name(0x660e, "AES_128");
        name(0x660f, "AES_192");
        name(0x6610, "AES_256");
        name(0x6611, "AES");
        name(0x6801, "RC4");
        name(0x6000, "NULLCIPHER");
        name(0x8003, "MD5");
        name(0x8004, "SHA1");
        name(0x800c, "SHA_256");
        name(0x800d, "SHA_384");
        name(0x800e, "SHA_512");
        name(0xa400, "RSA_KEYX");
        name(0xaa01, "DH_SF");
        name(0xaa02, "DH_EPHEM");
        name(0xaa05, "ECDH");
        name(0xae06, "ECDHE");
        name(0x6604, "DESX");
        name(0x660a, "SKIPJACK");
        name(0x660b, "TEK");
        name(0x660c, "CYLINK_MEK");
        name(0x660d, "RC5");
        name(0x6802, "SEAL");
        name(0x8001, "MD2");
        name(0x8002, "MD4");
        name(0x8005, "MAC");
        name(0x8008, "SSL3_SHAMD5");
        name(0x8009, "HMAC");
        name(0x800a, "TLS1PRF");
        name(0x800b, "HASH_REPLACE_OWF");
        name(0x2000, "NO_SIGN");
        name(0x2200, "DSS_SIGN");
        name(0x2203, "ECDSA");
        name(0x2400, "RSA_SIGN");
        name(0x4c01, "SSL3_MASTER");
        name(0x4c02, "SCHANNEL_MASTER_HASH");
        name(0x4c03, "SCHANNEL_MAC_KEY");
        name(0x4c04, "PCT1_MASTER");
        name(0x4c05, "SSL2_MASTER");
        name(0x4c06, "TLS1_MASTER");
        name(0x4c07, "SCHANNEL_ENC_KEY");
        name(0xa001, "ECMQV");
        name(0xa003, "HUGHES_MD5");
        name(0xaa03, "AGREEDKEY_ANY");
        name(0xaa04, "KEA_KEYX");
        // One identifier, two names: 0xAE06 prints as CALG_ECDHE or CALG_ECDH_EPHEM depending on the build, and 0x8004
        // has two members, CALG_SHA and CALG_SHA1, of which .NET may print either (docs/log-formats.md, 'TLS result
        // line').
        NAMES_BY_EXCHANGE_NAME.put("CALG_SHA", "SHA1");
        NAMES_BY_EXCHANGE_NAME.put("CALG_ECDH_EPHEM", "ECDHE");
    }

    private CryptoAlgorithm() {}

    private static void name(int id, String name) {
        NAMES_BY_ID.put(id, name);
        NAMES_BY_EXCHANGE_NAME.put("CALG_" + name, name);
    }

    /** The stored name of an identifier. */
    public static String fromId(int id) {
        if (id == 0) {
            return NONE;
        }
        String known = NAMES_BY_ID.get(id);
        return known != null ? known : String.format(Locale.ROOT, "0x%04x", id);
    }

    /**
     * Decodes an IIS {@code crypt-cipher}, {@code crypt-hash} or {@code crypt-keyexchange} value: one to eight ASCII
     * hex digits in any case, no {@code 0x}. Returns null for anything else, including a sign, spaces and full-width
     * or other non-ASCII digits, which {@link Integer#parseInt(String, int)} would accept.
     */
    public static String fromHex(String hex) {
        long id = IisHex.parse(hex);
        // Eight digits fill all 32 bits of an ALG_ID: the int keeps them.
        return id == IisHex.MALFORMED ? null : fromId((int) id);
    }

    /**
     * Decodes an algorithm slot of the Exchange TLS line: a {@code CALG_} member name, {@code None}, or the decimal
     * number .NET prints for an identifier without a member. An unknown {@code CALG_} name is kept without its
     * prefix; anything else is returned as written.
     */
    public static String fromExchangeText(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            return null;
        }
        if (value.equalsIgnoreCase("None") || value.equalsIgnoreCase("Zero")) {
            return NONE;
        }
        if (Character.isDigit(value.charAt(0))) {
            try {
                return fromId(Integer.parseInt(value));
            } catch (NumberFormatException notANumber) {
                return value;
            }
        }
        String upper = value.toUpperCase(Locale.ROOT);
        String known = NAMES_BY_EXCHANGE_NAME.get(upper);
        if (known != null) {
            return known;
        }
        return upper.startsWith("CALG_") ? upper.substring("CALG_".length()) : value;
    }
}
