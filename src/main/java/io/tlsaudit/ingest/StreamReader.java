package io.tlsaudit.ingest;

import io.tlsaudit.assemble.IisRequestAggregator;
import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.assemble.SmtpSessionAssembler;
import io.tlsaudit.assemble.StreamSessions;
import io.tlsaudit.discover.FileHead;
import io.tlsaudit.discover.LogFile;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.LogReader;
import io.tlsaudit.parse.ReadProgress;
import io.tlsaudit.parse.ResumePoint;
import io.tlsaudit.parse.smtp.SmtpDirection;
import io.tlsaudit.parse.smtp.SmtpLogReader;
import io.tlsaudit.parse.smtp.SmtpRecord;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.parse.w3c.IisRequest;
import io.tlsaudit.parse.w3c.W3cLogReader;
import io.tlsaudit.store.IngestLedger;
import io.tlsaudit.store.PendingReader;
import io.tlsaudit.store.StoreException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the files of one {@link ReadUnit} in order on the calling thread and hands each file's {@link FileOutcome}
 * on: parse and assemble, nothing stored. A stream's connections open from an earlier run are loaded when the
 * stream's first file here is entered, so memory holds the open connections of the streams being read, not of all.
 */
final class StreamReader {

    /** Rows between looks for connections idle for an hour of log time, within a file. */
    private static final int IDLE_CHECK_ROWS = 10_000;

    private final PendingReader pending;
    private final Set<LogStream> withPendingRows;
    private final IngestListener listener;
    private final IisFieldNames iisFieldNames;
    private final Consumer<FileOutcome> out;

    /**
     * @param withPendingRows the streams that have pending connections in the database; the others have none to load
     */
    StreamReader(
            PendingReader pending,
            Set<LogStream> withPendingRows,
            IngestListener listener,
            IisFieldNames iisFieldNames,
            Consumer<FileOutcome> out) {
        this.pending = pending;
        this.withPendingRows = withPendingRows;
        this.listener = listener;
        this.iisFieldNames = iisFieldNames;
        this.out = out;
    }

    /** The file being read, where the unit's connections and problems go. */
    private FileOutcome current;

    void read(ReadUnit unit) {
        SmtpSessionAssembler assembler = new SmtpSessionAssembler(
                connection -> {
                    current.finished.add(connection);
                    handOverIfFull();
                },
                problem -> current.problems.report(problem));
        Set<LogStream> entered = new HashSet<>();
        for (ReadPlan.Step step : unit.steps()) {
            out.accept(step.action() == ReadPlan.Action.TOUCHED ? touched(step) : readFile(step, assembler, entered));
        }
    }

    /** Hands over the rows of the file being read when there are enough of them to bound memory. */
    private void handOverIfFull() {
        if (current.full()) {
            out.accept(current.takePart());
        }
    }

    /** A file whose modification time alone changed: its entry gets the new time, nothing is read. */
    private FileOutcome touched(ReadPlan.Step step) {
        FileOutcome outcome = new FileOutcome(
                step.log(),
                step.storedName(),
                new FileProblems(step.log().displayName(), step.storedName(), listener),
                true);
        // Under this file's name: a log found moved or renamed gets its own entry, its size and time.
        outcome.ledgerEntry = step.known().orElseThrow().foundAs(step.storedName(), step.size(), step.modifiedAt());
        return outcome;
    }

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

    /**
     * Reads one file, new or from where an earlier read stopped. A read that fails keeps what was read, and its entry
     * marks the file unfinished, so the next run reads its stream again from this file on.
     */
    private FileOutcome readFile(ReadPlan.Step step, SmtpSessionAssembler assembler, Set<LogStream> entered) {
        LogFile log = step.log();
        String storedName = step.storedName();
        FileProblems problems = new FileProblems(log.displayName(), storedName, listener);
        FileOutcome outcome = new FileOutcome(log, storedName, problems, false);
        current = outcome;
        // A file read again whole was forgotten when the run was planned: it is read as a new one.
        Optional<IngestLedger.FileRecord> known =
                step.action() == ReadPlan.Action.READ_WHOLE ? Optional.empty() : step.known();
        IngestLedger.FileRecord before = known.orElse(null);
        String knownServer = step.known().map(IngestLedger.FileRecord::server).orElse(null);
        StreamHolder stream = new StreamHolder();
        FileYield yield;
        boolean finished = true;
        try {
            yield = switch (log.format()) {
                case SMTP_PROTOCOL -> readSmtp(log, storedName, step.from(), knownServer, assembler, entered, stream);
                case IIS_W3C -> readIis(log, storedName, step.from(), outcome);
            };
            if (yield.changedWhileRead()) {
                problems.report(LineProblem.ofFile(
                        log.displayName(),
                        "changed while it was read (truncated, rotated or rewritten); what was read is kept and the"
                                + " file is read again on the next run"));
                finished = false;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException || Thread.currentThread().isInterrupted()) {
                // The database failed, or the run is being stopped (a reader waiting to hand over is interrupted,
                // and an interrupted read fails): no warning about the file, the run reports why it stopped.
                throw e instanceof RuntimeException runtime ? runtime : new Ingestor.Stopped();
            }
            problems.report(LineProblem.ofFile(
                    log.displayName(), "cannot read: " + e.getMessage() + "; it is read again on the next run"));
            // The stream, once known, places the file for the re-read; what was read is in the stream's state.
            Optional<LogStream> enteredStream =
                    Optional.ofNullable(stream.sessions).map(StreamSessions::stream);
            yield = new FileYield(
                    step.from().byteOffset(),
                    step.from().linesRead(),
                    0,
                    0,
                    enteredStream.map(LogStream::server).orElse(log.server().orElse(knownServer)),
                    enteredStream
                            .map(s -> s.direction().label())
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
        if (stream.sessions != null) {
            outcome.stream = stream.sessions.stream();
            outcome.openAtStart = stream.openAtStart;
            outcome.openAtEnd = stream.sessions.openConnections();
        }
        // A failed read keeps no fingerprint: the file is read again whole whatever it holds.
        FileHead.Fingerprint fingerprint = yield.fingerprint().orElse(new FileHead.Fingerprint(0, 0));
        outcome.ledgerEntry = new IngestLedger.FileRecord(
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
                finished ? yield.contentCrc() : IngestLedger.FileRecord.UNKNOWN_CRC);
        outcome.dataRows = yield.dataRows();
        outcome.rejectedLines = yield.rejected();
        outcome.bytesRead = Math.max(0, yield.completeBytes() - step.from().byteOffset());
        current = null;
        return outcome;
    }

    /** The stream of the SMTP file being read, once its first row (or its end) has told which it is. */
    private static final class StreamHolder {
        StreamSessions sessions;
        List<SmtpConnection> openAtStart;
    }

    private FileYield readSmtp(
            LogFile log,
            String storedName,
            ResumePoint from,
            String knownServer,
            SmtpSessionAssembler assembler,
            Set<LogStream> entered,
            StreamHolder stream)
            throws IOException {
        String server = log.server().orElse(knownServer);
        try (SmtpLogReader reader = log.archived()
                ? SmtpLogReader.open(log.member().orElseThrow().open(), log.displayName(), current.problems, from)
                : SmtpLogReader.open(log.path(), log.displayName(), current.problems, from)) {
            FileHead.Fingerprint before = fingerprintAtStart(log, reader.completeBytes());
            SmtpRecord record;
            while ((record = reader.next()) != null) {
                if (stream.sessions == null) {
                    Optional<SmtpDirection> fileDirection = reader.direction();
                    if (fileDirection.isEmpty()) {
                        current.problems.report(LineProblem.ofFile(
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
                            from,
                            assembler,
                            entered,
                            stream);
                }
                stream.sessions.accept(record, storedName);
                if (reader.rowsRead() % IDLE_CHECK_ROWS == 0) {
                    // Connections whose disconnect was never logged end here, not at the end of a long file.
                    stream.sessions.closeIdle();
                }
            }
            if (stream.sessions == null && server != null && reader.direction().isPresent()) {
                // A file without rows still marks a place in its stream: what was open before it is open after it.
                enterStream(
                        new LogStream(server, log.service(), reader.direction().get()),
                        from,
                        assembler,
                        entered,
                        stream);
            }
            if (stream.sessions != null) {
                stream.sessions.closeIdle();
            }
            return yieldOf(
                    log,
                    reader,
                    server,
                    reader.direction().map(SmtpDirection::label).orElse(null),
                    reader.logTypeLine(),
                    before);
        }
    }

    /**
     * Starts the file's rows on its stream, taking up the connections an earlier run left open the first time the
     * stream is entered; a file read from its start records the stream's open connections as the state at its start,
     * so the stream can later be read again from this file on.
     */
    private void enterStream(
            LogStream logStream,
            ResumePoint from,
            SmtpSessionAssembler assembler,
            Set<LogStream> entered,
            StreamHolder stream) {
        stream.sessions = assembler.stream(logStream);
        if (entered.add(logStream) && withPendingRows.contains(logStream)) {
            stream.sessions.restore(pending.load(logStream));
        }
        if (from.byteOffset() == 0) {
            stream.openAtStart = stream.sessions.openConnections();
        }
    }

    /** The yield of a read that ran to its end, from what its reader counted. */
    private static FileYield yieldOf(
            LogFile log,
            LogReader reader,
            String server,
            String direction,
            Optional<String> logTypeLine,
            FileHead.Fingerprint before)
            throws IOException {
        ReadProgress progress = reader.progress();
        return new FileYield(
                Math.min(progress.bytesRead(), reader.completeBytes()),
                reader.linesRead(),
                reader.rowsRead(),
                reader.linesRejected(),
                server,
                direction,
                reader.fieldsLine(),
                logTypeLine,
                Optional.of(before),
                changedWhileRead(log, reader.completeBytes(), progress.bytesRead(), before),
                contentCrc(log, progress, reader.completeBytes()));
    }

    /**
     * The checksums a later run compares to tell a grown file from a replaced one. A log inside an archive never
     * grows: the CRC of its first kilobyte names its content, and no tail is kept (the archive's size and time tell
     * whether it changed).
     */
    private static FileHead.Fingerprint fingerprintAtStart(LogFile log, long completeBytes) throws IOException {
        if (log.archived()) {
            // The walk read the member's first KiB; opening it again for that would unpack it once more.
            return new FileHead.Fingerprint(log.headCrc(), IngestLedger.FileRecord.UNKNOWN_CRC);
        }
        return FileHead.fingerprint(log.path(), completeBytes);
    }

    /**
     * The CRC-32 of the file's first {@code completeBytes}, for telling a touched file from a rewritten one later: the
     * reader's own for a whole read, which saw every byte; a read that went on from an offset reads the start again.
     */
    private static long contentCrc(LogFile log, ReadProgress progress, long completeBytes) {
        OptionalLong whole = progress.contentCrc();
        if (whole.isPresent() && (progress.bytesRead() == completeBytes || log.archived())) {
            return whole.getAsLong();
        }
        if (log.archived()) {
            return IngestLedger.FileRecord.UNKNOWN_CRC;
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
        if (log.archived()) {
            return false; // read to its end; an archive rewritten meanwhile is read again by its size and time
        }
        return bytesRead < completeBytes
                || !FileHead.fingerprint(log.path(), completeBytes).equals(before);
    }

    private FileYield readIis(LogFile log, String storedName, ResumePoint from, FileOutcome outcome)
            throws IOException {
        String server = log.server().orElse("unknown");
        IisRequestAggregator requests = new IisRequestAggregator(server, log.service(), storedName, group -> {
            outcome.requests.add(group);
            handOverIfFull();
        });
        try (W3cLogReader reader = log.archived()
                ? W3cLogReader.open(
                        log.member().orElseThrow().open(), log.displayName(), outcome.problems, iisFieldNames)
                : W3cLogReader.open(log.path(), log.displayName(), outcome.problems, iisFieldNames, from)) {
            FileHead.Fingerprint before = fingerprintAtStart(log, reader.completeBytes());
            IisRequest request;
            while ((request = reader.next()) != null) {
                requests.accept(request);
            }
            requests.finish();
            return yieldOf(log, reader, server, null, Optional.empty(), before);
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
}
