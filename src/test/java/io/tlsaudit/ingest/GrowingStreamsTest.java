package io.tlsaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several files of one stream that grow at once, as a copy job still running leaves them: however the growth falls
 * between and within runs, the database after each run holds what one run over the files as they are then stores,
 * so a connection that spans files is stored once.
 */
class GrowingStreamsTest {

    private static final List<String> SERVERS = List.of("EX01", "EX02");

    /** Every table a run fills from SMTP logs, without the time of the run. */
    private static final List<String> TABLES = List.of(
            "SELECT * FROM smtp_sessions ORDER BY ALL",
            "SELECT * FROM connection_checkpoints ORDER BY ALL",
            "SELECT * EXCLUDE (ingested_at) FROM ingested_files ORDER BY ALL");

    /**
     * Databases live in memory, open from run to run: a run plans against what the database holds and keeps nothing
     * of its own, and a file's open and commits would cost most of the time of these small runs.
     */
    private static final Path IN_MEMORY = Path.of(":memory:");

    @TempDir
    Path folder;

    /** Three runs while the copy job goes on, a fourth once it is done, each compared with one run over the files. */
    @ParameterizedTest
    @EnumSource(GrowingShare.Layout.class)
    void filesGrowingAtOnceBetweenRunsStoreWhatOneRunOverTheFilesStores(GrowingShare.Layout layout) throws Exception {
        forEachSeed(25, seed -> {
            GrowingShare copyJob = new GrowingShare(folder.resolve("share-" + seed), layout, SERVERS, seed, false);
            try (AuditDatabase database = AuditDatabase.openForWriting(IN_MEMORY)) {
                for (int run = 1; run <= 4; run++) {
                    if (run < 4) {
                        copyJob.copySome();
                    } else {
                        copyJob.copyAll();
                    }
                    List<ResultTable> stored = ingest(copyJob, database, threadsFor(seed), IngestListener.SILENT);
                    assertSameAsOneRun(copyJob, stored, "run " + run);
                }
                assertEachConnectionStoredOnce(copyJob, database);
            }
        });
    }

    /**
     * The copy job goes on while a run reads (when the run meets a broken line: that file and others of its stream
     * grow, earlier and later ones); the next run, with the files at rest, leaves what one run over them stores.
     */
    @ParameterizedTest
    @EnumSource(GrowingShare.Layout.class)
    void filesThatGrowWhileARunReadsThemAreReadOnByTheNextRun(GrowingShare.Layout layout) throws Exception {
        int seeds = 10;
        AtomicInteger grewWhileRead = new AtomicInteger();
        forEachSeed(seeds, seed -> {
            GrowingShare copyJob = new GrowingShare(folder.resolve("share-" + seed), layout, SERVERS, seed, true);
            boolean grew = false;
            try (AuditDatabase database = AuditDatabase.openForWriting(IN_MEMORY)) {
                for (int run = 1; run <= 4; run++) {
                    if (run < 4) {
                        copyJob.copySome();
                    } else {
                        copyJob.copyAll();
                    }
                    CopiesOnAtTheBrokenLine listener = new CopiesOnAtTheBrokenLine(copyJob);
                    ingest(copyJob, database, threadsFor(seed), listener);
                    grew |= listener.grewWhileRead;
                    List<ResultTable> stored = ingest(copyJob, database, 1, IngestListener.SILENT);
                    assertSameAsOneRun(copyJob, stored, "run " + run);
                }
                assertEachConnectionStoredOnce(copyJob, database);
            }
            if (grew) {
                grewWhileRead.incrementAndGet();
            }
        });
        assertTrue(grewWhileRead.get() >= seeds / 2, "a file grew while it was read in " + grewWhileRead + " seeds");
    }

    @ParameterizedTest
    @EnumSource(GrowingShare.Layout.class)
    void oneAndFourThreadsStoreTheSameWhileFilesGrow(GrowingShare.Layout layout) throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            List<List<ResultTable>> byThreads = new ArrayList<>();
            Path share = folder.resolve("share-" + seed);
            for (int threads : new int[] {1, 4}) {
                deleteTree(share); // the same files at the same place, copied in the same steps
                GrowingShare copyJob = new GrowingShare(share, layout, SERVERS, seed, false);
                List<ResultTable> afterEachRun = new ArrayList<>();
                try (AuditDatabase database = AuditDatabase.openForWriting(IN_MEMORY)) {
                    for (int run = 1; run <= 3; run++) {
                        copyJob.copySome();
                        afterEachRun.addAll(ingest(copyJob, database, threads, IngestListener.SILENT));
                    }
                }
                byThreads.add(afterEachRun);
            }
            assertTrue(byThreads.get(0).get(0).rows().size() > 0, "seed " + seed + " stored connections");
            assertEquals(byThreads.get(0), byThreads.get(1), "seed " + seed);
        }
    }

    /** A scenario drawn from a seed. */
    private interface Scenario {
        void run(long seed) throws Exception;
    }

    /** Runs the scenario of seeds 1 to {@code seeds}, then fails naming every seed that failed and the first failure. */
    private static void forEachSeed(int seeds, Scenario scenario) throws Exception {
        List<Long> failed = new ArrayList<>();
        AssertionError first = null;
        for (long seed = 1; seed <= seeds; seed++) {
            try {
                scenario.run(seed);
            } catch (AssertionError e) {
                failed.add(seed);
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new AssertionError(
                    failed.size() + " of " + seeds + " seeds failed: " + failed + "; seed " + failed.get(0) + ", "
                            + first.getMessage(),
                    first);
        }
    }

    /** Odd seeds read with one thread, even ones with four. */
    private static int threadsFor(long seed) {
        return seed % 2 == 1 ? 1 : 4;
    }

    /** A listener that has the copy job copy more, once, when the run reads the broken line of a file. */
    private static final class CopiesOnAtTheBrokenLine implements IngestListener {
        private final GrowingShare copyJob;
        private boolean copied;
        boolean grewWhileRead;

        CopiesOnAtTheBrokenLine(GrowingShare copyJob) {
            this.copyJob = copyJob;
        }

        @Override
        public void problem(LineProblem problem) {
            if (!copied && problem.excerpt().contains(GrowingShare.BROKEN_LINE)) {
                copied = true;
                grewWhileRead = copyJob.copyDuringRun(Path.of(problem.file()));
            }
        }

        @Override
        public void skipped(SkippedFile file) {}

        @Override
        public void fileDone(LogFile file, FileResult result) {}
    }

    private void assertSameAsOneRun(GrowingShare copyJob, List<ResultTable> stored, String when) throws Exception {
        List<ResultTable> oneRun;
        try (AuditDatabase database = AuditDatabase.openForWriting(IN_MEMORY)) {
            oneRun = ingest(copyJob, database, 1, IngestListener.SILENT);
        }
        assertSameRows(oneRun, stored, when);
    }

    /**
     * Once the files are whole: one row per connection written, with all its rows (those still open at the end of
     * the last file among them, as pending rows).
     */
    private static void assertEachConnectionStoredOnce(GrowingShare copyJob, AuditDatabase database) throws Exception {
        assertEquals(
                List.of(List.of((long) copyJob.connections(), (long) copyJob.connections(), (long) copyJob.dataRows())),
                database.query(
                                "SELECT count(*), count(DISTINCT (server, session_id)), sum(row_count)::BIGINT"
                                        + " FROM smtp_sessions",
                                List.of())
                        .rows(),
                "connections, distinct connections, their rows");
    }

    /** Fails naming only the rows that differ, table by table. */
    private static void assertSameRows(List<ResultTable> expected, List<ResultTable> actual, String when) {
        StringBuilder differences = new StringBuilder();
        for (int t = 0; t < expected.size(); t++) {
            List<List<Object>> missing = new ArrayList<>(expected.get(t).rows());
            actual.get(t).rows().forEach(missing::remove);
            List<List<Object>> extra = new ArrayList<>(actual.get(t).rows());
            expected.get(t).rows().forEach(extra::remove);
            if (!missing.isEmpty() || !extra.isEmpty()) {
                differences
                        .append("\n")
                        .append(TABLES.get(t))
                        .append(" ")
                        .append(expected.get(t).columns());
                missing.forEach(
                        row -> differences.append("\n  only in one run: ").append(row));
                extra.forEach(
                        row -> differences.append("\n  only after the runs: ").append(row));
            }
        }
        if (!differences.isEmpty()) {
            fail(when + ":" + differences);
        }
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Runs ingest over the share and returns the tables as that run left them. */
    private static List<ResultTable> ingest(
            GrowingShare copyJob, AuditDatabase database, int threads, IngestListener listener) throws Exception {
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(copyJob.roots());
        new Ingestor(database, listener, IisFieldNames.standard(), threads).run(found.logs(), found.skipped());
        List<ResultTable> tables = new ArrayList<>();
        for (String query : TABLES) {
            tables.add(database.query(query, List.of()));
        }
        return tables;
    }
}
