package io.tlsaudit.ingest;

import static io.tlsaudit.ingest.ReceiveRows.plainSession;
import static io.tlsaudit.ingest.ReceiveRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.testing.SmtpLogFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose stream cannot be told before they are read, turning up or growing before a file of that stream that
 * was read already: they are read in their place, and a connection that runs from one into the other is stored once.
 */
class FileOfUnknownStreamTest {

    @TempDir
    Path folder;

    /**
     * Files directly under the ingested folder: their rows' connector id names the server, so a file the copy job
     * begins after a later one was read has no stream before it is read. It is read in its place all the same.
     */
    @Test
    void fileWhoseRowsNameTheServerTurningUpBeforeOneAlreadyReadIsReadInItsPlace() throws Exception {
        Path recv = folder.resolve("recv");
        writeHour09(recv.resolve("RECV2024031209-1.LOG"));
        Path database = folder.resolve("audit.duckdb");
        ingest(List.of(recv), database);

        Path hour08 = writeHour08(recv.resolve("RECV2024031208-1.LOG"));
        Files.setLastModifiedTime(hour08, FileTime.from(Instant.parse("2024-03-12T12:00:00Z")));
        ingest(List.of(recv), database);

        assertEquals(SESSIONS_OF_HOURS_08_AND_09, sessions(database));
    }

    /**
     * A file the copy job had copied only up to its {@code #Log-type} text when a run read it: the header named the
     * log type, no whole line did, so that read placed it in no stream. When it grows after the next file was read,
     * its stream is read again from it.
     */
    @Test
    void fileReadWhenItsCopyHadOnlyBegunIsReadInItsPlaceWhenItGrows() throws Exception {
        Path logs = folder.resolve("share/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive");
        Path hour08 = writeHour08(logs.resolve("RECV2024031208-1.LOG"));
        byte[] whole = Files.readAllBytes(hour08);
        String logType = "#Log-type: SMTP Receive Protocol Log";
        // Cut between the CR and the LF of that line; ISO-8859-1 keeps one character per byte for the offset.
        int beforeLineFeed = new String(whole, StandardCharsets.ISO_8859_1).indexOf(logType) + logType.length() + 1;
        Files.write(hour08, Arrays.copyOf(whole, beforeLineFeed));
        Files.setLastModifiedTime(hour08, FileTime.from(Instant.parse("2024-03-12T12:00:00Z")));
        writeHour09(logs.resolve("RECV2024031209-1.LOG"));
        Path database = folder.resolve("audit.duckdb");
        ingest(List.of(folder.resolve("share")), database);

        Files.write(hour08, whole);
        Files.setLastModifiedTime(hour08, FileTime.from(Instant.parse("2024-03-12T12:01:00Z")));
        ingest(List.of(folder.resolve("share")), database);

        assertEquals(SESSIONS_OF_HOURS_08_AND_09, sessions(database));
    }

    /**
     * Session 1 opens at 08:59:50 and negotiates TLS 1.0 in the 08 file and ends in the 09 file, seven rows in all;
     * sessions 10 (08 file) and 20 (09 file) are plaintext, four rows each.
     */
    private static final List<List<Object>> SESSIONS_OF_HOURS_08_AND_09 = List.of(
            Arrays.asList("EX01", "08DC3B4192B40001", "2024-03-12 08:59:50", true, "negotiated", "TLS 1.0", 7, false),
            Arrays.asList("EX01", "08DC3B4192B4000A", "2024-03-12 08:10:01", true, "none", null, 4, false),
            Arrays.asList("EX01", "08DC3B4192B40014", "2024-03-12 09:20:01", true, "none", null, 4, false));

    private static Path writeHour08(Path file) {
        List<String> lines = new ArrayList<>(SmtpLogFiles.header("Receive", "2024-03-12T08:00:00.123Z"));
        lines.addAll(plainSession(10, "08:10"));
        lines.addAll(List.of(
                row(1, "08:59:50", 0, "+,,"),
                row(1, "08:59:51", 1, "<,EHLO legacy.fabrikam.com,"),
                row(1, "08:59:52", 2, "<,STARTTLS,"),
                row(1, "08:59:53", 3, TLS10)));
        return SmtpLogFiles.write(file, lines);
    }

    private static Path writeHour09(Path file) {
        List<String> lines = new ArrayList<>(SmtpLogFiles.header("Receive", "2024-03-12T09:00:00.456Z"));
        lines.addAll(List.of(
                row(1, "09:00:01", 4, "<,EHLO legacy.fabrikam.com,"),
                row(1, "09:00:02", 5, "<,MAIL FROM:<scanner@fabrikam.com>,"),
                row(1, "09:00:03", 6, "-,,Local")));
        lines.addAll(plainSession(20, "09:20"));
        return SmtpLogFiles.write(file, lines);
    }

    private static final String TLS10 =
            "*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk encryption algorithm CALG_3DES"
                    + " with strength 168 bits, MAC hash algorithm CALG_SHA1 with strength 160 bits and key exchange"
                    + " algorithm CALG_RSA_KEYX with strength 2048 bits\"";

    private static void ingest(List<Path> roots, Path database) throws Exception {
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(roots);
        try (AuditDatabase store = AuditDatabase.openForWriting(database)) {
            new Ingestor(store, IngestListener.SILENT, IisFieldNames.standard()).run(found.logs(), found.skipped());
        }
    }

    private static List<List<Object>> sessions(Path database) throws Exception {
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            return store.query(
                            "SELECT server, session_id, CAST(started_at AS VARCHAR), closed, tls_outcome, tls_protocol,"
                                    + " row_count, pending FROM smtp_sessions ORDER BY session_id, started_at",
                            List.of())
                    .rows();
        }
    }
}
