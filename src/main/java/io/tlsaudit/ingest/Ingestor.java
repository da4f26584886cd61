package io.tlsaudit.ingest;

import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.assemble.SmtpSessionAssembler;
import io.tlsaudit.assemble.StreamSessions;
import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.LogFormat;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.smtp.SmtpDirection;
import io.tlsaudit.parse.smtp.SmtpLogReader;
import io.tlsaudit.parse.smtp.SmtpRecord;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.IngestLedger;
import io.tlsaudit.store.ProblemWriter;
import io.tlsaudit.store.SmtpConnectionWriter;
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

    private final AuditDatabase database;
    private final IngestListener listener;

    public Ingestor(AuditDatabase database, IngestListener listener) {
        this.database = database;
        this.listener = listener;
    }

    /** Reads {@code logs} in order (see {@link io.tlsaudit.discover.LogFileFinder}) and reports the skipped files. */
    public IngestSummary run(List<LogFile> logs, List<SkippedFile> skipped) {
        Totals totals = new Totals();
        IngestLedger ledger = database.ledger();
        for (SkippedFile file : skipped) {
            listener.skipped(file);
            totals.filesSkipped++;
            if (file.problem()) {
                totals.filesWithProblems++;
                totals.problems++;
            }
        }
        try (SmtpConnectionWriter connections = database.smtpConnectionWriter();
                ProblemWriter problemRows = database.problemWriter()) {
            SmtpSessionAssembler assembler = new SmtpSessionAssembler(
                    connection -> store(connection, connections, totals),
                    problem -> totals.currentFile.report(problem));
            for (LogFile log : logs) {
                if (log.format() != LogFormat.SMTP_PROTOCOL) {
                    listener.skipped(
                            new SkippedFile(log.displayName(), "IIS W3C log: not read by this version", false));
                    totals.filesSkipped++;
                    continue;
                }
                ingestFile(log, ledger, assembler, connections, problemRows, totals);
            }
            assembler.finish();
            connections.flush();
            database.commit();
        }
        return totals.summary();
    }

    private void store(SmtpConnection connection, SmtpConnectionWriter writer, Totals totals) {
        writer.write(connection);
        totals.connectionsStored++;
        if (!connection.closed()) {
            totals.connectionsUnfinished++;
        }
    }

    private void ingestFile(
            LogFile log,
            IngestLedger ledger,
            SmtpSessionAssembler assembler,
            SmtpConnectionWriter connections,
            ProblemWriter problemRows,
            Totals totals) {
        Path path = log.path();
        String storedName = path.toAbsolutePath().normalize().toString();
        FileProblems problems = new FileProblems(log.displayName(), storedName, problemRows, listener);
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
        long completeBytes = 0;
        long dataRows = 0;
        long rejected = 0;
        String direction = null;
        String server = log.server().orElse(null);
        try (SmtpLogReader reader = SmtpLogReader.open(path, log.displayName(), problems)) {
            completeBytes = reader.completeBytes();
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
            dataRows = reader.rowsRead();
            rejected = reader.linesRejected();
            if (sessions != null) {
                sessions.closeIdle();
            }
        } catch (IOException e) {
            problems.report(LineProblem.ofFile(log.displayName(), "cannot read: " + e.getMessage()));
        }
        connections.flush();
        problems.flush();
        ledger.record(new IngestLedger.FileRecord(
                storedName,
                log.format().label(),
                server,
                log.service(),
                direction,
                size,
                completeBytes,
                modifiedAt,
                dataRows,
                rejected,
                problems.count()));
        database.commit();
        totals.filesRead++;
        totals.dataRows += dataRows;
        totals.rejectedLines += rejected;
        totals.add(problems);
        listener.fileDone(log, new IngestListener.FileResult(dataRows, rejected, problems.count(), false));
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
