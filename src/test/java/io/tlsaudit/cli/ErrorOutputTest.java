package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.report.render.HostileTextTest;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.testing.SmtpLogFiles;
import io.tlsaudit.text.InertText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the commands print on stderr can be neither steered nor forged by file names, log text or database errors. */
class ErrorOutputTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private void assertInert(String text) {
        for (String line : text.replace("\tat ", "at ").split("\n", -1)) {
            line.codePoints()
                    .forEach(c ->
                            assertFalse(InertText.isUnsafe(c), () -> "U+" + Integer.toHexString(c) + " in: " + text));
        }
    }

    @Test
    void craftedFileNamesAndLogLinesCannotSteerTheTerminalOrForgeALine() {
        Path receive = folder.resolve("share/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive");
        String row = "2024-03-12T10:00:00.000Z,EX01\\Default Frontend EX01,08DC3B4192B4C1A7,0,10.0.0.11:25,"
                + "203.0.113.9:1000,";
        SmtpLogFiles.writeLog(
                receive.resolve("RECV2024031210-1\u001b]0;owned\u0007.LOG"),
                "Receive",
                List.of(row + "?,EHLO \u001b[2Jcleared\u202Etxt.exe,"));
        SmtpLogFiles.writeLog(
                receive.resolve("RECV2024031211-1\nwarning: all files read cleanly.LOG"),
                "Receive",
                List.of(row + "?,x,"));
        Path database = folder.resolve("audit.duckdb");
        assertEquals(
                ExitCodes.OK,
                run(
                        "ingest",
                        "--verbose",
                        "--db",
                        database.toString(),
                        folder.resolve("share").toString()));
        String messages = err.toString();
        assertInert(messages);
        assertTrue(messages.contains("RECV2024031210-1<U+001B>]0;owned<U+0007>.LOG:6: event is not one of"), messages);
        assertTrue(messages.contains("<U+001B>[2Jcleared<U+202E>txt.exe"), messages);
        assertFalse(messages.contains("\nwarning: all files read cleanly"), messages);
    }

    @Test
    void everyClassOfHostileTextIsInertInAStderrLine() {
        for (String payload : HostileTextTest.PAYLOADS) {
            StringWriter line = new StringWriter();
            ErrorOutput.println(
                    new PrintWriter(line, true),
                    LineProblem.atLine(payload + ".LOG", 3, "event is not one of + - > < *", payload)
                            .describe());
            String printed = line.toString();
            assertTrue(printed.endsWith(System.lineSeparator()), printed);
            String body = printed.substring(
                    0, printed.length() - System.lineSeparator().length());
            assertInert(body);
            assertFalse(body.contains("\n"), body);
        }
    }

    @Test
    void databaseErrorsThatEchoValuesAreInert() {
        Path database = folder.resolve("audit.duckdb");
        AuditDatabase.openForWriting(database).close();
        assertEquals(
                ExitCodes.FAILURE,
                run(
                        "query",
                        "--db",
                        database.toString(),
                        "SELECT CAST('x' || chr(27) || '[31m' || chr(10) || 'y' AS INTEGER)"));
        assertInert(err.toString());
        assertTrue(err.toString().contains("<U+001B>[31m"), err.toString());
        for (String line : err.toString().split("\n")) {
            assertTrue(line.isEmpty() || line.startsWith("tlsaudit query: ") || line.startsWith("  "), line);
        }
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.FAILURE, run("query", "--verbose", "--db", database.toString(), "SELECT nope"));
        assertTrue(err.toString().contains("\tat "), "query --verbose prints the trace: " + err);
    }

    @Test
    void verbosePrintsTheStackTraceOfAFailure() {
        Path missing = folder.resolve("missing.duckdb");
        assertEquals(ExitCodes.FAILURE, run("report", "--db", missing.toString()));
        assertFalse(err.toString().contains("\tat "), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.FAILURE, run("report", "--verbose", "--db", missing.toString()));
        assertTrue(err.toString().contains("no database at"), err.toString());
        assertTrue(err.toString().contains("\tat io.tlsaudit."), err.toString());
    }
}
