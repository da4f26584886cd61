package io.tlsaudit.ingest;

import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.discover.FileHead;
import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.LogFormat;
import io.tlsaudit.parse.ResumePoint;
import io.tlsaudit.parse.smtp.SmtpDirection;
import io.tlsaudit.store.IngestLedger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What to do with each discovered file, decided against the ledger before anything is read.
 *
 * <p>A connection's rows run on from one file of its stream into the next, so a file cannot be read again alone:
 * when a file that was read before must be read again whole (it was replaced or rewritten, its read failed or was
 * overtaken by a change, a file that comes earlier in the stream grew or turned up late), every file of its stream
 * from there on is read again too, starting from the open connections recorded at that point
 * ({@link io.tlsaudit.store.ConnectionCheckpoints}). The result equals one run over the files as they are now.
 *
 * <p>Files are placed in order among the files that one thread reads together ({@link ReadUnit#unitKey}), not only
 * among those whose stream is known before reading. A file whose location names no server belongs to the stream its
 * rows name, unknown until they are read; a file whose earlier read could not tell its stream (its rows name the
 * server and it had none yet, or not even its {@code #Log-type} line was whole, as a copy job leaves a file it has
 * just begun) stored nothing and was placed in none. Such a file may belong to any stream it is read with, so it
 * disturbs each of them: when it turns up or grows before a file of theirs already read, they are read again from it.
 */
final class ReadPlan {

    /** Ledger size of a file whose read failed or was overtaken by a change: it never matches, so it is read again. */
    static final long UNFINISHED = -1;

    enum Action {
        /** Unchanged since it was read: nothing to do. */
        SKIP,
        /** Its modification time changed, its content did not (a backup or scanner touched it): record the time. */
        TOUCHED,
        /** Grew since it was read: read on from where the last read stopped. */
        READ_ON,
        /** New, or to be read again from its start. */
        READ_WHOLE
    }

    /**
     * One file's step.
     *
     * @param known its ledger entry, when it was read before (also when it is read again whole)
     * @param size its size when the plan was made
     */
    record Step(
            LogFile log,
            String storedName,
            Action action,
            Optional<IngestLedger.FileRecord> known,
            ResumePoint from,
            long size,
            LocalDateTime modifiedAt) {

        /** This step as a read of the whole file. */
        Step readWhole() {
            return new Step(log, storedName, Action.READ_WHOLE, known, ResumePoint.START, size, modifiedAt);
        }
    }

    /**
     * Reading {@code stream} again from a file on: what to undo before anything is read.
     *
     * @param forgotten the stored names of the files read before whose rows go, because they are read again
     * @param checkpointFile the file whose recorded open connections are the state to start from; null for none open
     */
    record StreamRestart(LogStream stream, Set<String> forgotten, String checkpointFile) {}

    /** A file that could not even be looked at; reported, not read. */
    record Unreadable(LogFile log, String storedName, IOException failure) {}

    private final List<Step> steps;
    private final List<StreamRestart> restarts;
    private final List<Unreadable> unreadable;

    private ReadPlan(List<Step> steps, List<StreamRestart> restarts, List<Unreadable> unreadable) {
        this.steps = steps;
        this.restarts = restarts;
        this.unreadable = unreadable;
    }

    List<Step> steps() {
        return steps;
    }

    /** The streams read again from a file on, at most one restart each. */
    List<StreamRestart> restarts() {
        return restarts;
    }

    List<Unreadable> unreadable() {
        return unreadable;
    }

    /** Decides for {@code logs}, which come in reading order, against the ledger's entries by stored name. */
    static ReadPlan make(List<LogFile> logs, Map<String, IngestLedger.FileRecord> ledger) {
        List<Step> steps = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        KnownContent content = new KnownContent(ledger.values());
        for (LogFile log : logs) {
            String storedName = log.storedName();
            try {
                Optional<IngestLedger.FileRecord> known = Optional.ofNullable(ledger.get(storedName));
                boolean endsWhereItWasRead = false;
                if (known.isEmpty()) {
                    Optional<KnownContent.Found> found = content.found(log);
                    known = found.map(KnownContent.Found::entry);
                    endsWhereItWasRead =
                            found.map(KnownContent.Found::endsThere).orElse(false);
                }
                steps.add(decide(log, storedName, known, endsWhereItWasRead));
            } catch (IOException e) {
                unreadable.add(new Unreadable(log, storedName, e));
            }
        }
        List<StreamRestart> restarts = new ArrayList<>();
        List<Step> planned = restartStreams(steps, restarts);
        return new ReadPlan(planned, List.copyOf(restarts), unreadable);
    }

    /**
     * @param endsWhereItWasRead for a log found under another name: it ends where the read of that name stopped
     */
    private static Step decide(
            LogFile log, String storedName, Optional<IngestLedger.FileRecord> known, boolean endsWhereItWasRead)
            throws IOException {
        Path path = log.path();
        long size = log.size();
        // Truncated to the database's TIMESTAMP precision so it compares equal with the stored value.
        LocalDateTime modifiedAt = LocalDateTime.ofInstant(log.modified().toInstant(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        if (known.isEmpty()) {
            return new Step(log, storedName, Action.READ_WHOLE, known, ResumePoint.START, size, modifiedAt);
        }
        IngestLedger.FileRecord before = known.get();
        if (foundUnderAnotherName(storedName, before)) {
            // Read before under another name: recorded under this one (TOUCHED), or read on where that read stopped.
            Optional<IngestLedger.FileRecord> found = Optional.of(before.withoutCheckpoint());
            if (endsWhereItWasRead) {
                return new Step(log, storedName, Action.TOUCHED, found, ResumePoint.START, size, modifiedAt);
            }

            ResumePoint from = new ResumePoint(
                    before.completeBytes(), before.linesRead(), before.fieldsLine(), before.logTypeLine());
            return new Step(log, storedName, Action.READ_ON, found, from, size, modifiedAt);
        }
        if (before.sizeBytes() == size && before.modifiedAt().equals(modifiedAt)) {
            return new Step(log, storedName, Action.SKIP, known, ResumePoint.START, size, modifiedAt);
        }
        if (log.archived()) {
            // A log inside an archive never grows, and its size and time are the archive's: an archive that changed
            // is read again whole.
            return new Step(log, storedName, Action.READ_WHOLE, known, ResumePoint.START, size, modifiedAt);
        }
        if (touchedOnly(before, path, size)) {
            return new Step(log, storedName, Action.TOUCHED, known, ResumePoint.START, size, modifiedAt);
        }
        // A log whose earlier read placed it in no stream stored no row: it is read whole, which costs a header and
        // records the open connections at its start, as for any log read from there.
        if (grewOnly(before, path, size) && (log.format() != LogFormat.SMTP_PROTOCOL || placedInStream(before))) {
            ResumePoint from = new ResumePoint(
                    before.completeBytes(), before.linesRead(), before.fieldsLine(), before.logTypeLine());
            return new Step(log, storedName, Action.READ_ON, known, from, size, modifiedAt);
        }
        return new Step(log, storedName, Action.READ_WHOLE, known, ResumePoint.START, size, modifiedAt);
    }

    /**
     * True when the earlier read of an SMTP log placed it in its stream (server and direction known): only then may
     * it hold connections, and the open connections at its start, when it was read from there.
     */
    private static boolean placedInStream(IngestLedger.FileRecord known) {
        return known.server() != null
                && SmtpDirection.fromLabel(known.direction()).isPresent();
    }

    /** True when {@code known} is the entry of the same log under another name ({@link KnownContent}). */
    static boolean foundUnderAnotherName(String storedName, IngestLedger.FileRecord known) {
        return !known.path().equals(storedName);
    }

    /** True when only the modification time changed: same size, and all the bytes read before are unchanged. */
    private static boolean touchedOnly(IngestLedger.FileRecord before, Path path, long size) throws IOException {
        return before.sizeBytes() == size
                && before.contentCrc() != IngestLedger.FileRecord.UNKNOWN_CRC
                && FileHead.contentCrc(path, before.completeBytes()) == before.contentCrc();
    }

    /**
     * True when the file is the one read before, longer now: not shorter than what was read, and the same bytes at
     * its start and just before where the last read stopped.
     */
    private static boolean grewOnly(IngestLedger.FileRecord before, Path path, long size) throws IOException {
        if (before.sizeBytes() == UNFINISHED || size < before.completeBytes() || size == before.sizeBytes()) {
            // Same size, another modification time: rewritten in place, since a log writer only appends.
            return false;
        }
        FileHead.Fingerprint now = FileHead.fingerprint(path, before.completeBytes());
        return now.head() == before.headCrc()
                && (before.tailCrc() == IngestLedger.FileRecord.UNKNOWN_CRC || now.tail() == before.tailCrc());
    }

    /**
     * Turns every step of a stream from its first disturbed file on into a whole read, and adds to {@code restarts}
     * what to undo first. A stream is disturbed at a file read before that is read again whole, at a file that grew
     * while a later file of the stream was already read, and at a new file that comes before one already read. A file
     * whose stream only its rows will tell counts among the files of every stream it is read with.
     */
    private static List<Step> restartStreams(List<Step> steps, List<StreamRestart> restarts) {
        Set<List<String>> namedByRows = ReadUnit.namedByRows(steps);
        Map<Object, List<Integer>> sequences = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).log().format() == LogFormat.SMTP_PROTOCOL) {
                sequences
                        .computeIfAbsent(ReadUnit.unitKey(steps.get(i), namedByRows), key -> new ArrayList<>())
                        .add(i);
            }
        }
        List<Step> planned = new ArrayList<>(steps);
        for (List<Integer> sequence : sequences.values()) {
            Set<LogStream> streams = new LinkedHashSet<>();
            for (int i : sequence) {
                streamOf(steps.get(i)).ifPresent(streams::add);
            }
            for (LogStream stream : streams) {
                // The stream's own files and those that may turn out to be its, in reading order.
                List<Integer> positions = new ArrayList<>();
                for (int i : sequence) {
                    Optional<LogStream> own = streamOf(steps.get(i));
                    if (own.isEmpty() || own.get().equals(stream)) {
                        positions.add(i);
                    }
                }
                restart(stream, steps, positions, planned).ifPresent(restarts::add);
            }
        }
        return planned;
    }

    /** Plans {@code stream} read again from its first disturbed file on, if it is disturbed. */
    private static Optional<StreamRestart> restart(
            LogStream stream, List<Step> steps, List<Integer> positions, List<Step> planned) {
        int first = firstDisturbed(steps, positions);
        if (first < 0) {
            return Optional.empty();
        }
        String checkpointFile = firstKnownCheckpoint(steps, positions, first);
        if (checkpointFile == null) {
            // Read before any connection state was recorded (an older database): only a read of the whole
            // stream, from its first file here, leaves no continuation without its start.
            first = 0;
            checkpointFile = firstKnownCheckpoint(steps, positions, 0);
        }
        Set<String> forgotten = new LinkedHashSet<>();
        for (int p = first; p < positions.size(); p++) {
            Step step = steps.get(positions.get(p));
            if (step.known().isPresent()) {
                forgotten.add(step.storedName());
                // A log found under a new name keeps its rows under the name it was read as: they go too.
                forgotten.add(step.known().get().path());
            }
            planned.set(positions.get(p), step.readWhole());
        }
        return Optional.of(new StreamRestart(stream, Set.copyOf(forgotten), checkpointFile));
    }

    /**
     * The stored name of the first file placed in the stream by an earlier read at or after {@code from}, when its
     * open connections at its start were recorded; null when that file has none recorded (or there is no such file).
     */
    private static String firstKnownCheckpoint(List<Step> steps, List<Integer> positions, int from) {
        for (int p = from; p < positions.size(); p++) {
            Step step = steps.get(positions.get(p));
            if (readBefore(step)) {
                return step.known().get().checkpointed() ? step.storedName() : null;
            }
        }
        return null;
    }

    /** The index into {@code positions} of the stream's first disturbed file, or -1. */
    private static int firstDisturbed(List<Step> steps, List<Integer> positions) {
        int lastKnown = -1;
        for (int p = 0; p < positions.size(); p++) {
            if (readBefore(steps.get(positions.get(p)))) {
                lastKnown = p;
            }
        }
        for (int p = 0; p < lastKnown; p++) {
            Step step = steps.get(positions.get(p));
            // Files up to the last one read before: anything but unchanged splits the connections across them.
            if (step.action() != Action.SKIP && step.action() != Action.TOUCHED) {
                return p;
            }
        }
        if (lastKnown >= 0) {
            Step last = steps.get(positions.get(lastKnown));
            if (last.action() == Action.READ_WHOLE) {
                return lastKnown;
            }
        }
        return -1;
    }

    /**
     * True when an earlier read placed the file in its stream: a file whose read did not (it stored no row) is, for
     * the order of the stream, a new one.
     */
    private static boolean readBefore(Step step) {
        return step.known().isPresent() && placedInStream(step.known().get());
    }

    /**
     * The SMTP stream a step belongs to, as far as it can be known before reading: its location's server and its
     * header's direction (the header as {@link LogFile} holds it, not read again), else, where its rows name the
     * server, the stream its earlier read placed it in. Empty for a file whose rows alone will tell.
     */
    private static Optional<LogStream> streamOf(Step step) {
        LogFile log = step.log();
        if (log.format() != LogFormat.SMTP_PROTOCOL) {
            return Optional.empty();
        }
        Optional<SmtpDirection> headerDirection = headerDirection(log);
        if (log.server().isPresent() && headerDirection.isPresent()) {
            return Optional.of(new LogStream(log.server().get(), log.service(), headerDirection.get()));
        }
        if (readBefore(step)) {
            IngestLedger.FileRecord known = step.known().get();
            return SmtpDirection.fromLabel(known.direction())
                    .map(direction -> new LogStream(known.server(), log.service(), direction));
        }
        return Optional.empty();
    }

    /** The direction the file's {@code #Log-type} names, as read when the file was found. */
    static Optional<SmtpDirection> headerDirection(LogFile log) {
        return log.logType().flatMap(SmtpDirection::fromLogType);
    }
}
