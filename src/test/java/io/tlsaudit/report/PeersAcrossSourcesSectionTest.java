package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.IisLogFiles;
import io.tlsaudit.testing.IisLogFiles.Crypto;
import io.tlsaudit.testing.IisLogFiles.Request;
import io.tlsaudit.testing.SmtpConnectionRows;
import io.tlsaudit.testing.SmtpLogFiles;
import io.tlsaudit.testing.TlsSuite;
import io.tlsaudit.testing.WindowedReports;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * peers-across-sources: an address seen over SMTP and over HTTPS appears once with all its entry points; addresses
 * of one source only, probes and connections without an SMTP dialogue do not make an address "seen in both".
 */
class PeersAcrossSourcesSectionTest {

    private static final String FRONTEND = "EX01\\Default Frontend EX01";
    private static final LocalDateTime START = LocalDateTime.of(2024, 3, 12, 9, 0);

    @TempDir
    Path folder;

    private long session;

    private LocalDateTime minute(int minutes) {
        return START.plusMinutes(minutes);
    }

    private SmtpConnectionRows receive(int minute, String address, String name) {
        return SmtpConnectionRows.receive(FRONTEND, SmtpConnectionRows.sessionId(++session), minute(minute), address)
                .peerName(name);
    }

    @Test
    void listsEachAddressOfBothSourcesOnceWithEveryEntryPoint() throws Exception {
        Path share = folder.resolve("share");
        Path logs = share.resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog");
        List<String> received = new ArrayList<>();
        for (SmtpConnectionRows connection : List.of(
                receive(1, "10.30.2.41", "MFP-2OG").negotiated(TlsSuite.TLS11_AES_ECDHE),
                receive(2, "10.30.2.41", "MFP-2OG").negotiated(TlsSuite.TLS11_AES_ECDHE),
                receive(3, "198.51.100.25", "mail.fabrikam.com").negotiated(TlsSuite.TLS12_GCM),
                receive(4, "10.20.5.17", "APPSRV17").plaintext(),
                receive(5, "203.0.113.40", "smtp-only.example").negotiated(TlsSuite.TLS10_3DES),
                receive(6, "10.0.0.12", "EX02.corp.contoso.com").negotiated(TlsSuite.TLS12_GCM),
                receive(7, "10.0.0.5", "-").noDialogue())) {
            received.addAll(connection.rows());
        }
        SmtpLogFiles.writeLog(logs.resolve("SmtpReceive/RECV2024031209-1.LOG"), "Receive", received);
        SmtpLogFiles.writeLog(
                logs.resolve("SmtpSend/SEND2024031209-1.LOG"),
                "Send",
                SmtpConnectionRows.send(
                                "Internet Send Connector",
                                SmtpConnectionRows.sessionId(++session),
                                minute(8),
                                "198.51.100.25")
                        .peerName("mx.fabrikam.com")
                        .negotiated(TlsSuite.TLS10_AES_ECDHE)
                        .rows());
        IisLogFiles.write(
                share.resolve("EX01/W3SVC1/u_ex240312_x.log"),
                true,
                List.of(
                        new Request(
                                minute(10),
                                "/EWS/Exchange.asmx",
                                "CONTOSO\\scan-svc",
                                "10.30.2.41",
                                "Kyocera",
                                Crypto.TLS11),
                        new Request(
                                minute(11),
                                "/EWS/Exchange.asmx",
                                "CONTOSO\\scan-svc",
                                "10.30.2.41",
                                "Kyocera",
                                Crypto.TLS11),
                        new Request(
                                minute(12),
                                "/EWS/Exchange.asmx",
                                "CONTOSO\\scan-svc",
                                "10.30.2.41",
                                "Kyocera",
                                Crypto.TLS11),
                        new Request(
                                minute(13),
                                "/Autodiscover/Autodiscover.xml",
                                "FABRIKAM\\freebusy",
                                "198.51.100.25",
                                "ExchangeServicesClient",
                                Crypto.TLS12),
                        new Request(
                                minute(14),
                                "/EWS/Exchange.asmx",
                                "FABRIKAM\\freebusy",
                                "198.51.100.25",
                                "ExchangeServicesClient",
                                Crypto.TLS12),
                        new Request(
                                minute(15),
                                "/EWS/Exchange.asmx",
                                "FABRIKAM\\freebusy",
                                "198.51.100.25",
                                "ExchangeServicesClient",
                                Crypto.TLS12),
                        new Request(minute(16), "/powershell", "CONTOSO\\erp", "10.20.5.17", "WinRM", Crypto.NONE),
                        new Request(
                                minute(17),
                                "/Microsoft-Server-ActiveSync/default.eas",
                                "CONTOSO\\erp",
                                "10.20.5.17",
                                "ERP",
                                Crypto.TLS12),
                        new Request(minute(18), "/owa/", "CONTOSO\\erp", "10.20.5.17", "ERP", Crypto.TLS12),
                        new Request(minute(19), "/owa/", "CONTOSO\\lee", "203.0.113.41", "Edge", Crypto.TLS10),
                        new Request(
                                minute(20),
                                "/owa/",
                                "HealthMailbox0d9a@contoso.com",
                                "10.0.0.12",
                                "AMProbe/Local",
                                Crypto.TLS12),
                        new Request(minute(21), "/owa/", "-", "10.0.0.5", "HealthCheck", Crypto.TLS12)));
        Path database = WindowedReports.ingest(share, folder.resolve("audit.duckdb"));

        ResultTable both = WindowedReports.section(database, ReportWindow.ALL, "peers-across-sources");

        assertEquals(
                List.of(
                        "remote_ip",
                        "entry_points",
                        "peer_names",
                        "users",
                        "smtp_connections",
                        "https_requests",
                        "legacy",
                        "legacy_only",
                        "first_seen",
                        "last_seen"),
                both.columns());
        assertEquals(
                List.of(
                        // Legacy in both sources and never TLS 1.2: the printer breaks twice.
                        List.of(
                                "10.30.2.41",
                                "SMTP in, EWS",
                                "MFP-2OG",
                                "CONTOSO\\scan-svc",
                                2L,
                                3L,
                                true,
                                true,
                                minute(1),
                                minute(12)),
                        // TLS 1.0 only where Exchange sends to it.
                        List.of(
                                "198.51.100.25",
                                "SMTP in, SMTP out, EWS, Autodiscover",
                                "mail.fabrikam.com, mx.fabrikam.com",
                                "FABRIKAM\\freebusy",
                                2L,
                                3L,
                                true,
                                false,
                                minute(3),
                                minute(15)),
                        List.of(
                                "10.20.5.17",
                                "SMTP in, OWA, ActiveSync, PowerShell",
                                "APPSRV17",
                                "CONTOSO\\erp",
                                1L,
                                3L,
                                false,
                                false,
                                minute(4),
                                minute(18))),
                both.rows());
    }
}
