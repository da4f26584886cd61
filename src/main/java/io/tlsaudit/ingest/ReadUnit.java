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
 * @param bytes the bytes the unit will read, to start the longest units first
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
        List<ReadUnit> result = new ArrayList<>();
        for (List<ReadPlan.Step> unit : units.values()) {
            result.add(new ReadUnit(
                    List.copyOf(unit),
                    unit.stream().mapToLong(ReadUnit::bytesToRead).sum()));
        }
        // The longest first, so that no thread is left with a long stream after the others have finished.
        result.sort(Comparator.comparingLong(ReadUnit::bytes).reversed());
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
