package io.tlsaudit.parse.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
