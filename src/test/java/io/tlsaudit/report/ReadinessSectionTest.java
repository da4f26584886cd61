package io.tlsaudit.report;

import static io.tlsaudit.testing.SmtpConnectionRows.receive;
import static io.tlsaudit.testing.SmtpConnectionRows.send;
import static io.tlsaudit.testing.SmtpConnectionRows.sessionId;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readiness section over a small hand-written share whose every number is counted by hand in the comments: which
 * entry points lose connections, and which peers there negotiate nothing newer, if legacy TLS were switched off.
 */
class ReadinessSectionTest {

    private static final String FRONTEND = "EX01\\Default Frontend EX01";
    private static final String SCANNERS = "EX01\\Scanner Relay EX01";
    private static final String INTERNET = "Internet Send Connector";
    private static final String EX02_FRONTEND = "EX02\\Default Frontend EX02";
    private static final String ANDROID = "Android/4.4.4-EAS-2.0";
    private static final String IPHONE = "Apple-iPhone15C2/2104.114";
    private static final String EWS_CLIENT = "ExchangeServicesClient/15.00.0913.015";

    @TempDir
    Path folder;

    private long sessions;
    private LocalDateTime clock = LocalDateTime.of(2024, 3, 12, 9, 0);

    /** The next connection, a minute after the one before, with a session id of its own. */
    private SmtpConnectionRows next(boolean receive, String connector, String remoteIp, String peerName) {
        clock = clock.plusMinutes(1);
        SmtpConnectionRows rows = receive
                ? receive(connector, sessionId(++sessions), clock, remoteIp)
                : send(connector, sessionId(++sessions), clock, remoteIp);
        return rows.peerName(peerName);
    }

    private static List<String> rows(List<SmtpConnectionRows> connections) {
        List<String> rows = new ArrayList<>();
        connections.forEach(connection -> rows.addAll(connection.rows()));
        return rows;
    }

    private ResultTable readiness() throws Exception {
        Path share = folder.resolve("share");
        Path ex01 = share.resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog");
        SmtpLogFiles.writeLog(
                ex01.resolve("SmtpReceive/RECV2024031209-1.LOG"),
                "Receive",
                rows(List.of(
                        // Default Frontend: 10 connections with a dialogue, 4 of them legacy; legacy-only are
                        // 203.0.113.5 (2 connections) and 10.30.2.41 (1); 198.51.100.7 also negotiates TLS 1.2.
                        next(true, FRONTEND, "203.0.113.5", "mail.fabrikam.com").negotiated(TlsSuite.TLS10_3DES),
                        next(true, FRONTEND, "203.0.113.5", "mail.fabrikam.com").negotiated(TlsSuite.TLS10_3DES),
                        next(true, FRONTEND, "203.0.113.6", "mx.tailspintoys.com")
                                .negotiated(TlsSuite.TLS12_GCM),
                        next(true, FRONTEND, "203.0.113.6", "mx.tailspintoys.com")
                                .negotiated(TlsSuite.TLS12_GCM),
                        next(true, FRONTEND, "203.0.113.6", "mx.tailspintoys.com")
                                .negotiated(TlsSuite.TLS12_GCM),
                        next(true, FRONTEND, "198.51.100.7", "smtp.northwind.com")
                                .negotiated(TlsSuite.TLS11_AES_ECDHE),
                        next(true, FRONTEND, "198.51.100.7", "smtp.northwind.com")
                                .negotiated(TlsSuite.TLS12_GCM),
                        next(true, FRONTEND, "10.30.2.41", "MFP-2OG").negotiated(TlsSuite.SSL3_RC4),
                        next(true, FRONTEND, "10.20.5.17", "APPSRV17").plaintext(),
                        next(true, FRONTEND, "192.0.2.9", "scan.example").failed("SocketError"),
                        // Load-balancer probes: no SMTP dialogue, not counted.
                        next(true, FRONTEND, "10.0.0.5", "-").noDialogue(),
                        next(true, FRONTEND, "10.0.0.5", "-").noDialogue(),
                        // Scanner Relay: 6 connections, all legacy, from 4 legacy-only scanners.
                        next(true, SCANNERS, "10.40.8.23", "SCAN-A").negotiated(TlsSuite.TLS10_3DES),
                        next(true, SCANNERS, "10.40.8.23", "SCAN-A").negotiated(TlsSuite.TLS10_3DES),
                        next(true, SCANNERS, "10.40.8.23", "SCAN-A").negotiated(TlsSuite.TLS10_3DES),
                        next(true, SCANNERS, "10.40.8.26", "SCAN-D").negotiated(TlsSuite.TLS10_AES_ECDHE),
                        next(true, SCANNERS, "10.40.8.25", "SCAN-C").negotiated(TlsSuite.TLS10_AES_ECDHE),
                        next(true, SCANNERS, "10.40.8.24", "SCAN-B").negotiated(TlsSuite.TLS10_AES_ECDHE))));
        SmtpLogFiles.writeLog(
                ex01.resolve("SmtpSend/SEND2024031209-1.LOG"),
                "Send",
                rows(List.of(
                        // 3 connections with a dialogue, 2 legacy, to one legacy-only destination.
                        next(false, INTERNET, "198.51.100.30", "mx.partner.example")
                                .negotiated(TlsSuite.TLS10_AES_ECDHE),
                        next(false, INTERNET, "198.51.100.30", "mx.partner.example")
                                .negotiated(TlsSuite.TLS10_AES_ECDHE),
                        next(false, INTERNET, "198.51.100.31", "mx.modern.example")
                                .negotiated(TlsSuite.TLS12_GCM),
                        next(false, INTERNET, "198.51.100.32", "mx.silent.example")
                                .noDialogue())));
        SmtpLogFiles.writeLog(
                share.resolve("EX02/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031209-1.LOG"),
                "Receive",
                rows(List.of(
                        // STARTTLS without result rows and one plaintext peer: only the plaintext one is known.
                        next(true, EX02_FRONTEND, "192.0.2.50", "old.example").unlogged(),
                        next(true, EX02_FRONTEND, "192.0.2.50", "old.example").unlogged(),
                        next(true, EX02_FRONTEND, "192.0.2.51", "plain.example").plaintext())));
        LocalDateTime at = LocalDateTime.of(2024, 3, 12, 8, 0);
        List<Request> ex01Requests = new ArrayList<>();
        // ActiveSync: 9 requests, 6 legacy; kim's Android is legacy-only, p.vogel's iPhone also does TLS 1.2.
        ex01Requests.addAll(times(
                5,
                new Request(
                        at,
                        "/Microsoft-Server-ActiveSync/default.eas",
                        "kim@contoso.com",
                        "203.0.113.171",
                        ANDROID,
                        Crypto.TLS10)));
        ex01Requests.addAll(times(
                2,
                new Request(
                        at,
                        "/Microsoft-Server-ActiveSync/default.eas",
                        "l.meyer@contoso.com",
                        "198.51.100.58",
                        IPHONE,
                        Crypto.TLS12)));
        ex01Requests.add(new Request(
                at,
                "/Microsoft-Server-ActiveSync/default.eas",
                "p.vogel@contoso.com",
                "198.51.100.60",
                IPHONE,
                Crypto.TLS10));
        ex01Requests.add(new Request(
                at,
                "/Microsoft-Server-ActiveSync/default.eas",
                "p.vogel@contoso.com",
                "198.51.100.60",
                IPHONE,
                Crypto.TLS12));
        // EWS: 4 legacy requests from one client: the script's request without a user name (its 401 challenge) is
        // the script's, the only named user of that address and agent there.
        ex01Requests.addAll(times(
                3, new Request(at, "/EWS/Exchange.asmx", "CONTOSO\\svc-crm", "10.20.5.30", EWS_CLIENT, Crypto.TLS11)));
        ex01Requests.add(new Request(at, "/EWS/Exchange.asmx", null, "10.20.5.30", EWS_CLIENT, Crypto.TLS11));
        // OWA: 4 modern requests; the Managed Availability probe's 2 legacy ones are left out.
        ex01Requests.addAll(
                times(4, new Request(at, "/owa/", "CONTOSO\\a.schmidt", "203.0.113.9", "Mozilla/5.0", Crypto.TLS12)));
        ex01Requests.addAll(times(
                2,
                new Request(
                        at,
                        "/owa/",
                        "HealthMailbox5b3e0c41@contoso.com",
                        "10.0.0.11",
                        "AMProbe/Local/ClientAccess",
                        Crypto.TLS10)));
        // PowerShell over plain HTTP: nothing to lose.
        ex01Requests.add(new Request(
                at, "/powershell", "CONTOSO\\adm.klein", "10.20.1.50", "Microsoft WinRM Client", Crypto.NONE));
        IisLogFiles.write(share.resolve("EX01/W3SVC1/u_ex240312_x.log"), true, ex01Requests);
        IisLogFiles.write(
                share.resolve("EX02/W3SVC1/u_ex240312.log"),
                false,
                times(2, new Request(at, "/owa/", "CONTOSO\\a.schmidt", "203.0.113.9", "Mozilla/5.0", null)));
        Path database = WindowedReports.ingest(share, folder.resolve("audit.duckdb"));
        return WindowedReports.section(database, ReportWindow.ALL, "readiness");
    }

    private static List<Request> times(int count, Request request) {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(request);
        }
        return requests;
    }

    @Test
    void countsWhatEachEntryPointLosesAndWhoBreaks() throws Exception {
        ResultTable readiness = readiness();
        assertEquals(
                List.of(
                        "source",
                        "server",
                        "direction",
                        "entry_point",
                        "connections",
                        "legacy_connections",
                        "legacy_percent",
                        "unknown_version",
                        "legacy_only_peers",
                        "examples"),
                readiness.columns());
        assertEquals(
                List.of(
                        row(
                                "smtp",
                                "EX01",
                                "receive",
                                SCANNERS,
                                6,
                                6,
                                100.0,
                                0,
                                4,
                                "10.40.8.23 (SCAN-A); 10.40.8.24 (SCAN-B); 10.40.8.25 (SCAN-C)"),
                        row(
                                "smtp",
                                "EX01",
                                "receive",
                                FRONTEND,
                                10,
                                4,
                                40.0,
                                0,
                                2,
                                "203.0.113.5 (mail.fabrikam.com); 10.30.2.41 (MFP-2OG)"),
                        row(
                                "https",
                                "EX01",
                                "https",
                                "W3SVC1 ActiveSync",
                                9,
                                6,
                                66.7,
                                0,
                                1,
                                "203.0.113.171 kim@contoso.com (" + ANDROID + ")"),
                        row(
                                "https",
                                "EX01",
                                "https",
                                "W3SVC1 EWS",
                                4,
                                4,
                                100.0,
                                0,
                                1,
                                "10.20.5.30 CONTOSO\\svc-crm (" + EWS_CLIENT + ")"),
                        row("smtp", "EX01", "send", INTERNET, 3, 2, 66.7, 0, 1, "198.51.100.30 (mx.partner.example)"),
                        // EX02: 3 connections, 2 of unknown version; of the 1 known none is legacy.
                        row("smtp", "EX02", "receive", EX02_FRONTEND, 3, 0, 0.0, 2, 0, null),
                        row("https", "EX01", "https", "W3SVC1 OWA", 4, 0, 0.0, 0, 0, null),
                        row("https", "EX01", "https", "W3SVC1 PowerShell", 1, 0, 0.0, 0, 0, null),
                        // Without the crypt-* fields nothing is known: no share.
                        row("https", "EX02", "https", "W3SVC1 OWA", 2, 0, null, 2, 0, null)),
                readiness.rows());
    }

    private static List<Object> row(
            String source,
            String server,
            String direction,
            String entryPoint,
            long connections,
            long legacy,
            Double percent,
            long unknown,
            long legacyOnly,
            String examples) {
        return Arrays.asList(
                source, server, direction, entryPoint, connections, legacy, percent, unknown, legacyOnly, examples);
    }
}
