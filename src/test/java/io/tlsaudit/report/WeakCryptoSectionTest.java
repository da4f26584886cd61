package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.IisLogFiles;
import io.tlsaudit.testing.IisLogFiles.Crypto;
import io.tlsaudit.testing.IisLogFiles.Request;
import io.tlsaudit.testing.SmtpConnectionRows;
import io.tlsaudit.testing.SmtpConnectionRows.Certificate;
import io.tlsaudit.testing.SmtpLogFiles;
import io.tlsaudit.testing.TlsSuite;
import io.tlsaudit.testing.WindowedReports;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weak-crypto and legacy-certificates over parsed SMTP and IIS logs with one peer per weakness. */
class WeakCryptoSectionTest {

    private static final String FRONTEND = "EX01\\Default Frontend EX01";
    private static final LocalDateTime START = LocalDateTime.of(2024, 3, 12, 9, 0);
    private static final TlsSuite NULL_CIPHER =
            new TlsSuite("TLS1_0", "24576", 0, "CALG_SHA1", 160, "CALG_RSA_KEYX", 2048);
    private static final Certificate OURS = new Certificate(
            "CN=mail.contoso.com", "CN=Contoso Issuing CA 01", "4F40BF4CDB4C347675193C9A928DFCE69CDCF42E");
    private static final Certificate SCANNER = new Certificate(
            "CN=scan.contoso.com", "CN=Contoso Issuing CA 01", "1111111111111111111111111111111111111111");
    private static final Certificate PARTNER =
            new Certificate("CN=mx.partner.example", "CN=Partner CA", "2222222222222222222222222222222222222222");
    private static final Certificate CUT = new Certificate(
            "CN=unknown.contoso.com", "CN=Contoso Issuing CA 02", "3333333333333333333333333333333333333333");
    private static final String OUTLOOK_2010 =
            "Microsoft Office/14.0 (Windows NT 6.1; Microsoft Outlook 14.0.7268; Pro)";

    @TempDir
    Path folder;

    private Path database;
    private long session;

    private LocalDateTime minute(int minutes) {
        return START.plusMinutes(minutes);
    }

    private SmtpConnectionRows receive(int minute, String address, String name) {
        return SmtpConnectionRows.receive(FRONTEND, SmtpConnectionRows.sessionId(++session), minute(minute), address)
                .peerName(name);
    }

    @BeforeEach
    void ingest() throws Exception {
        Path share = folder.resolve("share");
        Path logs = share.resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog");
        List<String> received = new ArrayList<>();
        for (SmtpConnectionRows connection : List.of(
                receive(1, "203.0.113.5", "FAXGW01")
                        .negotiated(TlsSuite.SSL3_RC4)
                        .ourCertificate(OURS),
                receive(2, "203.0.113.6", "SCAN-KM")
                        .negotiated(TlsSuite.TLS10_3DES)
                        .ourCertificate(OURS),
                receive(3, "203.0.113.6", "SCAN-KM")
                        .negotiated(TlsSuite.TLS10_3DES)
                        .ourCertificate(OURS)
                        .peerCertificate(SCANNER),
                receive(4, "203.0.113.7", "relay.fourthcoffee.com").negotiated(TlsSuite.TLS12_CBC_SHA1),
                receive(5, "203.0.113.8", "mail.fabrikam.com")
                        .negotiated(TlsSuite.TLS12_GCM)
                        .ourCertificate(OURS),
                receive(6, "203.0.113.8", "mail.fabrikam.com").negotiated(TlsSuite.TLS12_GCM),
                receive(7, "203.0.113.8", "mail.fabrikam.com").negotiated(TlsSuite.TLS12_GCM),
                receive(8, "203.0.113.9", "mx.alpineskihouse.com").negotiated(TlsSuite.TLS12_DHE_1024),
                receive(9, "203.0.113.10", "nulltest.example")
                        .negotiated(NULL_CIPHER)
                        .unattributedCertificate(CUT),
                receive(10, "203.0.113.11", "broken.example")
                        .failed("SocketError")
                        .ourCertificate(OURS))) {
            received.addAll(connection.rows());
        }
        SmtpLogFiles.writeLog(logs.resolve("SmtpReceive/RECV2024031209-1.LOG"), "Receive", received);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sent.addAll(SmtpConnectionRows.send(
                            "Partner Relay", SmtpConnectionRows.sessionId(++session), minute(20 + i), "198.51.100.30")
                    .peerName("mx.partner.example")
                    .negotiated(TlsSuite.TLS10_AES_ECDHE)
                    .peerCertificate(PARTNER)
                    .rows());
        }
        SmtpLogFiles.writeLog(logs.resolve("SmtpSend/SEND2024031209-1.LOG"), "Send", sent);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(new Request(
                    minute(30 + i),
                    "/Microsoft-Server-ActiveSync/default.eas",
                    "kim@contoso.com",
                    "203.0.113.171",
                    "Android/4.4.4-EAS-2.0",
                    Crypto.TLS10));
        }
        requests.add(new Request(
                minute(34), "/OAB/", "CONTOSO\\j.klein", "10.20.30.77", OUTLOOK_2010, Crypto.TLS10_3DES_RSA));
        requests.add(new Request(
                minute(35), "/OAB/", "CONTOSO\\j.klein", "10.20.30.77", OUTLOOK_2010, Crypto.TLS10_3DES_RSA));
        requests.add(new Request(
                minute(36), "/rpc/rpcproxy.dll", "CONTOSO\\old.user", "198.51.100.99", "MSRPC", Crypto.SSL3_RC4_MD5));
        requests.add(new Request(minute(37), "/owa/", "CONTOSO\\a.schmidt", "203.0.113.9", "Chrome", Crypto.TLS12));
        requests.add(new Request(minute(38), "/powershell", "CONTOSO\\adm", "10.20.1.50", "WinRM", Crypto.NONE));
        requests.add(new Request(
                minute(39),
                "/owa/",
                "HealthMailbox0d9a@contoso.com",
                "10.0.0.11",
                "AMProbe/Local",
                Crypto.SSL3_RC4_MD5));
        IisLogFiles.write(share.resolve("EX01/W3SVC1/u_ex240312_x.log"), true, requests);
        database = WindowedReports.ingest(share, folder.resolve("audit.duckdb"));
    }

    @Test
    void listsEachWeaknessOfEachPeerWithTheSuite() throws Exception {
        ResultTable weak = WindowedReports.section(database, ReportWindow.ALL, "weak-crypto");
        assertEquals(
                List.of(
                        "source",
                        "direction",
                        "remote_ip",
                        "peer_names",
                        "weakness",
                        "detail",
                        "connections",
                        "last_seen"),
                weak.columns());
        String rc4 = "SSL 3.0 RC4/MD5/RSA_KEYX 1024";
        String tripleDes = "TLS 1.0 3DES/SHA1/RSA_KEYX 2048";
        String nullCipher = "TLS 1.0 NULLCIPHER/SHA1/RSA_KEYX 2048";
        String outlook = "TLS 1.0 3DES/SHA1/RSA_KEYX";
        String msrpc = "SSL 3.0 RC4/MD5/RSA_KEYX";
        assertEquals(
                List.of(
                        smtp("203.0.113.6", "SCAN-KM", "weak cipher", tripleDes, 2, minute(3)),
                        https("10.20.30.77", OUTLOOK_2010, "weak cipher", outlook, 2, minute(35)),
                        smtp("203.0.113.10", "nulltest.example", "weak cipher", nullCipher, 1, minute(9)),
                        smtp("203.0.113.5", "FAXGW01", "weak cipher", rc4, 1, minute(1)),
                        https("198.51.100.99", "MSRPC", "weak cipher", msrpc, 1, minute(36)),
                        https(
                                "203.0.113.171",
                                "Android/4.4.4-EAS-2.0",
                                "weak mac",
                                "TLS 1.0 AES_256/SHA1/ECDHE",
                                3,
                                minute(32)),
                        smtp("203.0.113.6", "SCAN-KM", "weak mac", tripleDes, 2, minute(3)),
                        Arrays.asList(
                                "smtp",
                                "send",
                                "198.51.100.30",
                                "mx.partner.example",
                                "weak mac",
                                "TLS 1.0 AES_128/SHA1/ECDHE 256",
                                2L,
                                minute(21)),
                        https("10.20.30.77", OUTLOOK_2010, "weak mac", outlook, 2, minute(35)),
                        smtp("203.0.113.5", "FAXGW01", "weak mac", rc4, 1, minute(1)),
                        smtp(
                                "203.0.113.7",
                                "relay.fourthcoffee.com",
                                "weak mac",
                                "TLS 1.2 AES_128/SHA1/ECDHE 256",
                                1,
                                minute(4)),
                        https("198.51.100.99", "MSRPC", "weak mac", msrpc, 1, minute(36)),
                        smtp("203.0.113.6", "SCAN-KM", "no forward secrecy", tripleDes, 2, minute(3)),
                        https("10.20.30.77", OUTLOOK_2010, "no forward secrecy", outlook, 2, minute(35)),
                        smtp("203.0.113.10", "nulltest.example", "no forward secrecy", nullCipher, 1, minute(9)),
                        smtp("203.0.113.5", "FAXGW01", "no forward secrecy", rc4, 1, minute(1)),
                        https("198.51.100.99", "MSRPC", "no forward secrecy", msrpc, 1, minute(36)),
                        smtp("203.0.113.5", "FAXGW01", "short key exchange", rc4, 1, minute(1)),
                        smtp(
                                "203.0.113.9",
                                "mx.alpineskihouse.com",
                                "short key exchange",
                                "TLS 1.2 AES_256/SHA_384/DH_EPHEM 1024",
                                1,
                                minute(8))),
                weak.rows());
    }

    private static List<Object> smtp(
            String address, String name, String weakness, String detail, long connections, LocalDateTime last) {
        return Arrays.asList("smtp", "receive", address, name, weakness, detail, connections, last);
    }

    private static List<Object> https(
            String address, String agent, String weakness, String detail, long requests, LocalDateTime last) {
        return Arrays.asList("https", "https", address, agent, weakness, detail, requests, last);
    }

    /**
     * The weaknesses are cipher-inventory's, which the queries cannot share as code: for every SMTP suite,
     * weak-crypto names exactly what cipher-inventory names (the protocol version aside), plus the SHA1 MAC of a
     * CBC suite.
     */
    @Test
    void judgesEverySuiteAsCipherInventoryDoesPlusTheSha1MacOfCbcSuites() throws Exception {
        Map<String, Set<String>> weakCrypto = new TreeMap<>();
        for (List<Object> row : WindowedReports.section(database, ReportWindow.ALL, "weak-crypto")
                .rows()) {
            if (row.get(0).equals("smtp")) {
                weakCrypto
                        .computeIfAbsent((String) row.get(5), detail -> new TreeSet<>())
                        .add((String) row.get(4));
            }
        }
        Map<String, Set<String>> inventory = new TreeMap<>();
        Map<String, String> words = Map.of(
                "weak cipher", "weak cipher",
                "MD5 MAC", "weak mac",
                "no forward secrecy", "no forward secrecy",
                "key exchange under 2048 bits", "short key exchange");
        for (List<Object> row : WindowedReports.section(database, ReportWindow.ALL, "cipher-inventory")
                .rows()) {
            String cipher = (String) row.get(2);
            String mac = (String) row.get(4);
            String detail = row.get(1) + " " + cipher + "/" + mac + "/" + row.get(6) + " " + row.get(7);
            Set<String> judged = new TreeSet<>();
            if (row.get(10) != null) {
                for (String weakness : ((String) row.get(10)).split("; ")) {
                    if (words.containsKey(weakness)) {
                        judged.add(words.get(weakness));
                    }
                }
            }
            if (mac.equals("SHA1") && (cipher.startsWith("AES") || cipher.contains("DES") || cipher.equals("RC2"))) {
                judged.add("weak mac");
            }
            if (!judged.isEmpty()) {
                inventory.merge(detail, judged, (a, b) -> {
                    a.addAll(b);
                    return a;
                });
            }
        }
        assertEquals(inventory, weakCrypto);
        assertEquals(6, inventory.size(), "every weak SMTP suite of the fixture: " + inventory.keySet());
    }

    @Test
    void listsTheCertificatesOfLegacyConnectionsByRole() throws Exception {
        ResultTable certificates = WindowedReports.section(database, ReportWindow.ALL, "legacy-certificates");
        assertEquals(
                List.of(
                        "direction",
                        "role",
                        "subject",
                        "issuer",
                        "thumbprint",
                        "legacy_connections",
                        "peers",
                        "last_seen"),
                certificates.columns());
        assertEquals(
                List.of(
                        // Ours on the fax and both scanner sessions; the TLS 1.2 and failed sessions do not count.
                        certificate("receive", "ours", OURS, 3, 2, minute(3)),
                        certificate("send", "peer", PARTNER, 2, 1, minute(21)),
                        certificate("receive", "peer", SCANNER, 1, 1, minute(3)),
                        certificate("receive", "role not logged", CUT, 1, 1, minute(9))),
                certificates.rows());
    }

    private static List<Object> certificate(
            String direction, String role, Certificate certificate, long connections, long peers, LocalDateTime last) {
        return List.of(
                direction,
                role,
                certificate.subject(),
                certificate.issuer(),
                certificate.thumbprint(),
                connections,
                peers,
                last);
    }
}
