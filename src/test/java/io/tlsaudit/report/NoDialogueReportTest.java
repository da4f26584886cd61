package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.ReportFixture;
import io.tlsaudit.testing.SmtpLogFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections that never reached EHLO/HELO are counted apart, never as plaintext peers. */
class NoDialogueReportTest {

    @TempDir
    Path folder;

    private static String receive(String session, String time, int sequence, String remote, String rest) {
        return "2024-03-12T" + time + ",EX01\\Default Frontend EX01," + session + "," + sequence + ",10.0.0.11:25,"
                + remote + "," + rest;
    }

    private static String send(String time, int sequence, String rest) {
        return "2024-03-12T" + time + ",Internet Send Connector,08DC3B4192B4D001," + sequence + ",,198.51.100.12:25,"
                + rest;
    }

    private Report ingestAndReport() throws Exception {
        Path share = folder.resolve("share/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog");
        SmtpLogFiles.writeLog(
                share.resolve("SmtpReceive/RECV2024031210-1.LOG"),
                "Receive",
                List.of(
                        // A load-balancer probe: connect, banner, gone.
                        receive("08DC3B4192B4E001", "10:00:00.000Z", 0, "203.0.113.70:50211", "+,,"),
                        receive(
                                "08DC3B4192B4E001",
                                "10:00:00.001Z",
                                1,
                                "203.0.113.70:50211",
                                ">,220 EX01.contoso.com Microsoft ESMTP MAIL Service ready,"),
                        receive("08DC3B4192B4E001", "10:00:00.010Z", 2, "203.0.113.70:50211", "-,,Remote(SocketError)"),
                        // The ERP server: a probe-like connection, and a real plaintext session.
                        receive("08DC3B4192B4E002", "10:01:00.000Z", 0, "10.20.5.17:28899", "+,,"),
                        receive("08DC3B4192B4E002", "10:01:00.010Z", 1, "10.20.5.17:28899", "-,,Remote(SocketError)"),
                        receive("08DC3B4192B4E003", "10:02:00.000Z", 0, "10.20.5.17:28900", "+,,"),
                        receive("08DC3B4192B4E003", "10:02:00.100Z", 1, "10.20.5.17:28900", "<,EHLO APPSRV17,"),
                        receive(
                                "08DC3B4192B4E003",
                                "10:02:00.101Z",
                                2,
                                "10.20.5.17:28900",
                                ">,250  EX01.contoso.com Hello [10.20.5.17] SIZE 36700160 STARTTLS,"),
                        receive(
                                "08DC3B4192B4E003",
                                "10:02:00.200Z",
                                3,
                                "10.20.5.17:28900",
                                "<,MAIL FROM:<erp@contoso.com>,"),
                        receive("08DC3B4192B4E003", "10:02:01.000Z", 4, "10.20.5.17:28900", "-,,Local")));
        SmtpLogFiles.writeLog(
                share.resolve("SmtpSend/SEND2024031210-1.LOG"),
                "Send",
                List.of(
                        send("10:05:00.000Z", 0, "*,,attempting to connect"),
                        send(
                                "10:05:21.000Z",
                                1,
                                "-,,\"Failed to connect. Winsock error code: 10061, Win32 error code: 10061, Error"
                                        + " Message: No connection could be made because the target machine actively"
                                        + " refused it.\"")));
        return ReportFixture.ingestAndReport(folder.resolve("share"), folder.resolve("audit.duckdb"));
    }

    private static ResultTable section(Report report, String id) {
        return ReportFixture.section(report, id);
    }

    @Test
    void plaintextPeersAreOnlyPeersThatReachedEhlo() throws Exception {
        ResultTable plaintext = section(ingestAndReport(), "plaintext-peers");
        assertEquals(List.of("10.20.5.17"), plaintext.column("remote_ip"));
        assertEquals(List.of(1L), plaintext.column("connections"), "the ERP server's probe is not plaintext");
        assertEquals(List.of(true), plaintext.column("starttls_offered"));
    }

    @Test
    void tlsSummaryShowsNoDialogueApartFromPlaintext() throws Exception {
        ResultTable summary = section(ingestAndReport(), "tls-summary");
        Map<String, Object> connections = summary.rows().stream()
                .collect(Collectors.toMap(row -> row.get(0) + "/" + row.get(1), row -> row.get(2)));
        assertEquals(
                Map.of("receive/plaintext", 1L, "receive/no SMTP dialogue", 2L, "send/no SMTP dialogue", 1L),
                connections);
    }

    @Test
    void overviewCountsConnectionsWithoutDialogue() throws Exception {
        ResultTable overview = ingestAndReport().overview().table();
        assertEquals(List.of(4L), overview.column("connections"));
        assertEquals(List.of(3L), overview.column("no_dialogue_connections"));
        assertEquals(List.of(1L), overview.column("plaintext_peers"));
    }
}
