package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.testing.SmtpConnectionRows;
import io.tlsaudit.testing.SmtpLogFiles;
import io.tlsaudit.testing.TlsSuite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --fail-on new-legacy} holds for a peer newly on legacy TLS compared with a period that has data, and stays
 * quiet when the period before holds no data to compare with: SMTP logs of 2024-W11 and 2024-W12, one legacy peer
 * in each week.
 */
class FailOnNewLegacyTest {

    private static final String RECEIVE = "share/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/";

    @TempDir
    Path folder;

    private String database;

    @BeforeEach
    void ingestOneLegacyPeerInEachOfTwoWeeks() {
        writeLegacyConnection("RECV2024031210-1.LOG", 1, LocalDateTime.of(2024, 3, 12, 10, 0), "198.51.100.7");
        writeLegacyConnection("RECV2024031910-1.LOG", 2, LocalDateTime.of(2024, 3, 19, 10, 0), "198.51.100.8");
        database = folder.resolve("audit.duckdb").toString();
        assertEquals(
                ExitCodes.OK,
                run("ingest", "--db", database, folder.resolve("share").toString()));
    }

    private void writeLegacyConnection(String file, long session, LocalDateTime start, String peer) {
        List<String> lines = new ArrayList<>(SmtpLogFiles.header("Receive", start + ":00.000Z"));
        lines.addAll(SmtpConnectionRows.receive(
                        "EX01\\Default Frontend EX01", SmtpConnectionRows.sessionId(session), start, peer)
                .peerName("mail.fabrikam.com")
                .negotiated(TlsSuite.TLS10_3DES)
                .rows());
        SmtpLogFiles.write(folder.resolve(RECEIVE + file), lines);
    }

    private int run(String... args) {
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(args);
    }

    @Test
    void holdsForAPeerNewSinceAWeekWithDataAndNotWhenThereIsNothingToCompareWith() {
        // W12 against W11, which has SMTP data: 198.51.100.8 is new.
        assertEquals(
                ExitCodes.NEW_LEGACY, run("report", "--db", database, "--week", "2024-W12", "--fail-on", "new-legacy"));
        // W11 against W10, which has none: no earlier data, nothing new.
        assertEquals(ExitCodes.OK, run("report", "--db", database, "--week", "2024-W11", "--fail-on", "new-legacy"));
        // From the first data on: nothing before it to compare with.
        assertEquals(ExitCodes.OK, run("report", "--db", database, "--since", "2024-03-11", "--fail-on", "new-legacy"));
    }
}
