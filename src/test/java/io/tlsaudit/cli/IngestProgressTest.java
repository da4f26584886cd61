package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.LogFormat;
import io.tlsaudit.ingest.IngestListener.FileResult;
import io.tlsaudit.parse.LineProblem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The progress line in its three displays, with a clock the test moves, and the summary of a real run. */
class IngestProgressTest {

    private static final long MB = 1_000_000;

    private final StringWriter written = new StringWriter();
    private final PrintWriter err = new PrintWriter(written, true);
    private long now = TimeUnit.HOURS.toNanos(5); // any origin: only differences count

    private IngestProgress progress(IngestProgress.Display display) {
        return new IngestProgress(err, display, () -> now);
    }

    private void advanceMillis(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static FileResult read(long bytes) {
        return new FileResult(10, 0, 0, false, bytes);
    }

    /** What a terminal shows for {@code text}: {@code \r} returns to the left margin, characters overwrite. */
    private static List<String> screen(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (char c : text.toCharArray()) {
            if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
                column = 0;
            } else {
                if (column < line.length()) {
                    line.setCharAt(column, c);
                } else {
                    line.append(c);
                }
                column++;
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    @Test
    void lineShowsFilesMegabytesRateConnectionsAndEta() {
        IngestProgress progress = progress(IngestProgress.Display.LOG);
        progress.planned(666, 1102 * MB);
        assertEquals(
                "files 0/666  MB 0/1,102  -- MB/s  connections 0  ETA --",
                progress.line(now),
                "no rate before the first bytes are read");
        for (int i = 0; i < 120; i++) {
            progress.fileDone(i < 100 ? 3 * MB : MB / 10);
        }
        progress.committed(41_230);
        advanceMillis(6_400);
        assertEquals("files 120/666  MB 302/1,102  47.2 MB/s  connections 41,230  ETA 0:17", progress.line(now));
    }

    @Test
    void smallRunsShowTenthsOfMegabytes() {
        IngestProgress progress = progress(IngestProgress.Display.LOG);
        progress.planned(3, 320_000);
        progress.fileDone(120_000);
        advanceMillis(500);
        assertEquals("files 1/3  MB 0.1/0.3  0.2 MB/s  connections 0  ETA 0:01", progress.line(now));
    }

    @Test
    void etaCountsHoursMinutesAndSeconds() {
        assertEquals("0:00", IngestProgress.duration(0));
        assertEquals("0:17", IngestProgress.duration(17.2));
        assertEquals("12:05", IngestProgress.duration(725));
        assertEquals("3:02:09", IngestProgress.duration(3 * 3600 + 129));
    }

    @Test
    void terminalRewritesOneLiveLineAtMostFourTimesASecond() {
        IngestProgress progress = progress(IngestProgress.Display.LIVE);
        progress.planned(4, 40 * MB);
        assertEquals("\rfiles 0/4  MB 0/40  -- MB/s  connections 0  ETA --", written.toString());
        advanceMillis(100);
        progress.fileDone(10 * MB);
        assertEquals(1, count(written.toString(), '\r'), "throttled: 100 ms after the last draw");
        advanceMillis(200);
        progress.fileDone(10 * MB);
        assertEquals(2, count(written.toString(), '\r'), "redrawn 300 ms after the last one");
        advanceMillis(100);
        progress.committed(1234);
        advanceMillis(400);
        progress.fileDone(10 * MB);
        progress.fileDone(10 * MB);
        assertEquals(3, count(written.toString(), '\r'));
        assertFalse(written.toString().contains("\n"), "one line until the end");
        progress.finish();
        progress.finish();
        String text = written.toString();
        assertTrue(text.endsWith("\n"), "the line is ended, so the summary starts on its own");
        assertEquals(1, count(text, '\n'));
        assertEquals(List.of("files 4/4  MB 40/40  50.0 MB/s  connections 1,234  ETA 0:00"), screen(text));
    }

    @Test
    void warningOnATerminalWipesTheLiveLineAndPrintsWhole() {
        IngestProgress progress = progress(IngestProgress.Display.LIVE);
        ConsoleIngestListener listener = new ConsoleIngestListener(err, false, progress);
        listener.planned(2, 20 * MB);
        advanceMillis(1_000);
        listener.fileDone(logFile("EX01/RECV2024031300-1.LOG"), read(10 * MB));
        listener.committed(120, 1_000);
        listener.problem(new LineProblem("EX01/RECV2024031300-1.LOG", 7, "wrong column count", "a,b"));
        advanceMillis(1_000);
        listener.fileDone(logFile("EX01/RECV2024031301-1.LOG"), read(10 * MB));
        progress.finish();
        ErrorOutput.println(err, "Ingested 2 log files");
        String text = written.toString();
        assertEquals(
                List.of(
                        "warning: EX01/RECV2024031300-1.LOG:7: wrong column count: \"a,b\"",
                        "files 2/2  MB 20/20  10.0 MB/s  connections 120  ETA 0:00",
                        "Ingested 2 log files"),
                screen(text));
        String warningLine = text.lines()
                .filter(line -> line.contains("warning:"))
                .findFirst()
                .orElseThrow();
        String afterLastReturn = warningLine.substring(warningLine.lastIndexOf('\r') + 1);
        assertTrue(
                afterLastReturn.startsWith("warning: "),
                "the warning starts at the left margin, after the wiped line: " + warningLine);
    }

    @Test
    void logGetsALineEveryTenSecondsAndNoneInBetween() {
        IngestProgress progress = progress(IngestProgress.Display.LOG);
        progress.planned(30, 30 * MB);
        assertEquals("", written.toString(), "nothing at the start: a quick run prints only its summary");
        List<Integer> printedAt = new ArrayList<>();
        for (int second = 1; second <= 25; second++) {
            advanceMillis(1_000);
            int before = written.toString().length();
            progress.fileDone(MB);
            if (written.toString().length() > before) {
                printedAt.add(second);
            }
        }
        assertEquals(List.of(10, 20), printedAt);
        progress.finish();
        List<String> lines = written.toString().lines().toList();
        assertEquals(
                List.of(
                        "files 10/30  MB 10/30  1.0 MB/s  connections 0  ETA 0:20",
                        "files 20/30  MB 20/30  1.0 MB/s  connections 0  ETA 0:10"),
                lines);
        assertFalse(written.toString().contains("\r"), "full lines only");
    }

    @Test
    void quietPrintsNoProgressButKeepsWarningsAndTheSummaryFigures() {
        IngestProgress progress = progress(IngestProgress.Display.NONE);
        ConsoleIngestListener listener = new ConsoleIngestListener(err, false, progress);
        listener.planned(40, 40 * MB);
        for (int second = 1; second <= 40; second++) {
            advanceMillis(1_000);
            listener.fileDone(logFile("EX01/RECV2024031300-1.LOG"), read(MB));
            listener.committed(second, second);
        }
        assertEquals("", written.toString());
        listener.problem(new LineProblem("EX01/RECV2024031300-1.LOG", 7, "wrong column count", "a,b"));
        progress.finish();
        assertEquals("warning: EX01/RECV2024031300-1.LOG:7: wrong column count: \"a,b\"\n", written.toString());
        assertEquals("40 MB read in 40.0 s (1.0 MB/s)", progress.summary());
    }

    @Test
    void summaryTimesTheWholeRunWalkIncluded() {
        IngestProgress progress = progress(IngestProgress.Display.NONE);
        advanceMillis(2_000); // walking the share and planning
        progress.planned(1, 300 * MB);
        advanceMillis(4_000);
        progress.fileDone(300 * MB);
        assertEquals("300 MB read in 6.0 s (50.0 MB/s)", progress.summary());
        assertEquals(
                "0.0 MB read in 0.0 s (-- MB/s)",
                progress(IngestProgress.Display.NONE).summary());
    }

    @Test
    void ingestSummaryGivesFilesRowsConnectionsMalformedLinesTimeAndRate(@TempDir Path folder) throws Exception {
        Path log =
                folder.resolve("share/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031300-1.LOG");
        Files.createDirectories(log.getParent());
        Files.writeString(
                log,
                String.join(
                        "\r\n",
                        "#Software: Microsoft Exchange Server",
                        "#Version: 15.0.0.0",
                        "#Log-type: SMTP Receive Protocol Log",
                        "#Date: 2024-03-13T00:00:00.000Z",
                        "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,"
                                + "event,data,context",
                        "2024-03-13T00:00:01.000Z,EX01\\Default Frontend EX01,08DC0000000000A1,0,10.0.0.1:25,"
                                + "192.0.2.9:40000,+,,",
                        "2024-03-13T00:00:01.100Z,EX01\\Default Frontend EX01,08DC0000000000A1,1,10.0.0.1:25,"
                                + "192.0.2.9:40000,<,EHLO mx.example.org,",
                        "broken line",
                        "2024-03-13T00:00:01.200Z,EX01\\Default Frontend EX01,08DC0000000000A1,2,10.0.0.1:25,"
                                + "192.0.2.9:40000,-,,Local",
                        ""),
                StandardCharsets.UTF_8);
        StringWriter errors = new StringWriter();
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(errors, true));
        int exit = commandLine.execute(
                "ingest",
                "--quiet",
                "--db",
                folder.resolve("audit.duckdb").toString(),
                folder.resolve("share").toString());
        assertEquals(ExitCodes.OK, exit, errors.toString());
        String summary = errors.toString()
                .lines()
                .filter(line -> line.startsWith("Ingested "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(errors.toString()));
        assertTrue(
                summary.matches("Ingested 1 log file \\(0 unchanged since the last run, 0 other files skipped\\): 3"
                        + " rows, 1 connection completed, 0 still open .*, 1 malformed line, 1 problem; 0\\.0 MB read"
                        + " in \\d+\\.\\d s \\(\\d+\\.\\d MB/s\\)\\. Database: .*audit\\.duckdb"),
                summary);
        assertFalse(errors.toString().contains("files 1/1"), "no progress line with --quiet: " + errors);
    }

    @Test
    void quietAndVerboseExcludeEachOther() {
        StringWriter errors = new StringWriter();
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setErr(new PrintWriter(errors, true));
        assertEquals(ExitCodes.USAGE, commandLine.execute("ingest", "--quiet", "--verbose", "logs"));
        assertTrue(errors.toString().contains("--verbose and --quiet exclude each other"), errors.toString());
        assertEquals(ExitCodes.USAGE, commandLine.execute("analyze", "-v", "-q", "logs"));
    }

    private static LogFile logFile(String name) {
        return new LogFile(
                Path.of(name),
                name,
                LogFormat.SMTP_PROTOCOL,
                Optional.of("EX01"),
                "FrontEnd",
                name,
                Optional.empty(),
                0,
                FileTime.fromMillis(0),
                Optional.empty(),
                0);
    }

    private static int count(String text, char wanted) {
        return (int) text.chars().filter(c -> c == wanted).count();
    }
}
