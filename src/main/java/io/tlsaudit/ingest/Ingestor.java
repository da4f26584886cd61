package io.tlsaudit.ingest;

import io.tlsaudit.assemble.IisRequestGroup;
import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.discover.FileFailures;
import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.IngestBatch;
import io.tlsaudit.store.IngestLedger;
import io.tlsaudit.store.PendingReader;
import io.tlsaudit.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the pipeline for a list of discovered files. The run is planned against the ledger first (files unchanged
 * since they were read are skipped, so a repeated run stores nothing twice); then reading threads take whole units
 * (the files of one SMTP stream, or one IIS log) and parse and assemble them, while this thread alone writes to the
 * database: it appends what each file yielded and commits a batch of files at a time, each file with its ledger
 * entry, so a run killed at any moment loses nothing committed and stores nothing twice when run again.
 *
 * <p>One writer: a second writer thread on a connection of its own, storing the IIS logs' outcomes while this one
 * stored the SMTP streams', spread DuckDB's work over both cores but won nothing, since on 2 cores the run is bound by
 * the CPU of all threads together. Alternated 3 times on the benchmark share on 2026-12-01: 10.3-10.8 s against
 * 9.9-11.9 s with one writer.
 */
public final class Ingestor {

    /** Problems kept in {@code ingest_errors} per file; all of them are counted. */
    static final int PROBLEM_SAMPLE_PER_FILE = 100;

    /**
     * A batch is committed after this many bytes read: a commit costs a few statements and a write of the
     * database's log, so commits per file would cost more than the reading itself on a share of small files. Large
     * batches pay on a large share too: once a transaction has appended a whole row group (122,880 rows) to a table,
     * DuckDB writes it compressed to the file at once, and its commit and the final checkpoint only link it in,
     * instead of copying small batches into the table, into the write-ahead log and compressing them again at the
     * end. Measured on the 1.2 GB benchmark share (3 rounds alternated, under a load of 4-5): 64 MB (18 commits),
     * commits 4.1-4.6 s and close 1.8-3.6 s, median 24.0 s; 512 MB (3), 1.5-1.8 s and 0.7-1.2 s, 22.3 s; 1 GiB (2),
     * 1.0-1.4 s and 0.2-0.5 s, 20.3 s, peak RSS 380-405 MB against 417-423 MB: DuckDB's memory stays within its
     * limit however large the batch, as full row groups leave it. A killed run reads the files of its last batch
     * again; {@link #BATCH_NANOS} bounds that.
     */
    static final long BATCH_BYTES = 1L << 30;

    /** ... or after this many files, so a share of many small files still commits as it goes. */
    static final int BATCH_FILES = 2_000;

    /** ... or after this long, so a slow share still shows committed progress and a kill loses little work. */
    static final long BATCH_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Outcomes waiting to be stored per reading thread: enough to keep the writer busy, few enough to bound memory. */
    private static final int QUEUED_PER_THREAD = 2;

    private final AuditDatabase database;
    private final IngestListener listener;
    private final IisFieldNames iisFieldNames;
    private final int threads;

    /** As {@link #Ingestor(AuditDatabase, IngestListener, IisFieldNames, int)} with {@link #defaultThreads()}. */
    public Ingestor(AuditDatabase database, IngestListener listener, IisFieldNames iisFieldNames) {
        this(database, listener, iisFieldNames, defaultThreads());
    }

    /** Reading threads when none are asked for: one per core; the writer is one more. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * @param iisFieldNames the names of the IIS custom fields that hold TLS values and the original client address
     * @param threads reading threads; the stored result is the same for any number
     */
    public Ingestor(AuditDatabase database, IngestListener listener, IisFieldNames iisFieldNames, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.database = database;
        this.listener = new SerialListener(listener);
        this.iisFieldNames = iisFieldNames;
        this.threads = threads;
    }

    /** Reads {@code logs} in order (see {@link io.tlsaudit.discover.LogFileFinder}) and reports the skipped files. */
    public IngestSummary run(List<LogFile> logs, List<SkippedFile> skipped) {
        Totals totals = new Totals();
        for (SkippedFile file : skipped) {
            listener.skipped(file);
            if (file.kind() == SkippedFile.Kind.EXCLUDED) {
                totals.filesExcluded++;
                continue;
            }
            totals.filesSkipped++;
            if (file.problem()) {
                totals.filesWithProblems++;
                totals.problems++;
            }
            if (file.unreadable()) {
                totals.filesUnreadable++;
            }
        }
        ReadPlan plan = ReadPlan.make(logs, database.ledger().all());
        try (IngestBatch batch = database.ingestBatch()) {
            // Files the walk could not read (permission denied, broken links, loops) go to ingest_errors too, so the
            // report's coverage names them: "no legacy TLS found" must not hide "not read".
            for (SkippedFile file : skipped) {
                if (file.unreadable()) {
                    String storedName = Path.of(file.displayName())
                            .toAbsolutePath()
                            .normalize()
                            .toString();
                    batch.problem(LineProblem.ofFile(storedName, file.reason()));
                }
            }
            for (ReadPlan.Unreadable file : plan.unreadable()) {
                FileProblems problems = new FileProblems(file.log().displayName(), file.storedName(), listener);
                problems.report(LineProblem.ofFile(
                        file.log().displayName(), "cannot read: " + FileFailures.describe(file.failure())));
                problems.sample().forEach(batch::problem);
                totals.filesWithProblems++;
                totals.filesUnreadable++;
                totals.problems += problems.count();
            }
            undoRereads(plan, batch);
            batch.commit();
            listener.planned(
                    logs.size(),
                    plan.steps().stream().mapToLong(ReadUnit::bytesToRead).sum());
            for (ReadPlan.Step step : plan.steps()) {
                if (step.action() == ReadPlan.Action.SKIP) {
                    totals.filesUnchanged++;
                    listener.fileDone(step.log(), new IngestListener.FileResult(0, 0, 0, true, 0));
                }
            }
            List<ReadUnit> units = ReadUnit.of(plan.steps());
            if (!units.isEmpty()) {
                readAndStore(units, batch, batch.streamsWithPendingRows(), totals);
            }
        }
        totals.connectionsUnfinished = database.pendingConnections().count();
        return totals.summary();
    }

    /**
     * Removes what earlier reads stored from the files read again whole, in the plan's transaction. A stream read
     * again from a file on gets back, as its pending connections, those open at that file's start, so the state
     * committed here is the one of a share in which those files were never read.
     */
    private void undoRereads(ReadPlan plan, IngestBatch batch) {
        Set<String> forgotten = new HashSet<>();
        for (ReadPlan.StreamRestart restart : plan.restarts()) {
            List<SmtpConnection> openThen = restart.checkpointFile() == null
                    ? List.of()
                    : database.checkpoints().load(restart.checkpointFile());
            database.pendingConnections().deleteStored(openThen);
            for (String file : restart.forgotten()) {
                if (forgotten.add(file)) {
                    database.ledger().forget(file);
                }
            }
            database.checkpoints().delete(restart.forgotten());
            batch.stillOpen(restart.stream(), openThen);
        }
        for (ReadPlan.Step step : plan.steps()) {
            if (step.action() == ReadPlan.Action.READ_WHOLE
                    && step.known().isPresent()
                    && !forgotten.contains(step.storedName())) {
                // Replaced, rewritten, or a read that failed: what was stored from it goes, and it is read again;
                // for a log found under a new name, what was stored under the name it was read as.
                Set<String> names = new LinkedHashSet<>(
                        List.of(step.storedName(), step.known().get().path()));
                for (String name : names) {
                    if (forgotten.add(name)) {
                        database.ledger().forget(name);
                    }
                }
                database.checkpoints().delete(names);
            }
        }
    }

    /** A reading thread's end: null when it read all it took, else what stopped it. */
    private record ReaderDone(Throwable failure) {}

    private void readAndStore(List<ReadUnit> units, IngestBatch batch, Set<LogStream> withPendingRows, Totals totals) {
        ConcurrentLinkedQueue<ReadUnit> work = new ConcurrentLinkedQueue<>(units);
        int readers = Math.min(threads, units.size());
        BlockingQueue<Object> outcomes = new ArrayBlockingQueue<>(readers * QUEUED_PER_THREAD);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            Thread reader = new Thread(() -> readUnits(work, withPendingRows, outcomes), "tlsaudit-reader-" + (i + 1));
            reader.setDaemon(true);
            started.add(reader);
            reader.start();
        }
        try {
            storeOutcomes(outcomes, readers, work, batch, totals);
        } finally {
            // On a failure here the readers may be blocked handing over outcomes: stop them.
            work.clear();
            started.forEach(Thread::interrupt);
            for (Thread reader : started) {
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void readUnits(
            ConcurrentLinkedQueue<ReadUnit> work, Set<LogStream> withPendingRows, BlockingQueue<Object> outcomes) {
        Throwable failure = null;
        try (PendingReader pending = database.pendingReader()) {
            StreamReader reader = new StreamReader(
                    pending, withPendingRows, listener, iisFieldNames, outcome -> handOver(outcomes, outcome));
            ReadUnit unit;
            while ((unit = work.poll()) != null) {
                reader.read(unit);
            }
        } catch (Stopped stopped) {
            return; // the writer stopped the run; it reports why
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        try {
            outcomes.put(new ReaderDone(failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown in a reading thread when the run is stopped while it reads or waits to hand over an outcome. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static void handOver(BlockingQueue<Object> outcomes, FileOutcome outcome) {
        try {
            outcomes.put(outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** Stores outcomes as they come, committing a batch at a time, until every reading thread is done. */
    private void storeOutcomes(
            BlockingQueue<Object> outcomes,
            int readers,
            ConcurrentLinkedQueue<ReadUnit> work,
            IngestBatch batch,
            Totals totals) {
        int running = readers;
        Set<String> partlyStored = new HashSet<>();
        long batchBytes = 0;
        long batchStarted = System.nanoTime();
        Throwable failure = null;
        while (running > 0) {
            Object next;
            try {
                next = outcomes.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("ingest interrupted", e);
            }
            if (next instanceof ReaderDone done) {
                running--;
                if (done.failure() != null && failure == null) {
                    failure = done.failure();
                    work.clear(); // the other readers finish their unit and stop
                }
                continue;
            }
            if (failure != null) {
                continue; // nothing more is stored after a reader failed; what is committed stays consistent
            }
            FileOutcome outcome = (FileOutcome) next;
            if (!outcome.complete) {
                storeRows(outcome, batch, totals);
                partlyStored.add(outcome.storedName);
                continue;
            }
            partlyStored.remove(outcome.storedName);
            store(outcome, batch, totals);
            batchBytes += outcome.bytesRead;
            // A commit holds whole files only: a file of which some parts are stored waits for its last part.
            boolean due = batchBytes >= BATCH_BYTES
                    || batch.fileCount() >= BATCH_FILES
                    || System.nanoTime() - batchStarted >= BATCH_NANOS;
            if (due && partlyStored.isEmpty()) {
                commit(batch, totals);
                batchBytes = 0;
                batchStarted = System.nanoTime();
            }
        }
        if (failure != null) {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) failure;
        }
        commit(batch, totals);
    }

    private void commit(IngestBatch batch, Totals totals) {
        batch.commit();
        listener.committed(totals.connectionsStored, totals.dataRows);
    }

    /** Appends the connections and requests of an outcome, a part of a file or its last. */
    private static void storeRows(FileOutcome outcome, IngestBatch batch, Totals totals) {
        for (SmtpConnection connection : outcome.finished) {
            batch.finished(connection);
        }
        for (IisRequestGroup group : outcome.requests) {
            batch.request(group);
        }
        totals.connectionsStored += outcome.finished.size();
    }

    private void store(FileOutcome outcome, IngestBatch batch, Totals totals) {
        storeRows(outcome, batch, totals);
        outcome.problemSample().forEach(batch::problem);
        if (outcome.openAtStart != null) {
            batch.checkpoint(outcome.ledgerEntry.path(), outcome.openAtStart);
        }
        if (outcome.stream != null) {
            batch.stillOpen(outcome.stream, outcome.openAtEnd);
        }
        batch.file(outcome.ledgerEntry);
        long problems = outcome.problems.count();
        if (outcome.unchanged) {
            totals.filesUnchanged++;
        } else {
            totals.filesRead++;
            totals.dataRows += outcome.dataRows;
            totals.rejectedLines += outcome.rejectedLines;
            totals.problems += problems;
            if (readFailed(outcome)) {
                totals.filesWithProblems++;
                totals.filesUnreadable++;
            }
        }
        listener.fileDone(
                outcome.log,
                new IngestListener.FileResult(
                        outcome.dataRows, outcome.rejectedLines, problems, outcome.unchanged, outcome.bytesRead));
    }

    /**
     * True when the read of a file failed: it vanished, became unreadable or hit an I/O error after it was found.
     * {@link StreamReader} reports such a read as a problem of the file, keeps no fingerprint for it (the next run
     * reads it again whole) and marks it unfinished; a read overtaken by a change to the file is unfinished too, but
     * read bytes and keeps the fingerprint taken at its start.
     */
    private static boolean readFailed(FileOutcome outcome) {
        IngestLedger.FileRecord entry = outcome.ledgerEntry;
        return entry.sizeBytes() == ReadPlan.UNFINISHED
                && entry.headCrc() == 0
                && entry.tailCrc() == 0
                && outcome.bytesRead == 0;
    }

    private static final class Totals {
        long filesRead;
        long filesUnchanged;
        long filesSkipped;
        long filesWithProblems;
        long dataRows;
        long rejectedLines;
        long problems;
        long connectionsStored;
        long connectionsUnfinished;
        long filesExcluded;
        long filesUnreadable;

        IngestSummary summary() {
            return new IngestSummary(
                    filesRead,
                    filesUnchanged,
                    filesSkipped,
                    filesWithProblems,
                    dataRows,
                    rejectedLines,
                    problems,
                    connectionsStored,
                    connectionsUnfinished,
                    filesExcluded,
                    filesUnreadable);
        }
    }
}
