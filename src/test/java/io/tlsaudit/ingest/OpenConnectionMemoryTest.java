package io.tlsaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.cli.TlsAuditCommand;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.JavaCommand;
import io.tlsaudit.testing.SmtpLogFiles;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory holds the connections open in a stream, not all that a file names: connections whose disconnect is never
 * logged end after an hour without a row, also inside one long file, and a file's finished connections go to the
 * database in parts.
 */
class OpenConnectionMemoryTest {

    /** Connections in the file, none of which logs a disconnect: far more than fit in the heap of the run below. */
    private static final int CONNECTIONS = 150_000;

    private static final long SPAN_SECONDS = 48 * 3600;

    @TempDir
    Path folder;

    @Test
    void aStreamOfNeverClosedConnectionsIsIngestedInASmallHeap() throws Exception {
        Path log =
                folder.resolve("share/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2026110200-1.LOG");
        Files.createDirectories(log.getParent());
        long start = Instant.parse("2026-11-02T00:00:00Z").getEpochSecond();
        try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line : SmtpLogFiles.header("Receive", "2026-11-02T00:00:00.000Z")) {
                out.write(line);
                out.write("\r\n");
            }
            for (int i = 0; i < CONNECTIONS; i++) {
                String at = Instant.ofEpochSecond(start + i * SPAN_SECONDS / CONNECTIONS) + "";
                String time = at.substring(0, at.length() - 1) + ".000Z";
                String row = time + ",EX01\\Default Frontend EX01," + String.format("%016X", 0x08DC000000000000L + i)
                        + ",%d,10.0.0.11:25,198.51." + (i % 200) + "." + (i % 250) + ":" + (20000 + i % 40000) + ",";
                out.write(String.format(row, 0) + "+,,\r\n");
                out.write(String.format(row, 1) + "<,EHLO host" + i + ".example.net,\r\n");
            }
        }
        Path database = folder.resolve("audit.duckdb");
        List<String> command = new ArrayList<>(JavaCommand.of(List.of("-Xmx64m"), TlsAuditCommand.class));
        command.addAll(List.of(
                "ingest",
                "--quiet",
                "--db",
                database.toString(),
                folder.resolve("share").toString()));
        Process ingest = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("ingest.out").toFile())
                .start();
        assertTrue(ingest.waitFor(120, TimeUnit.SECONDS), "ingest finished");
        String output = Files.readString(folder.resolve("ingest.out"));
        assertEquals(0, ingest.exitValue(), output);
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            ResultTable counts = store.query(
                    "SELECT count(*) FILTER (WHERE NOT pending), count(*) FILTER (WHERE pending),"
                            + " count(DISTINCT session_id) FROM smtp_sessions",
                    List.of());
            long finished = (Long) counts.rows().get(0).get(0);
            long pending = (Long) counts.rows().get(0).get(1);
            assertEquals(CONNECTIONS, (Long) counts.rows().get(0).get(2), "every connection stored once");
            assertEquals(CONNECTIONS, finished + pending);
            // Those with a row in the file's last hour are still open: about an hour's share of the 48.
            long lastHour = CONNECTIONS / 48;
            assertTrue(pending >= lastHour - 10 && pending <= lastHour + 10, "pending: " + pending);
        }
    }
}
