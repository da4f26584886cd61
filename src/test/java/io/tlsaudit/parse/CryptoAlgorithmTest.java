package io.tlsaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected values of docs/log-formats.md, 'CALG_* algorithm identifiers': every ALG_ID constant, its IIS hex form and
 * its decimal value.
 */
class CryptoAlgorithmTest {

    /** Stored name (constant without CALG_), IIS hex form, decimal: every constant of the table, hand-copied. */
    private static final String[] CONSTANTS = {
        "DES, 6601, 26113",
        "RC2, 6602, 26114",
        "3DES, 6603, 26115",
        "3DES_112, 6609, 26121",
        "AES_128, 660e, 26126",
        "AES_192, 660f, 26127",
        "AES_256, 6610, 26128",
        "AES, 6611, 26129",
        "RC4, 6801, 26625",
        "NULLCIPHER, 6000, 24576",
        "MD5, 8003, 32771",
        "SHA1, 8004, 32772",
        "SHA_256, 800c, 32780",
        "SHA_384, 800d, 32781",
        "SHA_512, 800e, 32782",
        "RSA_KEYX, a400, 41984",
        "DH_SF, aa01, 43521",
        "DH_EPHEM, aa02, 43522",
        "ECDH, aa05, 43525",
        "ECDHE, ae06, 44550",
        "DESX, 6604, 26116",
        "SKIPJACK, 660a, 26122",
        "TEK, 660b, 26123",
        "CYLINK_MEK, 660c, 26124",
        "RC5, 660d, 26125",
        "SEAL, 6802, 26626",
        "MD2, 8001, 32769",
        "MD4, 8002, 32770",
        "MAC, 8005, 32773",
        "SSL3_SHAMD5, 8008, 32776",
        "HMAC, 8009, 32777",
        "TLS1PRF, 800a, 32778",
        "HASH_REPLACE_OWF, 800b, 32779",
        "NO_SIGN, 2000, 8192",
        "DSS_SIGN, 2200, 8704",
        "ECDSA, 2203, 8707",
        "RSA_SIGN, 2400, 9216",
        "SSL3_MASTER, 4c01, 19457",
        "SCHANNEL_MASTER_HASH, 4c02, 19458",
        "SCHANNEL_MAC_KEY, 4c03, 19459",
        "PCT1_MASTER, 4c04, 19460",
        "SSL2_MASTER, 4c05, 19461",
        "TLS1_MASTER, 4c06, 19462",
        "SCHANNEL_ENC_KEY, 4c07, 19463",
        "ECMQV, a001, 40961",
        "HUGHES_MD5, a003, 40963",
        "AGREEDKEY_ANY, aa03, 43523",
        "KEA_KEYX, aa04, 43524",
    };

    @Test
    void constantTableIsSelfConsistent() {
        // Guards the hand-copied table itself: hex and decimal columns name the same identifier.
        for (String row : CONSTANTS) {
            String[] cells = row.split(", ");
            assertEquals(Integer.parseInt(cells[2]), Integer.parseInt(cells[1], 16), row);
        }
        assertEquals(48, CONSTANTS.length);
    }

    @Test
    void namesEveryConstantByLowerCaseHex() {
        for (String row : CONSTANTS) {
            String[] cells = row.split(", ");
            assertEquals(cells[0], CryptoAlgorithm.fromHex(cells[1]), row);
        }
    }

    @Test
    void namesEveryConstantByUpperCaseHex() {
        for (String row : CONSTANTS) {
            String[] cells = row.split(", ");
            assertEquals(cells[0], CryptoAlgorithm.fromHex(cells[1].toUpperCase(Locale.ROOT)), row);
        }
    }

    @Test
    void namesEveryConstantById() {
        for (String row : CONSTANTS) {
            String[] cells = row.split(", ");
            assertEquals(cells[0], CryptoAlgorithm.fromId(Integer.parseInt(cells[2])), row);
        }
    }

    @Test
    void namesEveryConstantByExchangeMemberName() {
        for (String row : CONSTANTS) {
            String[] cells = row.split(", ");
            assertEquals(cells[0], CryptoAlgorithm.fromExchangeText("CALG_" + cells[0]), row);
        }
    }

    @Test
    void namesEveryConstantByTheDecimalDotNetPrintsWithoutAMember() {
        for (String row : CONSTANTS) {
            String[] cells = row.split(", ");
            assertEquals(cells[0], CryptoAlgorithm.fromExchangeText(cells[2]), row);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "660E, AES_128",
        "660e, AES_128",
        "6610, AES_256",
        "800D, SHA_384",
        "AE06, ECDHE",
        "ae06, ECDHE",
        "A400, RSA_KEYX",
        "8004, SHA1",
        "6603, 3DES",
        "0, NONE",
    })
    void decodesIisHexCaseInsensitively(String hex, String expected) {
        assertEquals(expected, CryptoAlgorithm.fromHex(hex));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // Both member names for 0xAE06 and for 0x8004 occur, depending on the build (docs/log-formats.md, 'TLS
        // result line').
        "CALG_ECDHE, ECDHE",
        "CALG_ECDH_EPHEM, ECDHE",
        "CALG_SHA, SHA1",
        "CALG_SHA1, SHA1",
        "None, NONE",
        "0, NONE",
        "24576, NULLCIPHER",
        "CALG_NULLCIPHER, NULLCIPHER",
        "CALG_AES_256, AES_256",
        "CALG_SHA_384, SHA_384",
        "CALG_RSA_KEYX, RSA_KEYX",
        "CALG_3DES, 3DES",
        "26130, 0x6612",
    })
    void decodesExchangeAlgorithmSlots(String text, String expected) {
        assertEquals(expected, CryptoAlgorithm.fromExchangeText(text));
    }

    @Test
    void namesUnknownIdentifierAsHexInEveryForm() {
        // 0x6612 = data encrypt, block, sid 18 (by the wincrypt.h class and type macros): no constant.
        assertEquals("0x6612", CryptoAlgorithm.fromId(0x6612));
        assertEquals("0x6612", CryptoAlgorithm.fromId(26130));
        assertEquals("0x6612", CryptoAlgorithm.fromHex("6612"));
        assertEquals("0x6612", CryptoAlgorithm.fromExchangeText("26130"));
    }

    @Test
    void namesZeroIdentifierNone() {
        assertEquals("NONE", CryptoAlgorithm.NONE);
        assertEquals(CryptoAlgorithm.NONE, CryptoAlgorithm.fromId(0));
    }

    @Test
    void keepsUnknownMemberNameWithoutPrefix() {
        assertEquals("FUTURE_CIPHER", CryptoAlgorithm.fromExchangeText("CALG_FUTURE_CIPHER"));
    }

    @ParameterizedTest(name = "\"{0}\" -> null")
    @ValueSource(strings = {"-", "", "660.000000", "xyz", "0x6610"})
    void rejectsIisValuesThatAreNotHex(String value) {
        // "-" is plain HTTP; "660.000000" is 660e after a type-guessing tool (docs/log-formats.md, 'IIS crypt-*
        // fields').
        assertNull(CryptoAlgorithm.fromHex(value));
    }

    @ParameterizedTest(name = "\"{0}\" -> null")
    @ValueSource(
            strings = {
                "+6610", // Integer.parseInt takes a sign
                "-6610",
                " 6610",
                "6610 ",
                "66 10",
                "\uff16\uff16\uff11\uff10", // full-width 6610, which Character.digit reads as digits
                "\u0666\u0666\u0661\u0660", // Arabic-Indic 6610
                "000006610", // nine digits: wider than an ALG_ID
            })
    void rejectsIisValuesThatAreNotOneToEightAsciiHexDigits(String value) {
        assertNull(CryptoAlgorithm.fromHex(value));
    }

    @Test
    void decodesEightDigitIisValues() {
        assertEquals("ECDHE", CryptoAlgorithm.fromHex("0000ae06"));
        assertEquals("0xffffffff", CryptoAlgorithm.fromHex("ffffffff"));
    }
}
