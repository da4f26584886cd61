package io.tlsaudit.ingest;

import io.tlsaudit.assemble.IisRequestAggregator;
import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.assemble.SmtpSessionAssembler;
import io.tlsaudit.assemble.StreamSessions;
import io.tlsaudit.discover.FileHead;
import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.ResumePoint;
import io.tlsaudit.parse.smtp.SmtpDirection;
import io.tlsaudit.parse.smtp.SmtpLogReader;
import io.tlsaudit.parse.smtp.SmtpRecord;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.parse.w3c.IisRequest;
import io.tlsaudit.parse.w3c.W3cLogReader;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.IisRequestWriter;
import io.tlsaudit.store.IngestLedger;
import io.tlsaudit.store.ProblemWriter;
import io.tlsaudit.store.SmtpConnectionWriter;
import io.tlsaudit.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Runs the pipeline for a list of discovered files: read each file, assemble its rows into connections, store them,
 * and commit the file together with its ledger entry. Files the ledger shows unchanged are skipped, so a repeated
 * run over the same share stores nothing twice.
 */
public final class Ingestor {

    /** Problems kept in {@code ingest_errors} per file; all of them are counted. */
    static final int PROBLEM_SAMPLE_PER_FILE = 100;

    /** Ledger size of a file whose read failed: it never matches, so the next run forgets and re-reads the file. */
    private static final long UNFINISHED = -1;

    private final AuditDatabase database;
    private final IngestListener listener;
    private final IisFieldNames iisFieldNames;

    /**
     * @param iisFieldNames the names of the IIS custom fields that hold TLS values and the original client address
     */
    public Ingestor(AuditDatabase database, IngestListener listener, IisFieldNames iisFieldNames) {
        this.database = database;
        this.listener = listener;
        this.iisFieldNames = iisFieldNames;
    }

    /** Reads {@code logs} in order (see {@link io.tlsaudit.discover.LogFileFinder}) and reports the skipped files. */
    public IngestSummary run(List<LogFile> logs, List<SkippedFile> skipped) {
        Totals totals = new Totals();
        for (SkippedFile file : skipped) {
            listener.skipped(file);
            totals.filesSkipped++;
            if (file.problem()) {
                totals.filesWithProblems++;
                totals.problems++;
            }
        }
        try (SmtpConnectionWriter connections = database.smtpConnectionWriter();
                IisRequestWriter requests = database.iisRequestWriter();
                ProblemWriter problemRows = database.problemWriter()) {
            Writers writers = new Writers(connections, requests, problemRows);
            SmtpSessionAssembler assembler = new SmtpSessionAssembler(
                    connection -> {
                        connections.write(connection, false);
                        totals.connectionsStored++;
                    },
                    problem -> totals.currentFile.report(problem));
            // Connections an earlier run left open continue with the rows of this run.
            assembler.resume(database.pendingConnections().load());
            for (LogFile log : logs) {
                ingestFile(log, assembler, writers, totals);
            }
            totals.connectionsUnfinished = assembler.openCount();
        }
        return totals.summary();
    }

    private record Writers(SmtpConnectionWriter connections, IisRequestWriter requests, ProblemWriter problems) {}

    /** What reading one file yielded, for its ledger entry. */
    private record FileYield(
            long completeBytes,
            long linesRead,
            long dataRows,
            long rejected,
            String server,
            String direction,
            Optional<String> fieldsLine,
            Optional<String> logTypeLine,
            Optional<StreamSessions> sessions) {

        static FileYield nothing(String server) {
            return new FileYield(0, 0, 0, 0, server, null, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /**
     * Reads one file, new or from where an earlier run stopped, and commits its rows, the snapshot of its stream's
     * open connections and its ledger entry in one transaction: a run killed at any point loses nothing committed.
     */
    private void ingestFile(LogFile log, SmtpSessionAssembler assembler, Writers writers, Totals totals) {
        IngestLedger ledger = database.ledger();
        Path path = log.path();
        String storedName = path.toAbsolutePath().normalize().toString();
        FileProblems problems = new FileProblems(log.displayName(), storedName, writers.problems(), listener);
        totals.currentFile = problems;
        long size;
        LocalDateTime modifiedAt;
        Optional<IngestLedger.FileRecord> known;
        ResumePoint from = ResumePoint.START;
        try {
            size = Files.size(path);
            // Truncated to the database's TIMESTAMP precision so it compares equal with the stored value.
            modifiedAt = LocalDateTime.ofInstant(Files.getLastModifiedTime(path).toInstant(), ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.MICROS);
            known = ledger.find(storedName);
            if (known.isPresent()
                    && known.get().sizeBytes() == size
                    && known.get().modifiedAt().equals(modifiedAt)) {
                totals.filesUnchanged++;
                listener.fileDone(log, new IngestListener.FileResult(0, 0, 0, true));
                return;
            }
            if (known.isPresent() && grewOnly(known.get(), path, size)) {
                IngestLedger.FileRecord before = known.get();
                from = new ResumePoint(
                        before.completeBytes(), before.linesRead(), before.fieldsLine(), before.logTypeLine());
            } else if (known.isPresent()) {
                // Replaced, shrunk, or a read that failed: what was stored from it goes, and it is read again whole.
                ledger.forget(storedName);
                assembler.dropFrom(storedName);
                known = Optional.empty();
            }
        } catch (IOException e) {
            problems.report(LineProblem.ofFile(log.displayName(), "cannot read: " + e.getMessage()));
            totals.add(problems);
            return;
        }
        FileYield yield;
        long recordedSize = size;
        String knownServer = known.map(IngestLedger.FileRecord::server).orElse(null);
        try {
            yield = switch (log.format()) {
                case SMTP_PROTOCOL -> readSmtp(log, storedName, from, knownServer, assembler, problems);
                case IIS_W3C -> readIis(log, storedName, from, writers.requests(), problems);
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException store) {
                throw store; // the database failed: stop the run; the file's rows are not committed
            }
            // What was read is kept; the ledger marks the file unfinished so the next run reads it again whole.
            problems.report(LineProblem.ofFile(
                    log.displayName(), "cannot read: " + e.getMessage() + "; it is read again on the next run"));
            yield = FileYield.nothing(log.server().orElse(knownServer));
            recordedSize = UNFINISHED;
        }
        writers.connections().flush();
        yield.sessions().ifPresent(sessions -> snapshotOpenConnections(sessions, writers.connections()));
        writers.requests().flush();
        problems.flush();
        IngestLedger.FileRecord before = known.orElse(null);
        long headCrc;
        try {
            headCrc = FileHead.crc(path, yield.completeBytes());
        } catch (IOException e) {
            headCrc = 0;
            recordedSize = UNFINISHED;
        }
        ledger.record(new IngestLedger.FileRecord(
                storedName,
                log.format().label(),
                yield.server(),
                log.service(),
                yield.direction() != null ? yield.direction() : before == null ? null : before.direction(),
                recordedSize,
                yield.completeBytes(),
                modifiedAt,
                yield.dataRows() + (before == null ? 0 : before.dataRows()),
                yield.rejected() + (before == null ? 0 : before.rejectedLines()),
                problems.count() + (before == null ? 0 : before.problems()),
                yield.linesRead(),
                yield.fieldsLine(),
                yield.logTypeLine(),
                headCrc));
        database.commit();
        totals.filesRead++;
        totals.dataRows += yield.dataRows();
        totals.rejectedLines += yield.rejected();
        totals.add(problems);
        listener.fileDone(
                log, new IngestListener.FileResult(yield.dataRows(), yield.rejected(), problems.count(), false));
    }

    /** True when the file is the one read before, longer now: same first bytes, not shorter than what was read. */
    private static boolean grewOnly(IngestLedger.FileRecord before, Path path, long size) throws IOException {
        return before.sizeBytes() != UNFINISHED
                && size >= before.completeBytes()
                && FileHead.crc(path, before.completeBytes()) == before.headCrc();
    }

    /** Replaces the stream's pending rows with its connections open now. */
    private void snapshotOpenConnections(StreamSessions sessions, SmtpConnectionWriter connections) {
        database.pendingConnections().delete(sessions.stream());
        for (SmtpConnection open : sessions.openConnections()) {
            connections.write(open, true);
        }
        connections.flush();
    }

    private FileYield readSmtp(
            LogFile log,
            String storedName,
            ResumePoint from,
            String knownServer,
            SmtpSessionAssembler assembler,
            FileProblems problems)
            throws IOException {
        String server = log.server().orElse(knownServer);
        try (SmtpLogReader reader = SmtpLogReader.open(log.path(), log.displayName(), problems, from)) {
            StreamSessions sessions = null;
            SmtpRecord record;
            while ((record = reader.next()) != null) {
                if (sessions == null) {
                    Optional<SmtpDirection> fileDirection = reader.direction();
                    if (fileDirection.isEmpty()) {
                        problems.report(LineProblem.ofFile(
                                log.displayName(),
                                "no SMTP #Log-type line before the first row; cannot tell Send from Receive, file"
                                        + " skipped"));
                        break;
                    }
                    if (server == null) {
                        server = serverFromConnector(record.connectorId(), fileDirection.get());
                    }
                    sessions = assembler.stream(new LogStream(server, log.service(), fileDirection.get()));
                }
                sessions.accept(record, storedName);
            }
            if (sessions != null) {
                sessions.closeIdle();
            }
            return new FileYield(
                    reader.completeBytes(),
                    reader.linesRead(),
                    reader.rowsRead(),
                    reader.linesRejected(),
                    server,
                    reader.direction().map(SmtpDirection::label).orElse(null),
                    reader.fieldsLine(),
                    reader.logTypeLine(),
                    Optional.ofNullable(sessions));
        }
    }

    private FileYield readIis(
            LogFile log, String storedName, ResumePoint from, IisRequestWriter writer, FileProblems problems)
            throws IOException {
        String server = log.server().orElse("unknown");
        IisRequestAggregator requests = new IisRequestAggregator(server, log.service(), storedName, writer::write);
        try (W3cLogReader reader = W3cLogReader.open(log.path(), log.displayName(), problems, iisFieldNames, from)) {
            IisRequest request;
            while ((request = reader.next()) != null) {
                requests.accept(request);
            }
            requests.finish();
            return new FileYield(
                    reader.completeBytes(),
                    reader.linesRead(),
                    reader.rowsRead(),
                    reader.linesRejected(),
                    server,
                    null,
                    reader.fieldsLine(),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    /** Receive connector ids are {@code SERVER\connector name}; Send connector ids name no server. */
    private static String serverFromConnector(String connectorId, SmtpDirection direction) {
        int backslash = connectorId.indexOf('\\');
        if (direction == SmtpDirection.RECEIVE && backslash > 0) {
            return connectorId.substring(0, backslash);
        }
        return "unknown";
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
        FileProblems currentFile;

        void add(FileProblems file) {
            problems += file.count();
        }

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
                    connectionsUnfinished);
        }
    }
}
