package io.tlsaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.SmtpLogFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored result does not depend on how many threads read the logs. */
class ThreadCountTest {

    /** Every table a run writes, without the columns that hold the time of the run. */
    private static final List<String> TABLES = List.of(
            "SELECT * FROM smtp_sessions ORDER BY ALL",
            "SELECT * FROM iis_requests ORDER BY ALL",
            "SELECT * EXCLUDE (recorded_at) FROM ingest_errors ORDER BY ALL",
            "SELECT * EXCLUDE (ingested_at) FROM ingested_files ORDER BY ALL",
            "SELECT * FROM connection_checkpoints ORDER BY ALL");

    @TempDir
    Path folder;

    @Test
    void oneAndFourThreadsStoreTheSameRows() throws Exception {
        Path share = share();
        Path one = folder.resolve("one.duckdb");
        Path four = folder.resolve("four.duckdb");
        ingest(share, one, 1);
        ingest(share, four, 4);
        List<ResultTable> byOne = tables(one);
        assertTrue(
                byOne.get(0).rows().size() > 100,
                "the share holds connections: " + byOne.get(0).rows().size());
        assertEquals(byOne, tables(four));
    }

    /** A share read in two runs, the second finding grown files and files of streams already read. */
    @Test
    void aShareReadInTwoRunsStoresTheSameRowsWithOneOrFourThreads() throws Exception {
        Path share = share();
        List<Path> logs;
        try (Stream<Path> files = Files.walk(share)) {
            logs = files.filter(Files::isRegularFile).sorted().toList();
        }
        // The second half of every stream's files, held back for the second run.
        Path later = folder.resolve("later");
        for (int i = 0; i < logs.size(); i += 2) {
            Path target = later.resolve(share.relativize(logs.get(i)));
            Files.createDirectories(target.getParent());
            Files.move(logs.get(i), target);
        }
        Path one = folder.resolve("one.duckdb");
        Path four = folder.resolve("four.duckdb");
        ingest(share, one, 1);
        ingest(share, four, 4);
        try (Stream<Path> files = Files.walk(later)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.move(file, share.resolve(later.relativize(file)));
            }
        }
        ingest(share, one, 1);
        ingest(share, four, 4);
        assertEquals(tables(one), tables(four));
    }

    /**
     * Files whose folders name no server belong to the stream their rows name, known only once they are read: two
     * folders of one server's Receive logs, each ending with a connection still open, keep both open connections.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void foldersThatNameNoServerShareTheStreamTheirRowsName(int threads) throws Exception {
        Path march = folder.resolve("recv-march");
        Path april = folder.resolve("recv-april");
        SmtpLogFiles.writeLog(
                march.resolve("RECV2024031208-1.LOG"),
                "Receive",
                List.of(openRow("0001", 0, "+,,"), openRow("0001", 1, "<,EHLO a.example.com,")));
        SmtpLogFiles.writeLog(
                april.resolve("RECV2024031209-1.LOG"),
                "Receive",
                List.of(openRow("0002", 0, "+,,"), openRow("0002", 1, "<,EHLO b.example.com,")));
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(march, april));
        Path database = folder.resolve("audit.duckdb");
        try (AuditDatabase store = AuditDatabase.openForWriting(database)) {
            new Ingestor(store, IngestListener.SILENT, IisFieldNames.standard(), threads)
                    .run(found.logs(), found.skipped());
        }
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            assertEquals(
                    List.of(List.of("EX01", "08DC3B4192B40001", true), List.of("EX01", "08DC3B4192B40002", true)),
                    store.query("SELECT server, session_id, pending FROM smtp_sessions ORDER BY session_id", List.of())
                            .rows());
        }
    }

    private static String openRow(String id, int sequence, String rest) {
        return "2024-03-12T09:00:0" + sequence + ".000Z,EX01\\Default Frontend EX01,08DC3B4192B4" + id + "," + sequence
                + ",10.0.0.11:25,203.0.113.5:40000," + rest;
    }

    /** The sample logs under three server names each: many streams for the threads to share. */
    private Path share() throws IOException {
        Path samples = Paths.get("sample-logs");
        Path share = folder.resolve("share");
        for (String copy : List.of("", "B", "C")) {
            try (Stream<Path> files = Files.walk(samples)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path relative = samples.relativize(file);
                    if (relative.getNameCount() < 2) {
                        continue; // the README
                    }
                    Path target = share.resolve(relative.getName(0) + copy)
                            .resolve(relative.subpath(1, relative.getNameCount()));
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        return share;
    }

    private static void ingest(Path share, Path database, int threads) throws IOException {
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(share));
        try (AuditDatabase store = AuditDatabase.openForWriting(database)) {
            new Ingestor(store, IngestListener.SILENT, IisFieldNames.standard(), threads)
                    .run(found.logs(), found.skipped());
        }
    }

    private static List<ResultTable> tables(Path database) throws Exception {
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            List<ResultTable> tables = new java.util.ArrayList<>();
            for (String sql : TABLES) {
                tables.add(store.query(sql, List.of()));
            }
            return tables;
        }
    }
}
