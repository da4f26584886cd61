package io.tlsaudit.ingest;

import static io.tlsaudit.ingest.ReceiveRows.plainSession;
import static io.tlsaudit.ingest.ReceiveRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.testing.SmtpLogFiles;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files read again, whole or in part, after they changed, failed or turned up late: the database must end up as one
 * run over the files as they are now would leave it, row for row, with no connection invented or lost.
 */
class RereadTest {

    private static final String TLS10 =
            "*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk encryption algorithm CALG_3DES"
                    + " with strength 168 bits, MAC hash algorithm CALG_SHA1 with strength 160 bits and key exchange"
                    + " algorithm CALG_RSA_KEYX with strength 2048 bits\"";

    @TempDir
    Path folder;

    private Path share() {
        return folder.resolve("share");
    }

    private Path receiveLog(String name) {
        return share().resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive")
                .resolve(name);
    }

    private static List<String> concat(List<List<String>> parts) {
        List<String> all = new ArrayList<>();
        parts.forEach(all::addAll);
        return all;
    }

    /** The 08 file: session 1 opens and negotiates TLS 1.0, its end is in the 09 file. */
    private Path writeHour08() {
        return SmtpLogFiles.writeLog(
                receiveLog("RECV2024031208-1.LOG"),
                "Receive",
                concat(List.of(
                        plainSession(10, "08:10"),
                        List.of(
                                row(1, "08:59:50", 0, "+,,"),
                                row(1, "08:59:51", 1, "<,EHLO legacy.fabrikam.com,"),
                                row(1, "08:59:52", 2, "<,STARTTLS,"),
                                row(1, "08:59:53", 3, TLS10)))));
    }

    private Path writeHour09(String date) {
        return SmtpLogFiles.write(
                receiveLog("RECV2024031209-1.LOG"),
                concat(List.of(
                        SmtpLogFiles.header("Receive", date),
                        List.of(
                                row(1, "09:00:01", 4, "<,EHLO legacy.fabrikam.com,"),
                                row(1, "09:00:02", 5, "<,MAIL FROM:<scanner@fabrikam.com>,"),
                                row(1, "09:00:03", 6, "-,,Local")),
                        plainSession(20, "09:20"),
                        List.of(row(2, "09:59:58", 0, "+,,"), row(2, "09:59:59", 1, "<,EHLO late.fabrikam.com,")))));
    }

    private Path writeHour10() {
        return SmtpLogFiles.writeLog(
                receiveLog("RECV2024031210-1.LOG"),
                "Receive",
                concat(List.of(
                        List.of(row(2, "10:00:01", 2, "-,,Remote(ConnectionReset)")), plainSession(30, "10:30"))));
    }

    private IngestSummary ingest(Path database, IngestListener listener) throws Exception {
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(share()));
        try (AuditDatabase store = AuditDatabase.openForWriting(database)) {
            return new Ingestor(store, listener, IisFieldNames.standard()).run(found.logs(), found.skipped());
        }
    }

    /** A listener that fails the read, once, when the line holding {@code text} is reported. */
    private static IngestListener failsAtTheLine(String text) {
        return new IngestListener() {
            private boolean failed;

            @Override
            public void problem(LineProblem problem) {
                if (!failed && problem.excerpt().contains(text)) {
                    failed = true;
                    throw new IllegalStateException("disk read error");
                }
            }

            @Override
            public void skipped(SkippedFile file) {}

            @Override
            public void fileDone(LogFile file, FileResult result) {}
        };
    }

    private IngestSummary ingest(Path database) throws Exception {
        return ingest(database, IngestListener.SILENT);
    }

    /** Every stored connection, every column, in a fixed order. */
    private static List<List<Object>> connections(Path database) throws Exception {
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            return store.query("SELECT * FROM smtp_sessions ORDER BY ALL", List.of())
                    .rows();
        }
    }

    /** What one run over the files as they are now stores. */
    private List<List<Object>> oneRunOverTheFilesNow() throws Exception {
        Path fresh = folder.resolve("fresh-" + System.nanoTime() + ".duckdb");
        ingest(fresh);
        return connections(fresh);
    }

    private static void touch(Path file, int seconds) throws Exception {
        Files.setLastModifiedTime(
                file, FileTime.from(Instant.parse("2024-03-12T12:00:00Z").plusSeconds(seconds)));
    }

    @Test
    void fileRewrittenWithAnotherDateIsReadAgainFromTheConnectionsOpenAtItsStart() throws Exception {
        writeHour08();
        Path hour09 = writeHour09("2024-03-12T09:00:02.871Z");
        writeHour10();
        Path database = folder.resolve("audit.duckdb");
        ingest(database);
        assertEquals(5, connections(database).size());

        writeHour09("2024-03-12T09:00:09.000Z"); // a restart rewrote the header: the file is read again whole
        touch(hour09, 60);
        IngestSummary second = ingest(database);

        assertEquals(2, second.filesRead(), "the 09 file and the 10 file after it");
        List<List<Object>> now = connections(database);
        assertEquals(5, now.size(), "no one-row continuation of session 1 becomes a connection of its own");
        assertEquals(oneRunOverTheFilesNow(), now);
    }

    @Test
    void streamReadBeforeCheckpointsWereRecordedIsReadAgainFromItsFirstFile() throws Exception {
        writeHour08();
        Path hour09 = writeHour09("2024-03-12T09:00:02.871Z");
        writeHour10();
        Path database = folder.resolve("audit.duckdb");
        ingest(database);
        // What a database upgraded from schema version 1 holds: no checkpoints, no tail checksums.
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:" + database);
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM connection_checkpoints");
            statement.execute("UPDATE ingested_files SET checkpointed = false, tail_crc = NULL");
        }

        writeHour09("2024-03-12T09:00:09.000Z");
        touch(hour09, 60);
        IngestSummary second = ingest(database);

        assertEquals(3, second.filesRead(), "the whole stream, since no state at the 09 file's start is known");
        assertEquals(oneRunOverTheFilesNow(), connections(database));
    }

    @Test
    void longerReplacementWithTheSameHeaderIsReadAgainWholeNotOnFromTheOldOffset() throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int id = 40; id < 60; id++) {
            sessions.addAll(plainSession(id, String.format("10:%02d", id)));
        }
        Path hour10 = SmtpLogFiles.writeLog(receiveLog("RECV2024031210-1.LOG"), "Receive", sessions);
        Path database = folder.resolve("audit.duckdb");
        ingest(database);

        // Same first kilobyte, other bytes before the old end (session 59 now sends two messages), and longer.
        List<String> replaced = new ArrayList<>(sessions);
        replaced.add(replaced.size() - 1, row(59, "10:59:03", 3, "<,MAIL FROM:<b@fabrikam.com>,"));
        replaced.addAll(plainSession(60, "10:59"));
        SmtpLogFiles.writeLog(hour10, "Receive", replaced);
        touch(hour10, 60);
        ingest(database);

        assertEquals(oneRunOverTheFilesNow(), connections(database));
    }

    @Test
    void fileWhoseModificationTimeAloneChangedIsNotReadAgain() throws Exception {
        writeHour08();
        Path hour09 = writeHour09("2024-03-12T09:00:02.871Z");
        writeHour10();
        Path database = folder.resolve("audit.duckdb");
        ingest(database);
        List<List<Object>> before = connections(database);

        touch(hour09, 3600); // a backup tool or virus scanner set the time; the bytes are the same
        IngestSummary second = ingest(database);
        IngestSummary third = ingest(database);

        assertEquals(0, second.filesRead(), "nothing of the stream is read again");
        assertEquals(3, second.filesUnchanged());
        assertEquals(0, third.filesRead());
        assertEquals(before, connections(database));
    }

    @Test
    void fileEditedInPlaceToTheSameSizeIsReadAgainWhole() throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int id = 100; id < 160; id++) {
            sessions.addAll(plainSession(id, String.format("10:%02d", id - 100)));
        }
        int middle = sessions.size() / 2 + 2; // a MAIL FROM row
        sessions.set(middle, sessions.get(middle).replace("@fabrikam.com", "@fabrikan.com"));
        Path hour10 = SmtpLogFiles.writeLog(receiveLog("RECV2024031210-1.LOG"), "Receive", sessions);
        Path database = folder.resolve("audit.duckdb");
        ingest(database);

        // A middle row changes, neither near the start nor near the end: only the size and time say anything.
        String text = Files.readString(hour10, StandardCharsets.UTF_8);
        Files.writeString(hour10, text.replace("@fabrikan.com", "@fabrikam.com"), StandardCharsets.UTF_8);
        touch(hour10, 60);
        ingest(database);

        assertEquals(oneRunOverTheFilesNow(), connections(database));
    }

    @Test
    void fileTruncatedWhileItIsReadIsReadAgainOnTheNextRun() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("not a row: the reader reports it, and the test truncates the file at that moment");
        for (int id = 100; id < 4100; id++) {
            rows.addAll(plainSession(id, String.format("10:%02d", id % 60)));
        }
        Path hour10 = SmtpLogFiles.writeLog(receiveLog("RECV2024031210-1.LOG"), "Receive", rows);
        byte[] content = Files.readAllBytes(hour10);
        touch(hour10, 0);
        IngestListener truncatesOnFirstProblem = new IngestListener() {
            private boolean truncated;

            @Override
            public void problem(LineProblem problem) {
                if (!truncated) {
                    truncated = true;
                    try (RandomAccessFile file = new RandomAccessFile(hour10.toFile(), "rw")) {
                        file.setLength(content.length / 10);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            }

            @Override
            public void skipped(SkippedFile file) {}

            @Override
            public void fileDone(LogFile file, FileResult result) {}
        };
        Path database = folder.resolve("audit.duckdb");
        IngestSummary first = ingest(database, truncatesOnFirstProblem);
        assertTrue(first.connectionsStored() < 4000, "the read ended early: " + first.connectionsStored());

        // A re-sync puts the same bytes back with the same modification time, as rsync -t does.
        Files.write(hour10, content);
        touch(hour10, 0);
        ingest(database);

        assertEquals(4000, connections(database).size());
        assertEquals(oneRunOverTheFilesNow(), connections(database));
    }

    @Test
    void fileWhoseReadFailedLeavesNoConnectionStoredTwiceWhenReadAgain() throws Exception {
        readFailsAtABrokenLineAndTheNextRunReadsAgain(8); // after session 1 has ended in the 09 file
    }

    @Test
    void fileWhoseReadFailedBeforeItsFirstRowPlacesItsStreamForTheReRead() throws Exception {
        readFailsAtABrokenLineAndTheNextRunReadsAgain(5); // before the first row: the stream is not known yet
    }

    /** The 09 file gets a broken line at {@code lineIndex}, where the first run's read fails; a second run follows. */
    private void readFailsAtABrokenLineAndTheNextRunReadsAgain(int lineIndex) throws Exception {
        writeHour08();
        Path hour09 = writeHour09("2024-03-12T09:00:02.871Z");
        List<String> lines = new ArrayList<>(Files.readAllLines(hour09, StandardCharsets.UTF_8));
        lines.add(lineIndex, "broken line");
        SmtpLogFiles.write(
                hour09, lines.stream().map(line -> line.replace("\uFEFF", "")).toList());
        touch(hour09, 0);
        writeHour10();
        Path database = folder.resolve("audit.duckdb");
        ingest(database, failsAtTheLine("broken line"));
        ingest(database);

        assertEquals(oneRunOverTheFilesNow(), connections(database));
    }

    @Test
    void fileThatTurnsUpBeforeFilesAlreadyReadIsReadInItsPlace() throws Exception {
        writeHour08();
        writeHour10();
        Path database = folder.resolve("audit.duckdb");
        ingest(database);

        Path hour09 = writeHour09("2024-03-12T09:00:02.871Z"); // restored from a backup after the 10 file was read
        touch(hour09, 0);
        ingest(database);

        assertEquals(oneRunOverTheFilesNow(), connections(database));
    }

    @Test
    void earlierFileThatGrowsAfterALaterOneWasReadIsReadAgainInOrder() throws Exception {
        writeHour08();
        Path hour09 = writeHour09("2024-03-12T09:00:02.871Z");
        List<String> complete = Files.readAllLines(hour09, StandardCharsets.UTF_8);
        // The copy job has written only part of the 09 file when the first run starts.
        SmtpLogFiles.write(
                hour09,
                complete.subList(0, 7).stream()
                        .map(line -> line.replace("\uFEFF", ""))
                        .toList());
        touch(hour09, 0);
        writeHour10();
        Path database = folder.resolve("audit.duckdb");
        ingest(database);

        SmtpLogFiles.write(
                hour09,
                complete.stream().map(line -> line.replace("\uFEFF", "")).toList());
        touch(hour09, 60);
        ingest(database);

        assertEquals(oneRunOverTheFilesNow(), connections(database));
    }
}
