package io.tlsaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample logs packed as admins pack them (EX01 as {@code EX01.zip} at the share's root, EX02's files gzipped one by
 * one) store the same connections and requests as the plain files, and a second run over the same archives reads
 * nothing again.
 */
class ArchivedLogsIngestTest {

    @TempDir
    Path folder;

    // Every stored column but the file names and the ledger's, which name the archive members.
    private static final List<String> SAME = List.of(
            "SELECT * EXCLUDE (source_file) FROM smtp_sessions ORDER BY ALL",
            "SELECT * EXCLUDE (source_file) FROM iis_requests ORDER BY ALL",
            "SELECT count(*) AS connections, count(*) FILTER (WHERE legacy_tls) AS legacy FROM smtp_sessions");

    @Test
    void packedSampleLogsStoreWhatThePlainOnesStore() throws Exception {
        Path samples = Path.of("sample-logs").toAbsolutePath();
        Path packed = Files.createDirectories(folder.resolve("packed"));
        zipFolder(samples.resolve("EX01"), packed.resolve("EX01.zip"));
        try (Stream<Path> files = Files.walk(samples.resolve("EX02"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = packed.resolve(samples.relativize(file) + ".gz");
                Files.createDirectories(target.getParent());
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
                    Files.copy(file, out);
                }
            }
        }
        Path plain = Files.createDirectories(folder.resolve("plain"));
        for (String server : List.of("EX01", "EX02")) {
            copyFolder(samples.resolve(server), plain.resolve(server));
        }

        Path plainDb = folder.resolve("plain.duckdb");
        Path packedDb = folder.resolve("packed.duckdb");
        IngestSummary plainRun = ingest(plain, plainDb);
        IngestSummary packedRun = ingest(packed, packedDb);

        assertEquals(plainRun.filesRead(), packedRun.filesRead(), "every log read, packed or not");
        assertEquals(plainRun.connectionsStored(), packedRun.connectionsStored());
        List<ResultTable> expected = tables(plainDb);
        assertTrue(
                expected.get(0).rows().size() > 50,
                "the sample's connections: " + expected.get(0).rows().size());
        assertEquals(expected, tables(packedDb));
        try (AuditDatabase store = AuditDatabase.openReadOnly(packedDb)) {
            ResultTable names = store.query(
                    "SELECT count(*) FILTER (WHERE path LIKE '%EX01.zip!/%') AS zipped,"
                            + " count(*) FILTER (WHERE path LIKE '%.gz') AS gzipped FROM ingested_files",
                    List.of());
            assertTrue(
                    (Long) names.rows().get(0).get(0) > 0
                            && (Long) names.rows().get(0).get(1) > 0,
                    names.rows().toString());
        }

        IngestSummary again = ingest(packed, packedDb);
        assertEquals(expected, tables(packedDb), "a second run stores nothing twice");
        assertEquals(0, again.filesRead(), again.toString());
    }

    private static IngestSummary ingest(Path share, Path database) throws IOException {
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(share));
        try (AuditDatabase store = AuditDatabase.openForWriting(database)) {
            return new Ingestor(store, IngestListener.SILENT, IisFieldNames.standard(), 2)
                    .run(found.logs(), found.skipped());
        }
    }

    private static List<ResultTable> tables(Path database) throws Exception {
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            List<ResultTable> tables = new java.util.ArrayList<>();
            for (String sql : SAME) {
                tables.add(store.query(sql, List.of()));
            }
            return tables;
        }
    }

    private static void zipFolder(Path source, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(source.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static void copyFolder(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }
}
