package io.tlsaudit.ingest;

import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.LogFormat;
import io.tlsaudit.parse.smtp.SmtpDirection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Files that one thread reads in order: all files of one SMTP stream, whose connections run on from file to file, or
 * one IIS log, whose requests stand alone. Units run in parallel; nothing of one unit depends on another.
 *
 * @param steps the files, in the stream's order
 * @param bytes the bytes the unit will read, to start the longest units of each format first
 */
record ReadUnit(List<ReadPlan.Step> steps, long bytes) {

    /** Groups the steps that read or record something, each unit in reading order. */
    static List<ReadUnit> of(List<ReadPlan.Step> steps) {
        Set<List<String>> namedByRows = namedByRows(steps);
        Map<Object, List<ReadPlan.Step>> units = new LinkedHashMap<>();
        for (ReadPlan.Step step : steps) {
            if (step.action() == ReadPlan.Action.SKIP) {
                continue;
            }
            units.computeIfAbsent(unitKey(step, namedByRows), key -> new ArrayList<>())
                    .add(step);
        }
        List<ReadUnit> smtpStreams = new ArrayList<>();
        List<ReadUnit> iisLogs = new ArrayList<>();
        for (List<ReadPlan.Step> unit : units.values()) {
            ReadUnit read = new ReadUnit(
                    List.copyOf(unit),
                    unit.stream().mapToLong(ReadUnit::bytesToRead).sum());
            // A unit holds files of one format: its key is a stream or an IIS log's own name.
            switch (unit.get(0).log().format()) {
                case SMTP_PROTOCOL -> smtpStreams.add(read);
                case IIS_W3C -> iisLogs.add(read);
            }
        }
        // Within each format the longest first, so that no thread is left with a long stream after the others have
        // finished.
        smtpStreams.sort(Comparator.comparingLong(ReadUnit::bytes).reversed());
        iisLogs.sort(Comparator.comparingLong(ReadUnit::bytes).reversed());
        return inTurn(smtpStreams, iisLogs);
    }

    /**
     * The units of both lists, each in its order, taken in turn so that each list is as far through its bytes as the
     * other. An IIS log gives the writer many more rows per MB than an SMTP stream (on the benchmark share, 1 GB of
     * SMTP logs yields 250,000 connections, 124 MB of IIS logs 411,000 request groups) and the reading threads
     * little work: read after all the streams, as the longest-first order alone put them, the IIS logs left the run's
     * last seconds to the writer alone, the reading threads waiting on it with a core idle.
     */
    static List<ReadUnit> inTurn(List<ReadUnit> first, List<ReadUnit> second) {
        long firstTotal = Math.max(1, first.stream().mapToLong(ReadUnit::bytes).sum());
        long secondTotal =
                Math.max(1, second.stream().mapToLong(ReadUnit::bytes).sum());
        List<ReadUnit> result = new ArrayList<>(first.size() + second.size());
        int i = 0;
        int j = 0;
        long firstTaken = 0;
        long secondTaken = 0;
        while (i < first.size() || j < second.size()) {
            // The list that is less far through its bytes goes next; the first on a tie.
            boolean takeFirst = j == second.size()
                    || (i < first.size() && firstTaken / (double) firstTotal <= secondTaken / (double) secondTotal);
            ReadUnit unit = takeFirst ? first.get(i++) : second.get(j++);
            if (takeFirst) {
                firstTaken += unit.bytes();
            } else {
                secondTaken += unit.bytes();
            }
            result.add(unit);
        }
        return result;
    }

    /** The bytes a step will read: none for a touched file, the new part of a grown one. */
    static long bytesToRead(ReadPlan.Step step) {
        return switch (step.action()) {
            case SKIP, TOUCHED -> 0;
            case READ_ON, READ_WHOLE -> Math.max(0, step.size() - step.from().byteOffset());
        };
    }

    /** The service and log type of the SMTP logs whose location names no server: their rows name it. */
    static Set<List<String>> namedByRows(List<ReadPlan.Step> steps) {
        Set<List<String>> namedByRows = new HashSet<>();
        for (ReadPlan.Step step : steps) {
            if (step.log().format() == LogFormat.SMTP_PROTOCOL
                    && step.log().server().isEmpty()) {
                namedByRows.add(serviceAndLogType(step.log()));
            }
        }
        return namedByRows;
    }

    /**
     * The stream a file's location and header name. Files whose location names no server (their rows name it) have
     * their stream only once they are read, and every file of a stream must be read by one thread: those files, and
     * all others of the same service and log type, whose stream they may turn out to share, form one unit.
     */
    static Object unitKey(ReadPlan.Step step, Set<List<String>> namedByRows) {
        LogFile log = step.log();
        if (log.format() != LogFormat.SMTP_PROTOCOL) {
            return step.storedName();
        }
        List<String> serviceAndLogType = serviceAndLogType(log);
        Optional<SmtpDirection> direction = ReadPlan.headerDirection(log);
        if (namedByRows.contains(serviceAndLogType) || log.server().isEmpty() || direction.isEmpty()) {
            return serviceAndLogType;
        }
        return new LogStream(log.server().get(), log.service(), direction.get());
    }

    private static List<String> serviceAndLogType(LogFile log) {
        return List.of(log.service(), log.logType().orElse(""));
    }
}
