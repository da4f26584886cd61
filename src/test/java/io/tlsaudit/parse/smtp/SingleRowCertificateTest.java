package io.tlsaudit.parse.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The single-row certificate layout (layout (c) in docs/log-formats.md, 'Certificate layouts'), constructed values. */
class SingleRowCertificateTest {

    @Test
    void splitsNewerLabelSetRowOfExampleE1() {
        String data = " CN=mail.contoso.com CN=Contoso Issuing CA 01 4F0000002A7B91C3D5E6F70812000000002A"
                + " 9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24 2023-09-18T08:30:00.000Z 2025-09-17T08:30:00.000Z"
                + " mail.contoso.com;autodiscover.contoso.com;EX01.contoso.com";
        assertEquals(
                new SingleRowCertificate(
                        Optional.of("CN=mail.contoso.com"),
                        Optional.of("CN=Contoso Issuing CA 01"),
                        Optional.of("9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24")),
                SingleRowCertificate.parse(data));
    }

    @Test
    void splitsNewerLabelSetRowOfExampleE2() {
        String data = " CN=EX02.corp.contoso.com CN=Contoso Issuing CA 02 61000000B3C4D2E1F0A9B8C70000000000B3"
                + " 7D2A90C4E1B3F5869A0C2E4D6B8F1A3C5E7092B4 2023-11-02T10:00:00.000Z 2025-11-01T10:00:00.000Z"
                + " EX02.corp.contoso.com;smtp-scan.contoso.com";
        assertEquals(
                new SingleRowCertificate(
                        Optional.of("CN=EX02.corp.contoso.com"),
                        Optional.of("CN=Contoso Issuing CA 02"),
                        Optional.of("7D2A90C4E1B3F5869A0C2E4D6B8F1A3C5E7092B4")),
                SingleRowCertificate.parse(data));
    }

    @Test
    void splitsQuotedDistinguishedNamesOfExampleE9() {
        // The data value after CSV unquoting: the doubled quotes of the file are single here.
        String data = " CN=relay.contoso.com, OU=Messaging, O=Contoso Pharmaceuticals, L=Lisbon, C=PT"
                + " CN=Northwind RSA Server CA 2015, O=\"Northwind Traders, Inc.\", C=US"
                + " 3A7F0C19E24B8D56A1C0F3E98B27D4C1 6E2B94D0C7A15F83E9D24B60A7C3F18D5B09E2A4"
                + " relay.contoso.com;smtp.contoso.com";
        assertEquals(
                new SingleRowCertificate(
                        Optional.of("CN=relay.contoso.com, OU=Messaging, O=Contoso Pharmaceuticals, L=Lisbon, C=PT"),
                        Optional.of("CN=Northwind RSA Server CA 2015, O=\"Northwind Traders, Inc.\", C=US"),
                        Optional.of("6E2B94D0C7A15F83E9D24B60A7C3F18D5B09E2A4")),
                SingleRowCertificate.parse(data));
    }

    @Test
    void takesThumbprintAfterSerialNumberOfFortyHexDigits() {
        // RFC 5280 serials reach 20 bytes (OpenSSL's self-signed default): 40 hex digits like the thumbprint. The
        // labels fix the order "Subject Issuer name Serial number Thumbprint ...": the thumbprint follows.
        String data = " CN=mx.fabrikam.com CN=mx.fabrikam.com 1F2E3D4C5B6A79880716253443526170A1B2C3D4"
                + " 5B8E1F0A3C6D9247E1B0A5C8F3D6E9214B7A0C53 2024-01-02T00:00:00.000Z 2026-01-01T00:00:00.000Z"
                + " mx.fabrikam.com";
        assertEquals(
                new SingleRowCertificate(
                        Optional.of("CN=mx.fabrikam.com"),
                        Optional.of("CN=mx.fabrikam.com"),
                        Optional.of("5B8E1F0A3C6D9247E1B0A5C8F3D6E9214B7A0C53")),
                SingleRowCertificate.parse(data));
    }

    @Test
    void upperCasesLowerCaseThumbprint() {
        SingleRowCertificate certificate =
                SingleRowCertificate.parse(" CN=a.example CN=Issuer 0A1B 9c41e7a2b05d3f68c1e49a7d02b6f35e8a1c7d24");
        assertEquals(Optional.of("9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24"), certificate.thumbprint());
        assertEquals(Optional.of("CN=a.example"), certificate.subject());
        assertEquals(Optional.of("CN=Issuer"), certificate.issuer());
    }

    @Test
    void findsNothingWithoutThumbprint() {
        // Masked values (as in published excerpts) or a different record: nothing can be located reliably.
        assertEquals(
                new SingleRowCertificate(Optional.empty(), Optional.empty(), Optional.empty()),
                SingleRowCertificate.parse(" CN=relay.contoso.com CN=**** **************** ****************"));
        assertEquals(
                new SingleRowCertificate(Optional.empty(), Optional.empty(), Optional.empty()),
                SingleRowCertificate.parse(""));
    }

    @Test
    void keepsSeveralCommonNamesOfTheSubjectTogether() {
        SingleRowCertificate certificate =
                SingleRowCertificate.parse(" CN=mail.contoso.com, CN=Users, DC=contoso, DC=com"
                        + " CN=Contoso Issuing CA 01 4F0000002A7B91C3D5E6F70812000000002A"
                        + " 9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24 mail.contoso.com");
        assertEquals(Optional.of("CN=mail.contoso.com, CN=Users, DC=contoso, DC=com"), certificate.subject());
        assertEquals(Optional.of("CN=Contoso Issuing CA 01"), certificate.issuer());
        assertEquals(Optional.of("9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24"), certificate.thumbprint());
    }

    // ---- the parse by index against the split-and-join parse it replaced ----

    /** The former parse, kept as the reference the one by index must agree with. */
    private static SingleRowCertificate formerParse(String data) {
        String[] tokens = data.trim().split(" ");
        int thumbprintIndex = -1;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].length() == 40 && formerIsHex(tokens[i])) {
                thumbprintIndex = i;
                break;
            }
        }
        if (thumbprintIndex < 0) {
            return new SingleRowCertificate(Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (thumbprintIndex + 1 < tokens.length
                && tokens[thumbprintIndex + 1].length() == 40
                && formerIsHex(tokens[thumbprintIndex + 1])) {
            thumbprintIndex++;
        }
        int namesEnd = thumbprintIndex;
        if (namesEnd > 0 && formerIsHex(tokens[namesEnd - 1])) {
            namesEnd--;
        }
        String names = String.join(" ", Arrays.asList(tokens).subList(0, namesEnd));
        int issuerStart = -1;
        for (int from = 1; ; from = issuerStart + 1) {
            issuerStart = names.indexOf(" CN=", from);
            if (issuerStart < 0 || names.charAt(issuerStart - 1) != ',') {
                break;
            }
        }
        if (issuerStart > 0) {
            return new SingleRowCertificate(
                    Optional.of(names.substring(0, issuerStart).trim()),
                    Optional.of(names.substring(issuerStart + 1).trim()),
                    Optional.of(tokens[thumbprintIndex].toUpperCase(Locale.ROOT)));
        }
        return new SingleRowCertificate(
                names.isBlank() ? Optional.empty() : Optional.of(names.trim()),
                Optional.empty(),
                Optional.of(tokens[thumbprintIndex].toUpperCase(Locale.ROOT)));
    }

    private static boolean formerIsHex(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (Character.digit(token.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void readsEveryVariantAsTheFormerSplitAndJoinDid() {
        String thumbprint = "9c41e7a2b05d3f68c1e49a7d02b6f35e8a1c7d24";
        String serial40 = "5A00000017C2D4E6F8091A2B3C0000000000170A";
        List<String> bases = List.of(
                " CN=mail.contoso.com CN=Contoso Issuing CA 01 4F0000002A7B91C3D5E6F70812000000002A " + thumbprint
                        + " 2023-09-18T08:30:00.000Z mail.contoso.com",
                " CN=a, O=b CN=c, O=\"d, e\" " + serial40 + " " + thumbprint + " x",
                thumbprint,
                " 0A " + thumbprint,
                " CN=x  CN=y  01 " + thumbprint + "  z",
                "no thumbprint here at all",
                "",
                "   ");
        int checked = 0;
        for (String base : bases) {
            List<String> variants = new ArrayList<>(List.of(base));
            for (int i = 0; i < base.length(); i++) {
                variants.add(base.substring(0, i) + base.substring(i + 1));
                variants.add(base.substring(0, i) + " " + base.substring(i));
                variants.add(base.substring(0, i) + "\uFF10" + base.substring(i)); // a full-width digit
            }
            for (String variant : variants) {
                assertEquals(formerParse(variant), SingleRowCertificate.parse(variant), variant);
                checked++;
            }
        }
        assertTrue(checked > 1000, checked + " variants");
    }
}
