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
     * @param restart for the first file of a stream that is read again from there on: what to undo first
     */
    record Step(
            LogFile log,
            String storedName,
            Action action,
            Optional<IngestLedger.FileRecord> known,
            ResumePoint from,
            long size,
            LocalDateTime modifiedAt,
            Optional<StreamRestart> restart) {}

    /**
     * Reading {@code stream} again from a file on.
     *
     * @param forgotten the stored names of the files read before whose rows go, because they are read again
     * @param checkpointFile the file whose recorded open connections are the state to start from; null for none open
     */
    record StreamRestart(LogStream stream, Set<String> forgotten, String checkpointFile) {}

    /** A file that could not even be looked at; reported, not read. */
    record Unreadable(LogFile log, String storedName, IOException failure) {}

    private final List<Step> steps;
    private final List<Unreadable> unreadable;

    private ReadPlan(List<Step> steps, List<Unreadable> unreadable) {
        this.steps = steps;
        this.unreadable = unreadable;
    }

    List<Step> steps() {
        return steps;
    }

    List<Unreadable> unreadable() {
        return unreadable;
    }

    /** Decides for {@code logs}, which come in reading order, against the ledger's entries by stored name. */
    static ReadPlan make(List<LogFile> logs, Map<String, IngestLedger.FileRecord> ledger) {
        List<Step> steps = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (LogFile log : logs) {
            String storedName = log.storedName();
            try {
                steps.add(decide(log, storedName, Optional.ofNullable(ledger.get(storedName))));
            } catch (IOException e) {
                unreadable.add(new Unreadable(log, storedName, e));
            }
        }
        return new ReadPlan(restartStreams(steps), unreadable);
    }

    private static Step decide(LogFile log, String storedName, Optional<IngestLedger.FileRecord> known)
            throws IOException {
        Path path = log.path();
        long size = log.size();
        // Truncated to the database's TIMESTAMP precision so it compares equal with the stored value.
        LocalDateTime modifiedAt = LocalDateTime.ofInstant(log.modified().toInstant(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        if (known.isEmpty()) {
            return new Step(
                    log, storedName, Action.READ_WHOLE, known, ResumePoint.START, size, modifiedAt, Optional.empty());
        }
        IngestLedger.FileRecord before = known.get();
        if (before.sizeBytes() == size && before.modifiedAt().equals(modifiedAt)) {
            return new Step(log, storedName, Action.SKIP, known, ResumePoint.START, size, modifiedAt, Optional.empty());
        }
        if (log.archived()) {
            // A log inside an archive never grows, and its size and time are the archive's: an archive that changed
            // is read again whole.
            return new Step(
                    log, storedName, Action.READ_WHOLE, known, ResumePoint.START, size, modifiedAt, Optional.empty());
        }
        if (touchedOnly(before, path, size)) {
            return new Step(
                    log, storedName, Action.TOUCHED, known, ResumePoint.START, size, modifiedAt, Optional.empty());
        }
        if (grewOnly(before, path, size)) {
            ResumePoint from = new ResumePoint(
                    before.completeBytes(), before.linesRead(), before.fieldsLine(), before.logTypeLine());
            return new Step(log, storedName, Action.READ_ON, known, from, size, modifiedAt, Optional.empty());
        }
        return new Step(
                log, storedName, Action.READ_WHOLE, known, ResumePoint.START, size, modifiedAt, Optional.empty());
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
     * Turns every step of a stream from its first disturbed file on into a whole read, and marks that first file
     * with what to undo. A stream is disturbed at a file read before that is read again whole, at a file that grew
     * while a later file of the stream was already read, and at a new file that comes before one already read.
     */
    private static List<Step> restartStreams(List<Step> steps) {
        Map<LogStream, List<Integer>> streams = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Optional<LogStream> stream = streamOf(steps.get(i));
            if (stream.isPresent()) {
                streams.computeIfAbsent(stream.get(), s -> new ArrayList<>()).add(i);
            }
        }
        List<Step> planned = new ArrayList<>(steps);
        for (Map.Entry<LogStream, List<Integer>> stream : streams.entrySet()) {
            List<Integer> positions = stream.getValue();
            int first = firstDisturbed(steps, positions);
            if (first < 0) {
                continue;
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
                }
            }
            StreamRestart restart = new StreamRestart(stream.getKey(), Set.copyOf(forgotten), checkpointFile);
            for (int p = first; p < positions.size(); p++) {
                Step step = steps.get(positions.get(p));
                planned.set(
                        positions.get(p),
                        new Step(
                                step.log(),
                                step.storedName(),
                                Action.READ_WHOLE,
                                step.known(),
                                ResumePoint.START,
                                step.size(),
                                step.modifiedAt(),
                                p == first ? Optional.of(restart) : Optional.empty()));
            }
        }
        return planned;
    }

    /**
     * The stored name of the first file read before at or after {@code from}, when its open connections at its start
     * were recorded; null when that file has none recorded (or no such file is known).
     */
    private static String firstKnownCheckpoint(List<Step> steps, List<Integer> positions, int from) {
        for (int p = from; p < positions.size(); p++) {
            Step step = steps.get(positions.get(p));
            if (step.known().isPresent()) {
                return step.known().get().checkpointed() ? step.storedName() : null;
            }
        }
        return null;
    }

    /** The index into {@code positions} of the stream's first disturbed file, or -1. */
    private static int firstDisturbed(List<Step> steps, List<Integer> positions) {
        int lastKnown = -1;
        for (int p = 0; p < positions.size(); p++) {
            if (steps.get(positions.get(p)).known().isPresent()) {
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
     * The SMTP stream a step belongs to, as far as it can be known before reading: the ledger's for a file read
     * before, the location and header's for a new one (the header as {@link LogFile} holds it, not read again). A new file whose server only its rows name has none.
     */
    private static Optional<LogStream> streamOf(Step step) {
        LogFile log = step.log();
        if (log.format() != LogFormat.SMTP_PROTOCOL) {
            return Optional.empty();
        }
        if (step.known().isPresent()) {
            IngestLedger.FileRecord known = step.known().get();
            Optional<SmtpDirection> direction = SmtpDirection.fromLabel(known.direction());
            if (known.server() != null && direction.isPresent()) {
                return Optional.of(new LogStream(known.server(), log.service(), direction.get()));
            }
            return Optional.empty();
        }
        if (log.server().isEmpty()) {
            return Optional.empty();
        }
        return headerDirection(log).map(direction -> new LogStream(log.server().get(), log.service(), direction));
    }

    /** The direction the file's {@code #Log-type} names, as read when the file was found. */
    static Optional<SmtpDirection> headerDirection(LogFile log) {
        return log.logType().flatMap(SmtpDirection::fromLogType);
    }
}
