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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * shared-addresses flags an address at 3 EHLO names, 5 users or 10 user agents, and not one below; user names count
 * without their domain part, send-side banner names and probes not at all.
 */
class SharedAddressesSectionTest {

    private static final LocalDateTime START = LocalDateTime.of(2024, 3, 12, 9, 0);

    @TempDir
    Path folder;

    private long session;
    private int minutes;

    private LocalDateTime next() {
        return START.plusMinutes(++minutes);
    }

    private SmtpConnectionRows receive(String address, String name) {
        return SmtpConnectionRows.receive(
                        "EX01\\Default Frontend EX01", SmtpConnectionRows.sessionId(++session), next(), address)
                .peerName(name)
                .negotiated(TlsSuite.TLS12_GCM);
    }

    private Request owa(String address, String user, String agent) {
        return new Request(next(), "/owa/", user, address, agent, Crypto.TLS12);
    }

    @Test
    void flagsAddressesAtTheThresholdsAndNotBelow() throws Exception {
        Path share = folder.resolve("share");
        Path logs = share.resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog");
        List<String> received = new ArrayList<>();
        // Four EHLO names behind one address (relay3 twice); two names behind another: not flagged.
        for (String name : List.of("relay1", "relay2", "relay3", "relay3", "relay4")) {
            received.addAll(receive("203.0.113.50", name + ".example.net").rows());
        }
        received.addAll(receive("203.0.113.51", "mx.example.org").rows());
        received.addAll(receive("203.0.113.51", "EXAMPLE-MX").rows());
        SmtpLogFiles.writeLog(logs.resolve("SmtpReceive/RECV2024031209-1.LOG"), "Receive", received);
        // Send: the banner names of one destination are not EHLO names.
        List<String> sent = new ArrayList<>();
        for (String name : List.of("mx-a.example.com", "mx-b.example.com", "mx-c.example.com")) {
            sent.addAll(SmtpConnectionRows.send(
                            "Internet Send Connector", SmtpConnectionRows.sessionId(++session), next(), "198.51.100.60")
                    .peerName(name)
                    .negotiated(TlsSuite.TLS12_GCM)
                    .rows());
        }
        SmtpLogFiles.writeLog(logs.resolve("SmtpSend/SEND2024031209-1.LOG"), "Send", sent);
        List<Request> requests = new ArrayList<>();
        // Five people behind a NAT; anna signs in with both name forms and counts once.
        List<String> people = List.of(
                "CONTOSO\\anna",
                "anna@contoso.com",
                "CONTOSO\\ben",
                "CONTOSO\\carl",
                "dora@contoso.com",
                "CONTOSO\\emil");
        for (int i = 0; i < people.size(); i++) {
            requests.add(owa("192.0.2.10", people.get(i), i % 2 == 0 ? "Mozilla/5.0" : "Outlook"));
        }
        // One user with ten user agents.
        for (int i = 1; i <= 10; i++) {
            requests.add(owa("192.0.2.11", "CONTOSO\\kim", "Agent/" + i));
        }
        // Five users and ten user agents.
        for (int i = 0; i < 10; i++) {
            requests.add(owa("192.0.2.12", "CONTOSO\\user" + (i % 5 + 1), "Browser/" + i));
        }
        // Four users (one in both name forms) and nine user agents: below both thresholds.
        for (int i = 0; i < 9; i++) {
            requests.add(
                    owa("192.0.2.13", i == 8 ? "clerk1@contoso.com" : "CONTOSO\\clerk" + (i % 4 + 1), "Client/" + i));
        }
        // The Managed Availability probe signs in as many health mailboxes: left out.
        for (int i = 0; i < 6; i++) {
            requests.add(owa("10.0.0.11", "HealthMailbox" + i + "@contoso.com", "AMProbe/Local"));
        }
        IisLogFiles.write(share.resolve("EX01/W3SVC1/u_ex240312_x.log"), true, requests);
        Path database = WindowedReports.ingest(share, folder.resolve("audit.duckdb"));

        ResultTable shared = WindowedReports.section(database, ReportWindow.ALL, "shared-addresses");

        assertEquals(
                List.of(
                        "remote_ip",
                        "source",
                        "peer_names_count",
                        "users_count",
                        "user_agents_count",
                        "connections",
                        "reason",
                        "examples"),
                shared.columns());
        assertEquals(
                List.of(
                        Arrays.asList(
                                "192.0.2.11",
                                "https",
                                null,
                                1L,
                                10L,
                                10L,
                                "10 user agents",
                                "Agent/1, Agent/10, Agent/2"),
                        Arrays.asList(
                                "192.0.2.12",
                                "https",
                                null,
                                5L,
                                10L,
                                10L,
                                "5 users, 10 user agents",
                                "user1, user2, user3; Browser/0, Browser/1, Browser/2"),
                        Arrays.asList("192.0.2.10", "https", null, 5L, 2L, 6L, "5 users", "anna, ben, carl"),
                        Arrays.asList(
                                "203.0.113.50",
                                "smtp",
                                4L,
                                null,
                                null,
                                5L,
                                "4 EHLO names",
                                "relay3.example.net, relay1.example.net, relay2.example.net")),
                shared.rows());
    }
}
