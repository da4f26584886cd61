package io.tlsaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The success and failure texts (docs/log-formats.md, 'TLS result line' and 'TLS failure line'). E1, E2, E5 and E8
 * are constructed success texts: receive TLS 1.2 with GCM, receive TLS 1.0 with 3DES, send TLS 1.2 with the older
 * CALG_ECDHE name, send TLS 1.2 with a CBC suite.
 */
class TlsResultLineTest {

    private static final String E1 = "TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption"
            + " algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and"
            + " key exchange algorithm CALG_ECDH_EPHEM with strength 384 bits";
    private static final String E2 = "TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk encryption"
            + " algorithm CALG_3DES with strength 168 bits, MAC hash algorithm CALG_SHA1 with strength 160 bits and key"
            + " exchange algorithm CALG_RSA_KEYX with strength 2048 bits";
    private static final String E5 = "TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption"
            + " algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and"
            + " key exchange algorithm CALG_ECDHE with strength 256 bits";
    private static final String E8 = "TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption"
            + " algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA1 with strength 160 bits and"
            + " key exchange algorithm CALG_ECDH_EPHEM with strength 256 bits";
    private static final String HYPOTHETICAL_TLS13 = "TLS protocol 4096 negotiation succeeded using bulk encryption"
            + " algorithm CALG_AES_128 with strength 128 bits, MAC hash algorithm CALG_SHA_256 with strength 0 bits and"
            + " key exchange algorithm CALG_ECDH_EPHEM with strength 256 bits";
    private static final String HYPOTHETICAL_NULL_CIPHER = "TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded"
            + " using bulk encryption algorithm 24576 with strength 0 bits, MAC hash algorithm CALG_SHA1 with strength"
            + " 160 bits and key exchange algorithm CALG_RSA_KEYX with strength 1024 bits";

    static Stream<Arguments> successLines() {
        return Stream.of(
                Arguments.of(
                        "E1 receive TLS 1.2 GCM",
                        E1,
                        negotiation(
                                TlsProtocol.TLS_1_2,
                                "SP_PROT_TLS1_2_SERVER",
                                "AES_256",
                                256,
                                "SHA_384",
                                0,
                                "ECDHE",
                                384)),
                Arguments.of(
                        "E2 receive TLS 1.0 3DES",
                        E2,
                        negotiation(
                                TlsProtocol.TLS_1_0,
                                "SP_PROT_TLS1_0_SERVER",
                                "3DES",
                                168,
                                "SHA1",
                                160,
                                "RSA_KEYX",
                                2048)),
                Arguments.of(
                        "E5 send TLS 1.2 CALG_ECDHE",
                        E5,
                        negotiation(
                                TlsProtocol.TLS_1_2,
                                "SP_PROT_TLS1_2_CLIENT",
                                "AES_256",
                                256,
                                "SHA_384",
                                0,
                                "ECDHE",
                                256)),
                Arguments.of(
                        "E8 send TLS 1.2 CBC",
                        E8,
                        negotiation(
                                TlsProtocol.TLS_1_2,
                                "SP_PROT_TLS1_2_CLIENT",
                                "AES_256",
                                256,
                                "SHA1",
                                160,
                                "ECDHE",
                                256)),
                Arguments.of(
                        "hypothetical TLS 1.3 as 4096",
                        HYPOTHETICAL_TLS13,
                        negotiation(TlsProtocol.TLS_1_3, "4096", "AES_128", 128, "SHA_256", 0, "ECDHE", 256)),
                Arguments.of(
                        "hypothetical null cipher as 24576",
                        HYPOTHETICAL_NULL_CIPHER,
                        negotiation(
                                TlsProtocol.TLS_1_0,
                                "SP_PROT_TLS1_0_SERVER",
                                "NULLCIPHER",
                                0,
                                "SHA1",
                                160,
                                "RSA_KEYX",
                                1024)),
                Arguments.of(
                        "documentation hyphen SP_PROT-",
                        E8.replace("SP_PROT_TLS1_2_CLIENT", "SP_PROT-TLS1_2_CLIENT"),
                        negotiation(
                                TlsProtocol.TLS_1_2,
                                "SP_PROT-TLS1_2_CLIENT",
                                "AES_256",
                                256,
                                "SHA1",
                                160,
                                "ECDHE",
                                256)),
                Arguments.of(
                        "TLS 1.3 as client 8192",
                        HYPOTHETICAL_TLS13.replace("protocol 4096", "protocol 8192"),
                        negotiation(TlsProtocol.TLS_1_3, "8192", "AES_128", 128, "SHA_256", 0, "ECDHE", 256)));
    }

    private static TlsNegotiation negotiation(
            TlsProtocol protocol,
            String protocolText,
            String cipher,
            int cipherBits,
            String mac,
            int macBits,
            String keyExchange,
            int keyExchangeBits) {
        return new TlsNegotiation(
                Optional.of(protocol), protocolText, cipher, cipherBits, mac, macBits, keyExchange, keyExchangeBits);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successLines")
    void parsesEveryComponentOfSuccessLine(String description, String line, TlsNegotiation expected) {
        assertTrue(TlsResultLine.mayBeResult(line));
        assertEquals(Optional.of(expected), TlsResultLine.parseSuccess(line));
        assertEquals(Optional.empty(), TlsResultLine.parseFailure(line));
    }

    @Test
    void keepsProtocolTextWhenSlotNamesNoVersion() {
        String zero = E1.replace("SP_PROT_TLS1_2_SERVER", "Zero");
        assertEquals(
                Optional.of(new TlsNegotiation(Optional.empty(), "Zero", "AES_256", 256, "SHA_384", 0, "ECDHE", 384)),
                TlsResultLine.parseSuccess(zero));

        String combined = E1.replace("SP_PROT_TLS1_2_SERVER", "SP_PROT_TLS1_1_SERVER, SP_PROT_TLS1_2_SERVER");
        assertEquals(
                Optional.of(new TlsNegotiation(
                        Optional.empty(),
                        "SP_PROT_TLS1_1_SERVER, SP_PROT_TLS1_2_SERVER",
                        "AES_256",
                        256,
                        "SHA_384",
                        0,
                        "ECDHE",
                        384)),
                TlsResultLine.parseSuccess(combined));
    }

    @Test
    void parsesNoneAlgorithmSlot() {
        String none = E2.replace("algorithm CALG_SHA1", "algorithm None");
        assertEquals(
                Optional.of(negotiation(
                        TlsProtocol.TLS_1_0, "SP_PROT_TLS1_0_SERVER", "3DES", 168, "NONE", 160, "RSA_KEYX", 2048)),
                TlsResultLine.parseSuccess(none));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "TLS negotiation failed with error SocketError, SocketError",
        "TLS negotiation failed with error UnknownCredentials, UnknownCredentials",
        "TLS negotiation failed with error NoCredentials, NoCredentials",
        // Other error names exist: captured verbatim.
        "TLS negotiation failed with error AlgorithmMismatch, AlgorithmMismatch",
    })
    void capturesErrorNameOfFailureLine(String line, String error) {
        assertTrue(TlsResultLine.mayBeResult(line));
        assertEquals(Optional.of(error), TlsResultLine.parseFailure(line));
        assertEquals(Optional.empty(), TlsResultLine.parseSuccess(line));
        assertFalse(TlsResultLine.looksLikeBrokenSuccess(line));
    }

    static Stream<Arguments> brokenSuccessLines() {
        return Stream.of(
                Arguments.of("cut before the last number", E2.substring(0, E2.lastIndexOf(" 2048 bits"))),
                Arguments.of("cut before the last 'bits'", E2.substring(0, E2.lastIndexOf(" bits"))),
                Arguments.of("cut after 'bulk encryption algorithm'", E2.substring(0, E2.indexOf(" CALG_3DES"))),
                Arguments.of("cut at a 4096-byte buffer flush mid-word", E2.substring(0, E2.indexOf("MAC hash") + 5)),
                Arguments.of("cut inside 'succeeded'", E2.substring(0, E2.indexOf("succeeded") + 4)),
                Arguments.of("cut after the protocol name", E2.substring(0, E2.indexOf(" negotiation"))),
                Arguments.of("trailing junk", E2 + " extra"),
                Arguments.of("trailing escaped CRLF", E2 + "\\r\\n"),
                Arguments.of("strength not a number", E2.replace("strength 168 bits", "strength many bits")),
                Arguments.of("space inside an algorithm name", E2.replace("CALG_3DES", "CALG 3DES")),
                Arguments.of("comma lost", E2.replace("168 bits, MAC", "168 bits MAC")),
                Arguments.of("missing key exchange clause", E2.substring(0, E2.indexOf(" and key exchange"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSuccessLines")
    void rejectsTruncatedOrGarbledSuccessLineAndFlagsItBroken(String description, String line) {
        assertEquals(Optional.empty(), TlsResultLine.parseSuccess(line));
        assertTrue(TlsResultLine.looksLikeBrokenSuccess(line), line);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successLines")
    void doesNotFlagWellFormedSuccessLineAsBroken(String description, String line, TlsNegotiation expected) {
        // looksLikeBrokenSuccess: "True when a success-prefixed text failed to parse".
        assertFalse(TlsResultLine.looksLikeBrokenSuccess(line));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "Received certificate",
                "Sending certificate",
                "TlsDomainCapabilities='None'; Status='NoRemoteCertificate'",
                "Client certificate chain validation status: 'EmptyCertificate'",
                "",
            })
    void ignoresOtherContextTexts(String context) {
        assertFalse(TlsResultLine.mayBeResult(context));
        assertEquals(Optional.empty(), TlsResultLine.parseSuccess(context));
        assertEquals(Optional.empty(), TlsResultLine.parseFailure(context));
        assertFalse(TlsResultLine.looksLikeBrokenSuccess(context));
    }

    // ---- the hand-written reader against the regular expression it replaced ----

    private static final Pattern FORMER_TEMPLATE = Pattern.compile("^TLS protocol (.+?) negotiation succeeded using"
            + " bulk encryption algorithm (\\S+) with strength (\\d{1,6}) bits, MAC hash algorithm (\\S+) with"
            + " strength (\\d{1,6}) bits and key exchange algorithm (\\S+) with strength (\\d{1,6}) bits$");

    /** What the regular expression, used until the template was read by hand, made of {@code context}. */
    private static Optional<TlsNegotiation> formerParse(String context) {
        Matcher matcher = FORMER_TEMPLATE.matcher(context);
        if (!context.startsWith("TLS protocol ") || !matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TlsNegotiation(
                TlsProtocol.fromExchangeText(matcher.group(1)),
                matcher.group(1),
                CryptoAlgorithm.fromExchangeText(matcher.group(2)),
                Integer.parseInt(matcher.group(3)),
                CryptoAlgorithm.fromExchangeText(matcher.group(4)),
                Integer.parseInt(matcher.group(5)),
                CryptoAlgorithm.fromExchangeText(matcher.group(6)),
                Integer.parseInt(matcher.group(7))));
    }

    /** Each base text with every character deleted, and with each of some characters inserted everywhere. */
    private static List<String> mutants() {
        String marker = " negotiation succeeded using bulk encryption algorithm ";
        List<String> bases = List.of(
                E1,
                E2,
                HYPOTHETICAL_TLS13,
                E2.replace("strength 168", "strength 1234567"),
                E2.replace("SP_PROT_TLS1_0_SERVER", "A" + marker + "B"),
                E2.replace("SP_PROT_TLS1_0_SERVER", "A" + marker + "B C"),
                E2.replace("SP_PROT_TLS1_0_SERVER", "A\n" + marker + "B"));
        List<String> mutants = new ArrayList<>();
        for (String base : bases) {
            mutants.add(base);
            for (int i = 0; i < base.length(); i++) {
                mutants.add(base.substring(0, i) + base.substring(i + 1));
                for (String inserted :
                        List.of(" ", "x", "7", "\t", "\n", "\r", "\u2028", "\u0085", "\u00A0", "1234567")) {
                    mutants.add(base.substring(0, i) + inserted + base.substring(i));
                }
            }
        }
        return mutants;
    }

    @Test
    void readsEveryVariantExactlyAsTheFormerRegularExpressionDid() {
        List<String> mutants = mutants();
        int parsed = 0;
        for (String text : mutants) {
            Optional<TlsNegotiation> expected = formerParse(text);
            assertEquals(expected, TlsResultLine.parseSuccess(text), text);
            parsed += expected.isPresent() ? 1 : 0;
        }
        assertTrue(parsed > 100 && parsed < mutants.size() / 2, parsed + " of " + mutants.size() + " parsed");
    }
}
