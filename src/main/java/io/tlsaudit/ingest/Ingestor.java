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
import io.tlsaudit.parse.ReadProgress;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs the pipeline for a list of discovered files: read each file, assemble its rows into connections, store them,
 * and commit the file together with its ledger entry. Files the ledger shows unchanged are skipped, so a repeated
 * run over the same share stores nothing twice.
 */
public final class Ingestor {

    /** Problems kept in {@code ingest_errors} per file; all of them are counted. */
    static final int PROBLEM_SAMPLE_PER_FILE = 100;

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
            ReadPlan plan = ReadPlan.make(logs, database.ledger());
            for (ReadPlan.Unreadable file : plan.unreadable()) {
                FileProblems problems =
                        new FileProblems(file.log().displayName(), file.storedName(), writers.problems(), listener);
                problems.report(LineProblem.ofFile(
                        file.log().displayName(),
                        "cannot read: " + file.failure().getMessage()));
                problems.flush();
                totals.filesWithProblems++;
                totals.add(problems);
            }
            database.commit();
            for (ReadPlan.Step step : plan.steps()) {
                ingestFile(step, assembler, writers, totals);
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
            Optional<FileHead.Fingerprint> fingerprint,
            boolean changedWhileRead,
            long contentCrc) {}

    /** The stream of the SMTP file being read, once its first row (or its end) has told which it is. */
    private static final class StreamHolder {
        StreamSessions sessions;
    }

    /**
     * Reads one file, new or from where an earlier read stopped, and commits its rows, the snapshot of its stream's
     * open connections and its ledger entry in one transaction: a run killed at any point loses nothing committed.
     */
    private void ingestFile(ReadPlan.Step step, SmtpSessionAssembler assembler, Writers writers, Totals totals) {
        LogFile log = step.log();
        if (step.action() == ReadPlan.Action.SKIP || step.action() == ReadPlan.Action.TOUCHED) {
            if (step.action() == ReadPlan.Action.TOUCHED) {
                IngestLedger.FileRecord before = step.known().orElseThrow();
                database.ledger().record(before.withModifiedAt(step.modifiedAt()));
                database.commit();
            }
            totals.filesUnchanged++;
            listener.fileDone(log, new IngestListener.FileResult(0, 0, 0, true, 0));
            return;
        }
        IngestLedger ledger = database.ledger();
        String storedName = step.storedName();
        FileProblems problems = new FileProblems(log.displayName(), storedName, writers.problems(), listener);
        totals.currentFile = problems;
        Optional<IngestLedger.FileRecord> known = step.known();
        step.restart().ifPresent(restart -> undoStreamFrom(restart, assembler));
        if (step.action() == ReadPlan.Action.READ_WHOLE && known.isPresent()) {
            // Replaced, rewritten, or a read that failed: what was stored from it goes, and it is read again whole.
            ledger.forget(storedName);
            known = Optional.empty();
        }
        IngestLedger.FileRecord before = known.orElse(null);
        String knownServer = step.known().map(IngestLedger.FileRecord::server).orElse(null);
        StreamHolder stream = new StreamHolder();
        FileYield yield;
        boolean finished = true;
        try {
            yield = switch (log.format()) {
                case SMTP_PROTOCOL -> readSmtp(log, storedName, step.from(), knownServer, assembler, stream, problems);
                case IIS_W3C -> readIis(log, storedName, step.from(), writers.requests(), problems);
            };
            if (yield.changedWhileRead()) {
                problems.report(LineProblem.ofFile(
                        log.displayName(),
                        "changed while it was read (truncated, rotated or rewritten); what was read is kept and the"
                                + " file is read again on the next run"));
                finished = false;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException store) {
                throw store; // the database failed: stop the run; the file's rows are not committed
            }
            // What was read is kept; the ledger marks the file unfinished so the next run reads its stream again
            // from this file on, from the connections open at its start.
            problems.report(LineProblem.ofFile(
                    log.displayName(), "cannot read: " + e.getMessage() + "; it is read again on the next run"));
            // The stream, once known, places the file for the re-read; what was read is in the stream's state.
            Optional<LogStream> entered = Optional.ofNullable(stream.sessions).map(StreamSessions::stream);
            yield = new FileYield(
                    step.from().byteOffset(),
                    step.from().linesRead(),
                    0,
                    0,
                    entered.map(LogStream::server).orElse(log.server().orElse(knownServer)),
                    entered.map(s -> s.direction().label())
                            .orElse(
                                    before != null
                                            ? before.direction()
                                            // a read that failed before its first row still places the file in its
                                            // stream
                                            : ReadPlan.headerDirection(log)
                                                    .map(SmtpDirection::label)
                                                    .orElse(null)),
                    step.from().fieldsLine(),
                    step.from().logTypeLine(),
                    Optional.empty(),
                    false,
                    IngestLedger.FileRecord.UNKNOWN_CRC);
            finished = false;
        }
        writers.connections().flush();
        if (stream.sessions != null) {
            snapshotOpenConnections(stream.sessions, writers.connections());
        }
        writers.requests().flush();
        problems.flush();
        // A failed read keeps no fingerprint: the file is read again whole whatever it holds.
        FileHead.Fingerprint fingerprint = yield.fingerprint().orElse(new FileHead.Fingerprint(0, 0));
        ledger.record(new IngestLedger.FileRecord(
                storedName,
                log.format().label(),
                yield.server(),
                log.service(),
                yield.direction() != null ? yield.direction() : before == null ? null : before.direction(),
                finished ? step.size() : ReadPlan.UNFINISHED,
                yield.completeBytes(),
                step.modifiedAt(),
                yield.dataRows() + (before == null ? 0 : before.dataRows()),
                yield.rejected() + (before == null ? 0 : before.rejectedLines()),
                problems.count() + (before == null ? 0 : before.problems()),
                yield.linesRead(),
                yield.fieldsLine(),
                yield.logTypeLine(),
                fingerprint.head(),
                fingerprint.tail(),
                // A read from the start records the stream's state there once the stream is known (enterStream).
                (stream.sessions != null && step.from().byteOffset() == 0) || (before != null && before.checkpointed()),
                finished ? yield.contentCrc() : IngestLedger.FileRecord.UNKNOWN_CRC));
        database.commit();
        totals.filesRead++;
        totals.dataRows += yield.dataRows();
        totals.rejectedLines += yield.rejected();
        totals.add(problems);
        listener.fileDone(
                log,
                new IngestListener.FileResult(
                        yield.dataRows(),
                        yield.rejected(),
                        problems.count(),
                        false,
                        yield.completeBytes() - step.from().byteOffset()));
    }

    /**
     * Undoes what earlier reads stored from {@code restart}'s files on, and puts its stream back to the connections
     * open at the first of them: the files are read again in order, so each connection is assembled once, whole.
     */
    private void undoStreamFrom(ReadPlan.StreamRestart restart, SmtpSessionAssembler assembler) {
        List<SmtpConnection> openThen = restart.checkpointFile() == null
                ? List.of()
                : database.checkpoints().load(restart.checkpointFile());
        database.pendingConnections().deleteStored(openThen);
        database.pendingConnections().delete(restart.stream());
        for (String file : restart.forgotten()) {
            database.ledger().forget(file);
        }
        database.checkpoints().delete(restart.forgotten());
        assembler.stream(restart.stream()).restore(openThen);
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
            StreamHolder stream,
            FileProblems problems)
            throws IOException {
        String server = log.server().orElse(knownServer);
        try (SmtpLogReader reader = SmtpLogReader.open(log.path(), log.displayName(), problems, from)) {
            FileHead.Fingerprint before = FileHead.fingerprint(log.path(), reader.completeBytes());
            SmtpRecord record;
            while ((record = reader.next()) != null) {
                if (stream.sessions == null) {
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
                    enterStream(
                            new LogStream(server, log.service(), fileDirection.get()),
                            storedName,
                            from,
                            assembler,
                            stream);
                }
                stream.sessions.accept(record, storedName);
            }
            if (stream.sessions == null && server != null && reader.direction().isPresent()) {
                // A file without rows still marks a place in its stream: what was open before it is open after it.
                enterStream(
                        new LogStream(server, log.service(), reader.direction().get()),
                        storedName,
                        from,
                        assembler,
                        stream);
            }
            if (stream.sessions != null) {
                stream.sessions.closeIdle();
            }
            return new FileYield(
                    Math.min(reader.progress().bytesRead(), reader.completeBytes()),
                    reader.linesRead(),
                    reader.rowsRead(),
                    reader.linesRejected(),
                    server,
                    reader.direction().map(SmtpDirection::label).orElse(null),
                    reader.fieldsLine(),
                    reader.logTypeLine(),
                    Optional.of(before),
                    changedWhileRead(
                            log, reader.completeBytes(), reader.progress().bytesRead(), before),
                    contentCrc(log, reader.progress(), reader.completeBytes()));
        }
    }

    /**
     * Starts the file's rows on its stream; a file read from its start first records the stream's open connections
     * as the state at that file's start, so the stream can later be read again from this file on.
     */
    private void enterStream(
            LogStream logStream,
            String storedName,
            ResumePoint from,
            SmtpSessionAssembler assembler,
            StreamHolder stream) {
        stream.sessions = assembler.stream(logStream);
        if (from.byteOffset() == 0) {
            database.checkpoints().save(storedName, stream.sessions.openConnections());
        }
    }

    /**
     * The CRC-32 of the file's first {@code completeBytes}, for telling a touched file from a rewritten one later: the
     * reader's own for a whole read, which saw every byte; a read that went on from an offset reads the start again.
     */
    private static long contentCrc(LogFile log, ReadProgress progress, long completeBytes) {
        OptionalLong whole = progress.contentCrc();
        if (whole.isPresent() && progress.bytesRead() == completeBytes) {
            return whole.getAsLong();
        }
        try {
            return FileHead.contentCrc(log.path(), completeBytes);
        } catch (IOException e) {
            return IngestLedger.FileRecord.UNKNOWN_CRC;
        }
    }

    /**
     * True when the file was truncated, rotated or rewritten while it was read: the read ended short of the bytes it
     * set out to read, or the first bytes or those before the end of the read are not what they were at its start.
     */
    private static boolean changedWhileRead(
            LogFile log, long completeBytes, long bytesRead, FileHead.Fingerprint before) throws IOException {
        return bytesRead < completeBytes
                || !FileHead.fingerprint(log.path(), completeBytes).equals(before);
    }

    private FileYield readIis(
            LogFile log, String storedName, ResumePoint from, IisRequestWriter writer, FileProblems problems)
            throws IOException {
        String server = log.server().orElse("unknown");
        IisRequestAggregator requests = new IisRequestAggregator(server, log.service(), storedName, writer::write);
        try (W3cLogReader reader = W3cLogReader.open(log.path(), log.displayName(), problems, iisFieldNames, from)) {
            FileHead.Fingerprint before = FileHead.fingerprint(log.path(), reader.completeBytes());
            IisRequest request;
            while ((request = reader.next()) != null) {
                requests.accept(request);
            }
            requests.finish();
            return new FileYield(
                    Math.min(reader.progress().bytesRead(), reader.completeBytes()),
                    reader.linesRead(),
                    reader.rowsRead(),
                    reader.linesRejected(),
                    server,
                    null,
                    reader.fieldsLine(),
                    Optional.empty(),
                    Optional.of(before),
                    changedWhileRead(
                            log, reader.completeBytes(), reader.progress().bytesRead(), before),
                    contentCrc(log, reader.progress(), reader.completeBytes()));
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
