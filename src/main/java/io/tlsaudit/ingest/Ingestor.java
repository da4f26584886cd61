package io.tlsaudit.ingest;

import io.tlsaudit.assemble.IisRequestAggregator;
import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.assemble.SmtpSessionAssembler;
import io.tlsaudit.assemble.StreamSessions;
import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.parse.LineProblem;
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
                    connection -> store(connection, connections, totals),
                    problem -> totals.currentFile.report(problem));
            for (LogFile log : logs) {
                ingestFile(log, assembler, writers, totals);
            }
            assembler.finish();
            connections.flush();
            database.commit();
        }
        return totals.summary();
    }

    private record Writers(SmtpConnectionWriter connections, IisRequestWriter requests, ProblemWriter problems) {}

    /** What reading one file yielded, for its ledger entry. */
    private record FileYield(long completeBytes, long dataRows, long rejected, String server, String direction) {}

    private void store(SmtpConnection connection, SmtpConnectionWriter writer, Totals totals) {
        writer.write(connection);
        totals.connectionsStored++;
        if (!connection.closed()) {
            totals.connectionsUnfinished++;
        }
    }

    /** Reads one file and commits its rows together with its ledger entry. */
    private void ingestFile(LogFile log, SmtpSessionAssembler assembler, Writers writers, Totals totals) {
        IngestLedger ledger = database.ledger();
        Path path = log.path();
        String storedName = path.toAbsolutePath().normalize().toString();
        FileProblems problems = new FileProblems(log.displayName(), storedName, writers.problems(), listener);
        totals.currentFile = problems;
        long size;
        LocalDateTime modifiedAt;
        try {
            size = Files.size(path);
            // Truncated to the database's TIMESTAMP precision so it compares equal with the stored value.
            modifiedAt = LocalDateTime.ofInstant(Files.getLastModifiedTime(path).toInstant(), ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.MICROS);
        } catch (IOException e) {
            problems.report(LineProblem.ofFile(log.displayName(), "cannot read: " + e.getMessage()));
            totals.add(problems);
            return;
        }
        Optional<IngestLedger.Entry> known = ledger.find(storedName);
        if (known.isPresent()
                && known.get().sizeBytes() == size
                && known.get().modifiedAt().equals(modifiedAt)) {
            totals.filesUnchanged++;
            listener.fileDone(log, new IngestListener.FileResult(0, 0, 0, true));
            return;
        }
        if (known.isPresent()) {
            // The file grew or was replaced: what an earlier run stored from it is removed and the file read again.
            ledger.forget(storedName);
        }
        FileYield yield;
        long recordedSize = size;
        try {
            yield = switch (log.format()) {
                case SMTP_PROTOCOL -> readSmtp(log, storedName, assembler, problems);
                case IIS_W3C -> readIis(log, storedName, writers.requests(), problems);
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException store) {
                throw store; // the database failed: stop the run; the file's rows are not committed
            }
            // What was read is kept; the ledger marks the file unfinished so the next run reads it again whole.
            problems.report(LineProblem.ofFile(
                    log.displayName(), "cannot read: " + e.getMessage() + "; it is read again on the next run"));
            yield = new FileYield(0, 0, 0, log.server().orElse(null), null);
            recordedSize = UNFINISHED;
        }
        writers.connections().flush();
        writers.requests().flush();
        problems.flush();
        ledger.record(new IngestLedger.FileRecord(
                storedName,
                log.format().label(),
                yield.server(),
                log.service(),
                yield.direction(),
                recordedSize,
                yield.completeBytes(),
                modifiedAt,
                yield.dataRows(),
                yield.rejected(),
                problems.count()));
        database.commit();
        totals.filesRead++;
        totals.dataRows += yield.dataRows();
        totals.rejectedLines += yield.rejected();
        totals.add(problems);
        listener.fileDone(
                log, new IngestListener.FileResult(yield.dataRows(), yield.rejected(), problems.count(), false));
    }

    private FileYield readSmtp(LogFile log, String storedName, SmtpSessionAssembler assembler, FileProblems problems)
            throws IOException {
        String server = log.server().orElse(null);
        String direction = null;
        try (SmtpLogReader reader = SmtpLogReader.open(log.path(), log.displayName(), problems)) {
            StreamSessions sessions = null;
            SmtpRecord record;
            while ((record = reader.next()) != null) {
                if (sessions == null) {
                    Optional<SmtpDirection> fileDirection = reader.direction();
                    if (fileDirection.isEmpty()) {
                        problems.report(LineProblem.ofFile(
                                log.displayName(),
                                "no SMTP #Log-type line before the"
                                        + " first row; cannot tell Send from Receive, file skipped"));
                        break;
                    }
                    if (server == null) {
                        server = serverFromConnector(record.connectorId(), fileDirection.get());
                    }
                    direction = fileDirection.get().label();
                    sessions = assembler.stream(new LogStream(server, log.service(), fileDirection.get()));
                }
                sessions.accept(record, storedName);
            }
            if (sessions != null) {
                sessions.closeIdle();
            }
            return new FileYield(reader.completeBytes(), reader.rowsRead(), reader.linesRejected(), server, direction);
        }
    }

    private FileYield readIis(LogFile log, String storedName, IisRequestWriter writer, FileProblems problems)
            throws IOException {
        String server = log.server().orElse("unknown");
        IisRequestAggregator requests = new IisRequestAggregator(server, log.service(), storedName, writer::write);
        try (W3cLogReader reader = W3cLogReader.open(log.path(), log.displayName(), problems, iisFieldNames)) {
            IisRequest request;
            while ((request = reader.next()) != null) {
                requests.accept(request);
            }
            requests.finish();
            return new FileYield(reader.completeBytes(), reader.rowsRead(), reader.linesRejected(), server, null);
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
