package io.tlsaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger knows a log by its content: a share moved or mounted under another path, a renamed copy in a later run,
 * and a moved log that grew meanwhile store what one run over the final files stores, each connection once.
 */
class MovedLogsTest {

    @TempDir
    Path folder;

    private static final String RECEIVE = "EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/";

    /** Everything but the file names, which name where each log was read. */
    private static final List<String> ROWS = List.of(
            "SELECT * EXCLUDE (source_file) FROM smtp_sessions ORDER BY ALL",
            "SELECT * EXCLUDE (source_file) FROM iis_requests ORDER BY ALL");

    private Path sampleShare(String name) throws IOException {
        Path samples = Path.of("sample-logs").toAbsolutePath();
        Path share = folder.resolve(name);
        for (String server : List.of("EX01", "EX02")) {
            try (Stream<Path> files = Files.walk(samples.resolve(server))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = share.resolve(samples.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
        }
        return share;
    }

    private static IngestSummary ingest(Path share, Path database) throws IOException {
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(share));
        try (AuditDatabase store = AuditDatabase.openForWriting(database)) {
            return new Ingestor(store, IngestListener.SILENT, IisFieldNames.standard(), 2)
                    .run(found.logs(), found.skipped());
        }
    }

    private static List<ResultTable> rows(Path database) throws Exception {
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            List<ResultTable> tables = new java.util.ArrayList<>();
            for (String sql : ROWS) {
                tables.add(store.query(sql, List.of()));
            }
            return tables;
        }
    }

    @Test
    void aMovedShareIsNotReadAgain() throws Exception {
        Path database = folder.resolve("audit.duckdb");
        Path share = sampleShare("logs");
        ingest(share, database);
        List<ResultTable> before = rows(database);
        Path moved = Files.move(share, folder.resolve("logs2"));
        IngestSummary again = ingest(moved, database);
        assertEquals(0, again.filesRead(), again.toString());
        assertEquals(before, rows(database));
        // The report's coverage says so, for the log types whose logs it found again.
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            String sql = io.tlsaudit.report.ReportWindow.restrict(
                    io.tlsaudit.report.NamedQueries.standard().require("coverage"));
            io.tlsaudit.report.WindowBounds bounds = io.tlsaudit.report.LegacyTlsReport.bounds(
                    store, io.tlsaudit.report.ReportWindow.ALL, java.time.Clock.systemUTC());
            ResultTable coverage = store.query(sql, io.tlsaudit.report.ReportWindow.ALL.parameters(bounds));
            int status = coverage.columns().indexOf("status");
            int logType = coverage.columns().indexOf("log_type");
            String receive = coverage.rows().stream()
                    .filter(row -> "SmtpReceive FrontEnd".equals(row.get(logType)) && "EX01".equals(row.get(1)))
                    .map(row -> (String) row.get(status))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    receive.contains("11 logs found again under another name"),
                    coverage.rows().toString());
        }
        // Known under the new names now: a third run is a plain no-change run.
        assertEquals(0, ingest(moved, database).filesRead());
        assertEquals(before, rows(database));
    }

    @Test
    void logsPackedAfterTheyWereReadAreNotReadAgain() throws Exception {
        Path database = folder.resolve("audit.duckdb");
        Path share = sampleShare("logs");
        ingest(share, database);
        List<ResultTable> before = rows(database);
        // The nightly job: EX01's folder zipped as EX01.zip, EX02's files gzipped one by one, the plain files gone.
        Path ex01 = share.resolve("EX01");
        try (java.util.zip.ZipOutputStream zip =
                        new java.util.zip.ZipOutputStream(Files.newOutputStream(share.resolve("EX01.zip")));
                Stream<Path> files = Files.walk(ex01)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(
                        new java.util.zip.ZipEntry(ex01.relativize(file).toString()));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        deleteTree(ex01);
        try (Stream<Path> files = Files.walk(share.resolve("EX02"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(
                        Files.newOutputStream(file.resolveSibling(file.getFileName() + ".gz")))) {
                    Files.copy(file, out);
                }
                Files.delete(file);
            }
        }
        IngestSummary packed = ingest(share, database);
        // Two sample logs end without a line terminator: while plain, what follows their last one was left for a
        // later read; packed they are final, so at most those two are read now, on from where the plain read stopped.
        assertTrue(packed.filesRead() <= 2, packed.toString());
        assertEquals(0, packed.connectionsStored(), "no connection stored again: " + packed);
        assertEquals(before.get(1), rows(database).get(1), "no IIS request read again");
        Path freshDb = folder.resolve("fresh.duckdb");
        ingest(share, freshDb);
        assertEquals(rows(freshDb), rows(database), "what one run over the packed files stores");
        assertEquals(0, ingest(share, database).filesRead());
        assertEquals(rows(freshDb), rows(database));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void aRenamedCopyInALaterRunIsNotReadAgain() throws Exception {
        Path database = folder.resolve("audit.duckdb");
        Path share = sampleShare("logs");
        ingest(share, database);
        List<ResultTable> before = rows(database);
        Path log = share.resolve(RECEIVE + "RECV2024031110-1.LOG");
        Files.copy(log, log.resolveSibling("RECV2024031110-1 - Copy.LOG"));
        IngestSummary again = ingest(share, database);
        assertEquals(0, again.filesRead(), again.toString());
        assertEquals(before, rows(database));
        // Renamed, with no original left beside it to compare with in the same run: the ledger knows it.
        Files.delete(log.resolveSibling("RECV2024031110-1 - Copy.LOG"));
        Path restored = Files.createDirectories(share.resolve("EX01/restored/FrontEnd"));
        Files.move(log, restored.resolve("RECV2024031110-1.LOG.old"));
        IngestSummary renamed = ingest(share, database);
        assertEquals(0, renamed.filesRead(), renamed.toString());
        assertEquals(before, rows(database));
    }

    @Test
    void aLogMovedWhileItWasStillGrowingIsReadOnFromWhereItStopped() throws Exception {
        // What one run over the final files stores.
        Path expectedDb = folder.resolve("expected.duckdb");
        ingest(sampleShare("final"), expectedDb);
        List<ResultTable> expected = rows(expectedDb);

        // The same share read while a file was half written, then moved and completed.
        Path share = sampleShare("logs");
        Path log = share.resolve(RECEIVE + "RECV2024031114-1.LOG");
        byte[] whole = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(whole, whole.length / 2));
        Path database = folder.resolve("audit.duckdb");
        ingest(share, database);
        Path moved = Files.move(share, folder.resolve("logs2"));
        Files.write(moved.resolve(RECEIVE + "RECV2024031114-1.LOG"), whole);
        IngestSummary again = ingest(moved, database);
        assertTrue(again.filesRead() >= 1, again.toString());
        assertEquals(expected, rows(database));
    }
}
