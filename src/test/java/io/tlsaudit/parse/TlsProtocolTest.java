package io.tlsaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected values of docs/log-formats.md, 'SP_PROT_* protocol flags', and of how Exchange prints slot {0} ('TLS
 * result line').
 */
class TlsProtocolTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "SP_PROT_PCT1_SERVER, PCT_1_0",
        "SP_PROT_PCT1_CLIENT, PCT_1_0",
        "SP_PROT_SSL2_SERVER, SSL_2_0",
        "SP_PROT_SSL2_CLIENT, SSL_2_0",
        "SP_PROT_SSL3_SERVER, SSL_3_0",
        "SP_PROT_SSL3_CLIENT, SSL_3_0",
        "SP_PROT_TLS1_0_SERVER, TLS_1_0",
        "SP_PROT_TLS1_0_CLIENT, TLS_1_0",
        "SP_PROT_TLS1_SERVER, TLS_1_0",
        "SP_PROT_TLS1_CLIENT, TLS_1_0",
        "SP_PROT_TLS1_1_SERVER, TLS_1_1",
        "SP_PROT_TLS1_1_CLIENT, TLS_1_1",
        "SP_PROT_TLS1_2_SERVER, TLS_1_2",
        "SP_PROT_TLS1_2_CLIENT, TLS_1_2",
        "SP_PROT_TLS1_3_SERVER, TLS_1_3",
        "SP_PROT_TLS1_3_CLIENT, TLS_1_3",
        "SP_PROT_TLS1_3PLUS_SERVER, TLS_1_3",
        "SP_PROT_TLS1_3PLUS_CLIENT, TLS_1_3",
        // Microsoft's TLS guidance writes a hyphen; logs never do, but the parser accepts it.
        "SP_PROT-TLS1_0_CLIENT, TLS_1_0",
        "SP_PROT-TLS1_1_CLIENT, TLS_1_1",
        "SP_PROT-TLS1_2_CLIENT, TLS_1_2",
    })
    void decodesEveryExchangeProtocolName(String text, TlsProtocol expected) {
        assertEquals(Optional.of(expected), TlsProtocol.fromExchangeText(text));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1, PCT_1_0",
        "2, PCT_1_0",
        "4, SSL_2_0",
        "8, SSL_2_0",
        "16, SSL_3_0",
        "32, SSL_3_0",
        "64, TLS_1_0",
        "128, TLS_1_0",
        "256, TLS_1_1",
        "512, TLS_1_1",
        "1024, TLS_1_2",
        "2048, TLS_1_2",
        // .NET prints the flags enum's undefined TLS 1.3 members as decimal.
        "4096, TLS_1_3",
        "8192, TLS_1_3",
        "65536, DTLS_1_0",
        "131072, DTLS_1_0",
        "262144, DTLS_1_2",
        "524288, DTLS_1_2",
    })
    void decodesDecimalProtocolValues(String decimal, TlsProtocol expected) {
        assertEquals(Optional.of(expected), TlsProtocol.fromExchangeText(decimal));
    }

    @ParameterizedTest(name = "\"{0}\" -> empty")
    @ValueSource(
            strings = {
                "Zero",
                "0",
                "",
                "   ",
                // A multi-bit value reads as names joined by ", ": a mask, not a negotiated version.
                "SP_PROT_TLS1_1_SERVER, SP_PROT_TLS1_2_SERVER",
                "3",
                "192",
                "768",
                "3072",
                "12288",
                "1073741824",
                "2147483648",
                "4294967295",
                "SP_PROT_TLS1_2",
                "SP_PROT_NONE",
                "SP_PROT_ALL",
                "SP_PROT_UNI_SERVER",
                "SP_PROT_TLS1_4_SERVER",
                "TLS1_2_SERVER",
                "99999999999999999999999",
                "-1",
            })
    void decodesZeroCombinedAndUnknownValuesToNoVersion(String text) {
        assertEquals(Optional.empty(), TlsProtocol.fromExchangeText(text));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1, PCT_1_0",
        "4, SSL_2_0",
        "10, SSL_3_0",
        "40, TLS_1_0",
        "100, TLS_1_1",
        "400, TLS_1_2",
        "1000, TLS_1_3",
        "80, TLS_1_0",
        "800, TLS_1_2",
    })
    void decodesIisHexProtocolValues(String hex, TlsProtocol expected) {
        assertEquals(Optional.of(expected), TlsProtocol.fromHex(hex));
    }

    @ParameterizedTest(name = "\"{0}\" -> empty")
    @ValueSource(strings = {"-", "", "0", "c0", "c00", "zz", "0x400"})
    void decodesPlainHttpMasksAndJunkIisValuesToNoVersion(String hex) {
        assertEquals(Optional.empty(), TlsProtocol.fromHex(hex));
    }

    @ParameterizedTest(name = "\"{0}\" -> empty")
    @ValueSource(
            strings = {
                "+400", // Long.parseLong takes a sign
                "-400",
                " 400",
                "400 ",
                "4 00",
                "\uff14\uff10\uff10", // full-width 400, which Character.digit reads as digits
                "\u0664\u0660\u0660", // Arabic-Indic 400
                "0x400",
                "000000400", // nine digits: wider than the 32-bit dwProtocol
            })
    void decodesIisValuesThatAreNotOneToEightAsciiHexDigitsToNoVersion(String hex) {
        assertEquals(Optional.empty(), TlsProtocol.fromHex(hex));
    }

    @Test
    void decodesEightDigitIisValueWithLeadingZeros() {
        assertEquals(Optional.of(TlsProtocol.TLS_1_2), TlsProtocol.fromHex("00000400"));
    }

    @ParameterizedTest(name = "{0} legacy={1}")
    @CsvSource({
        "PCT_1_0, true",
        "SSL_2_0, true",
        "SSL_3_0, true",
        "TLS_1_0, true",
        "TLS_1_1, true",
        "TLS_1_2, false",
        "TLS_1_3, false",
        "DTLS_1_0, true",
        "DTLS_1_2, false",
    })
    void flagsEveryVersionOlderThanTls12AsLegacy(TlsProtocol protocol, boolean legacy) {
        assertEquals(legacy, protocol.isLegacy());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "PCT_1_0, PCT 1.0",
        "SSL_2_0, SSL 2.0",
        "SSL_3_0, SSL 3.0",
        "TLS_1_0, TLS 1.0",
        "TLS_1_1, TLS 1.1",
        "TLS_1_2, TLS 1.2",
        "TLS_1_3, TLS 1.3",
        "DTLS_1_0, DTLS 1.0",
        "DTLS_1_2, DTLS 1.2",
    })
    void labelsEveryVersionForStorage(TlsProtocol protocol, String label) {
        assertEquals(label, protocol.label());
    }
}
