package io.tlsaudit.parse.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.TlsProtocol;
import io.tlsaudit.testing.SmtpLogFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fact of each kind of row and the values it carries, read from files as Exchange writes them (constructed
 * values). {@code <} and {@code >} rows swap speakers between Receive and Send logs.
 */
class SmtpFactsTest {

    @TempDir
    Path folder;

    private final List<LineProblem> problems = new ArrayList<>();

    /** Reads rows whose {@code event,data,context} columns are given, under the header of {@code direction}. */
    private List<SmtpRecord> read(String direction, String... tails) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < tails.length; i++) {
            rows.add("2024-03-12T10:00:00.000Z,EX01\\Default Frontend EX01,08DC3B4192B4E001," + i
                    + ",10.0.0.11:25,203.0.113.70:50211," + tails[i]);
        }
        Path file = SmtpLogFiles.writeLog(folder.resolve("log.LOG"), direction, rows);
        List<SmtpRecord> read = SmtpLogFiles.read(file, problems);
        assertEquals(List.of(), problems);
        assertEquals(tails.length, read.size());
        return read;
    }

    private SmtpRecord one(String direction, String tail) {
        return read(direction, tail).get(0);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Receive: the peer is the client (<), Exchange the server (>)
                "Receive | <,EHLO mail.fabrikam.com,                 | HELLO",
                "Receive | <,helo legacyapp,                         | HELLO",
                "Receive | <,STARTTLS,                               | STARTTLS",
                "Receive | <,starttls,                               | STARTTLS",
                "Receive | <,X-ANONYMOUSTLS,                         | ANONYMOUS_TLS",
                "Receive | <,MAIL FROM:<a@fabrikam.com> SIZE=100,    | MAIL_FROM",
                "Receive | <,AUTH LOGIN,                             | AUTH",
                "Receive | <,RCPT TO:<b@contoso.com>,                | OTHER_COMMAND",
                "Receive | <,STARTTLS now,                           | OTHER_COMMAND",
                "Receive | <,250 looks like a reply,                 | OTHER_COMMAND",
                "Receive | >,250  EX01.contoso.com Hello [203.0.113.70] STARTTLS, | REPLY_250",
                "Receive | >,220 2.0.0 SMTP server ready,            | REPLY_220",
                "Receive | >,454 4.7.0 TLS not available due to local problem, | REFUSAL",
                "Receive | >,550 5.7.1 Unable to relay,              | REFUSAL",
                "Receive | >,334 <authentication response>,         | OTHER_REPLY",
                "Receive | >,EHLO looks like a command,               | OTHER_REPLY",
                // Send: Exchange is the client (>), the peer the server (<)
                "Send    | >,EHLO mail.contoso.com,                  | HELLO",
                "Send    | >,STARTTLS,                               | STARTTLS",
                "Send    | <,250-mx.fabrikam.com Hello [192.0.2.25], | REPLY_250",
                "Send    | <,220 mx.fabrikam.com ESMTP,              | REPLY_220",
                "Send    | <,EHLO looks like a command,              | OTHER_REPLY",
                // connect and disconnect
                "Receive | +,,                                       | CONNECT",
                "Receive | -,,Local                                  | DISCONNECT",
                // information rows
                "Receive | *,,TLS negotiation failed with error SocketError | TLS_FAILURE",
                "Receive | *,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk encryption algorithm CALG_3DES with str\" | TLS_BROKEN",
                "Receive | *,,TLS something else                     | OTHER_INFORMATION",
                "Receive | *,,Sending certificate                    | CERTIFICATE_ROLE",
                "Receive | *,,Remote certificate                     | CERTIFICATE_ROLE",
                "Send    | *,,Received certificate                   | CERTIFICATE_ROLE",
                "Receive | *,,Validated received certificate         | CERTIFICATE_ROLE",
                "Receive | *,CN=smtp.fabrikam.com,Certificate subject | CERTIFICATE_FIELD",
                "Receive | *,,Certificate subject                    | OTHER_INFORMATION",
                "Receive | *,0A4F92C7D1E38B56,Certificate serial number | OTHER_INFORMATION",
                "Receive | *,,User Name: m.jansen@contoso.com        | USER_NAME",
                "Receive | *,,Inbound AUTH LOGIN failed because of LogonDenied | AUTH_FAILED",
                "Send    | *,,Outbound Authentication failed with LogonDenied | AUTH_FAILED",
                "Receive | *,,Inbound AUTH LOGIN succeeded           | OTHER_INFORMATION",
                "Send    | *,,attempting to connect                  | CONNECT_ATTEMPT",
                "Send    | *,,\"Failed to connect. Winsock error code: 10061, Win32 error code: 10061\" | CONNECT_FAILED",
                "Send    | *,SendRoutingHeaders,Set Session Permissions | OTHER_INFORMATION",
            })
    void readsTheFactOfEachKindOfRow(String direction, String tail, SmtpFact fact) {
        assertEquals(fact, one(direction, tail).fact());
    }

    @Test
    void linesOfAFileWithoutDirectionAreUnattributed() {
        Path file = SmtpLogFiles.write(
                folder.resolve("nohead.LOG"),
                List.of(
                        SmtpLogFiles.FIELDS,
                        "2024-03-12T10:00:00.000Z,c,08DC3B4192B4E001,1,,,<,EHLO a.example,",
                        "2024-03-12T10:00:00.000Z,c,08DC3B4192B4E001,2,,,*,,attempting to connect"));
        List<SmtpRecord> rows = SmtpLogFiles.read(file, problems);
        assertEquals(SmtpFact.UNATTRIBUTED_LINE, rows.get(0).fact());
        assertEquals(SmtpFact.CONNECT_ATTEMPT, rows.get(1).fact(), "information rows need no direction");
    }

    @Test
    void helloCarriesTheNameWithDoubleEncodingUndone() {
        assertEquals(
                "münchen-gw.example",
                one("Receive", "<,EHLO  mÃ¼nchen-gw.example ,").helloName());
        assertEquals("", one("Receive", "<,EHLO ,").helloName());
    }

    @Test
    void mailFromCarriesTheSenderDomainLowerCased() {
        List<SmtpRecord> rows = read(
                "Receive",
                "<,MAIL FROM:<Alerts@App.Contoso.com> SIZE=2048,",
                "<,MAIL FROM:<>,",
                "<,MAIL FROM: ops@fabrikam.com,",
                "<,MAIL FROM:<a@bÃ¼ro.example,");
        assertEquals("app.contoso.com", rows.get(0).senderDomain());
        assertNull(rows.get(1).senderDomain(), "the null sender");
        assertEquals("fabrikam.com", rows.get(2).senderDomain());
        assertEquals("büro.example", rows.get(3).senderDomain());
    }

    @Test
    void authCarriesTheMechanismAsSent() {
        assertEquals("ntlm", one("Receive", "<,AUTH ntlm TlRMTVNTUAABAAAA,").authMechanism());
    }

    @Test
    void replyOfTwoHundredFiftyTellsWhetherStarttlsIsOfferedAndNamesItsHost() {
        List<SmtpRecord> rows = read(
                "Send",
                "<,250 mx1.fabrikam.com Hello [] SIZE 52428800 PIPELINING STARTTLS 8BITMIME,",
                "<,250-STARTTLS,",
                "<,250 XSTARTTLS CHUNKING,",
                "<,250-SIZE 52428800,",
                "<,250 STARTTLS-LIKE,");
        assertTrue(rows.get(0).advertisesStarttls());
        assertEquals("mx1.fabrikam.com", rows.get(0).replyHost());
        assertTrue(rows.get(1).advertisesStarttls(), "after a dash");
        assertNull(rows.get(1).replyHost(), "a capability line names no host");
        assertFalse(rows.get(2).advertisesStarttls(), "part of another word");
        assertNull(rows.get(3).replyHost());
        assertFalse(rows.get(4).advertisesStarttls());
    }

    @Test
    void bannerNamesItsHostUnlessItIsTheStarttlsReply() {
        List<SmtpRecord> rows = read(
                "Send",
                "<,\"220 smtp-in.tailspintoys.com Microsoft ESMTP MAIL Service ready at Tue, 12 Mar 2024 13:26:40 +0000\",",
                "<,220 2.0.0 SMTP server ready,");
        assertEquals("smtp-in.tailspintoys.com", rows.get(0).replyHost());
        assertNull(rows.get(1).replyHost());
    }

    @Test
    void refusalCarriesItsCodes() {
        List<SmtpRecord> rows =
                read("Receive", ">,454 4.7.0 TLS not available due to local problem,", ">,554 no thanks,");
        assertEquals("454 4.7.0", rows.get(0).refusalCode());
        assertEquals("554", rows.get(1).refusalCode());
    }

    @Test
    void tlsSuccessCarriesTheNegotiationAndFailureItsError() {
        List<SmtpRecord> rows = read(
                "Receive",
                "*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk encryption algorithm"
                        + " CALG_3DES with strength 168 bits, MAC hash algorithm CALG_SHA1 with strength 160 bits and key"
                        + " exchange algorithm CALG_RSA_KEYX with strength 2048 bits\"",
                "*,,TLS negotiation failed with error UnknownCredentials");
        assertEquals(SmtpFact.TLS_SUCCESS, rows.get(0).fact());
        assertEquals(
                Optional.of(TlsProtocol.TLS_1_0), rows.get(0).tlsNegotiation().protocol());
        assertEquals("3DES", rows.get(0).tlsNegotiation().cipher());
        assertEquals(2048, rows.get(0).tlsNegotiation().keyExchangeBits());
        assertEquals("UnknownCredentials", rows.get(1).tlsError());
    }

    @Test
    void certificateRowsCarryRoleFieldAndValue() {
        List<SmtpRecord> rows = read(
                "Send",
                "*,,Sending certificate",
                "*,\" CN=smtp-out.contoso.com\",Certificate subject",
                "*,\"CN=Woodgrove TLS Issuing CA G3, O=Woodgrove Bank, C=NO\",Certificate issuer name",
                "*,2c7e91a04f6b3d85e2a9c07b5d13f8e64a0c92b7,Certificate thumbprint",
                "*,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,Certificate thumbprint",
                "*,,Received certificate",
                "*, CN=mail.contoso.com CN=Contoso Issuing CA 01 4F0000002A7B91C3D5E6F70812000000002A"
                        + " 9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24 2023-09-18T08:30:00.000Z,Sending certificate"
                        + " Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names");
        assertEquals(CertificateRole.LOCAL, rows.get(0).certificateRole());
        assertNull(rows.get(0).singleRowCertificate(), "the multi-row layout's role row carries no certificate");
        assertEquals(CertificateField.SUBJECT, rows.get(1).certificateField());
        assertEquals("CN=smtp-out.contoso.com", rows.get(1).certificateValue());
        assertEquals(CertificateField.ISSUER, rows.get(2).certificateField());
        assertEquals(
                "CN=Woodgrove TLS Issuing CA G3, O=Woodgrove Bank, C=NO",
                rows.get(2).certificateValue());
        assertEquals(CertificateField.THUMBPRINT, rows.get(3).certificateField());
        assertEquals("2C7E91A04F6B3D85E2A9C07B5D13F8E64A0C92B7", rows.get(3).certificateValue());
        assertEquals("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", rows.get(4).certificateValue(), "masked: as written");
        assertEquals(CertificateRole.PEER, rows.get(5).certificateRole());
        assertEquals(CertificateRole.LOCAL, rows.get(6).certificateRole());
        SingleRowCertificate single = rows.get(6).singleRowCertificate();
        assertEquals(Optional.of("CN=mail.contoso.com"), single.subject());
        assertEquals(Optional.of("CN=Contoso Issuing CA 01"), single.issuer());
        assertEquals(Optional.of("9C41E7A2B05D3F68C1E49A7D02B6F35E8A1C7D24"), single.thumbprint());
    }

    @Test
    void userNameRowCarriesTheName() {
        assertEquals(
                "m.jansen@contoso.com",
                one("Receive", "*,,User Name:  m.jansen@contoso.com ").userName());
    }

    @Test
    void connectFailedAndDisconnectCarryTheirReasonInContext() {
        List<SmtpRecord> rows = read(
                "Send",
                "*,,\"Failed to connect. Winsock error code: 10060, Win32 error code: 10060\"",
                "-,,Remote(ConnectionReset)");
        assertEquals(
                "Failed to connect. Winsock error code: 10060, Win32 error code: 10060",
                rows.get(0).context());
        assertEquals("Remote(ConnectionReset)", rows.get(1).context());
    }
}
