package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.testing.SmtpLogFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --include} and {@code --exclude} on the command line: what the summary, {@code -v} and errors say. */
class FileSelectionOptionsTest {

    private static final String ROW =
            "2024-03-12T%02d:00:0%d.000Z,EX01\\Default Frontend EX01,08DC3B4192B4C1%02d,%d,10.0.0.11:25,10.40.8.23:49162,";

    @TempDir
    Path folder;

    private Path share;
    private Path database;
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeShare() throws Exception {
        share = folder.resolve("share");
        database = folder.resolve("audit.duckdb");
        log("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031210-1.LOG", "Receive", 10);
        log("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend/SEND2024031210-1.LOG", "Send", 11);
        log("EX02/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031210-1.LOG", "Receive", 12);
        Files.writeString(share.resolve("EX02/notes.txt"), "EX02 moves to the new share on Friday\n");
    }

    private void log(String path, String direction, int hour) {
        SmtpLogFiles.writeLog(
                share.resolve(path),
                direction,
                List.of(
                        String.format(ROW, hour, 0, hour, 0) + "+,,",
                        String.format(ROW, hour, 1, hour, 1) + "-,,Local"));
    }

    private int ingest(String... options) {
        List<String> args = new ArrayList<>(List.of("ingest", "--db", database.toString()));
        args.addAll(List.of(options));
        args.add(share.toString());
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args.toArray(String[]::new));
    }

    @Test
    void summaryCountsWhatTheGlobsLeftOut() {
        assertEquals(ExitCodes.OK, ingest("--quiet", "--include", "**/SmtpReceive/*.LOG", "--exclude", "EX02/**"));
        String messages = err.toString();
        // EX01's Send log matches no --include; EX02 is excluded whole, as one folder.
        assertTrue(
                messages.contains(
                        "Ingested 1 log file (0 unchanged since the last run, 0 other files skipped, 2 excluded by"
                                + " --exclude/--include): "),
                messages);
        assertFalse(messages.contains("excluded by --exclude 'EX02/**'"), "listed only with -v: " + messages);
    }

    @Test
    void verboseListsEachFileAndFolderLeftOut() {
        assertEquals(ExitCodes.OK, ingest("-v", "--exclude", "EX02", "--exclude", "**/SmtpSend/*"));
        String messages = err.toString();
        assertTrue(messages.contains("skipped " + share + "/EX02/: excluded by --exclude 'EX02'"), messages);
        assertTrue(
                messages.contains("skipped " + share + "/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend/"
                        + "SEND2024031210-1.LOG: excluded by --exclude '**/SmtpSend/*'"),
                messages);
        assertFalse(messages.contains("warning:"), "left out on purpose is no problem: " + messages);
    }

    @Test
    void globsThatMatchNothingAreNamedInTheFailure() {
        assertEquals(ExitCodes.FAILURE, ingest("--include", "**/*.log.gz", "--exclude", "EX02/**"));
        assertTrue(
                err.toString()
                        .contains("tlsaudit: no Exchange SMTP protocol logs or IIS logs found under [" + share
                                + "] with --include '**/*.log.gz' --exclude 'EX02/**', which left out 3 files or"
                                + " folders (files are recognised by their #Software/#Log-type header)"),
                err.toString());
    }

    @Test
    void globThatCannotBeReadIsAUsageError() {
        assertEquals(ExitCodes.USAGE, ingest("--exclude", "EX01\\Logs\\**"));
        assertTrue(
                err.toString().contains("--include/--exclude 'EX01\\Logs\\**': a backslash quotes only"),
                err.toString());
        assertFalse(Files.exists(database), "nothing was read or written");
    }
}
