package io.tlsaudit.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Writes one SMTP stream (one server, service and direction) over the whole corpus: sessions start through the day
 * (fewer at night), each is planned in full, and the rows of all open sessions are written in time order, so they
 * interleave and a session open at the top of the hour runs on into the next file. Rows go to the file of their
 * time: hourly files ({@code RECV2026110208-1.LOG}) switch a second or so before the hour, so a file's first rows
 * can be older than its {@code #Date} (as the sample logs show); daily files roll over at Exchange's default 10 MB.
 * On the second day the transport service restarts once: the sessions open then are cut off for good, the header
 * block is written again mid-file and session ids continue from a new base.
 */
final class SmtpStreamWriter implements Callable<CorpusTally> {

    /** Exchange's default protocol log file size limit. */
    private static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    /** No session starts later than this before the end, so every session ends inside the corpus. */
    private static final long LAST_START_BEFORE_END = 40 * LogClock.MINUTE;
    /** Sessions per hour across a working day, by UTC hour (servers in UTC+1); the mean is about 1. */
    static final double[] DAY_CURVE = {
        0.25, 0.2, 0.18, 0.18, 0.22, 0.35, 0.65, 1.1, 1.55, 1.7, 1.7, 1.65, 1.5, 1.55, 1.65, 1.6, 1.45, 1.2, 0.9, 0.7,
        0.55, 0.45, 0.36, 0.3
    };

    private static final String FIELDS = "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,"
            + "remote-endpoint,event,data,context\r\n";

    private final Path folder;
    private final ExchangeServer server;
    private final boolean receive;
    private final LogClock clock;
    private final int days;
    private final double sessionsPerHour;
    private final boolean flatRate;
    private final SplittableRandom random;
    private final ReceiveSessions receiveSessions;
    private final SendSessions sendSessions;
    private final long hourSeed;
    private final CorpusTally tally = new CorpusTally();
    private final PriorityQueue<PlannedSession> open = new PriorityQueue<>((a, b) -> {
        int byTime = Long.compare(a.nextTime(), b.nextTime());
        return byTime != 0 ? byTime : Long.compare(a.ordinal, b.ordinal);
    });

    private LogOutput output;
    private long outputPeriod = Long.MIN_VALUE; // hour (hourly files) or day index of the open file
    private int fileNumber;
    private long sessionIdBase;
    private long sessionCounter;
    private long ordinal;

    SmtpStreamWriter(
            Path shareRoot,
            ExchangeServer server,
            boolean receive,
            LogClock clock,
            int days,
            double sessionsPerHour,
            boolean flatRate,
            long seed,
            ReceiveSessions receiveSessions,
            SendSessions sendSessions) {
        this.folder = shareRoot
                .resolve(server.name())
                .resolve(
                        receive
                                ? "TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive"
                                : "TransportRoles/Logs/Hub/ProtocolLog/SmtpSend");
        this.server = server;
        this.receive = receive;
        this.clock = clock;
        this.days = days;
        this.sessionsPerHour = sessionsPerHour;
        this.flatRate = flatRate;
        this.random = new SplittableRandom(seed);
        this.receiveSessions = receiveSessions;
        this.sendSessions = sendSessions;
        this.hourSeed = seed * 0x9E3779B97F4A7C15L;
        // Session ids are unique per transport service only: the ranges of the servers and of Front End and Hub
        // overlap on purpose, so the same id occurs on several streams (sample case 14).
        this.sessionIdBase = 0x08DE1C4A2B300000L + server.index() * 3_000L + (receive ? 0 : 500);
    }

    @Override
    public CorpusTally call() {
        long start = clock.startMillis();
        long end = start + days * LogClock.DAY;
        long lastStart = end - LAST_START_BEFORE_END;
        // The restart of the transport service on the second day (Front End and Hub at different times).
        long restartAt = days >= 2
                ? start + LogClock.DAY + (receive ? 14 : 15) * LogClock.HOUR + server.index() * 7 * LogClock.MINUTE
                : Long.MAX_VALUE;
        long resumeAt = restartAt + 3 * LogClock.MINUTE + 41_207L;
        boolean restarted = false;
        for (long hour = start; hour < end; hour += LogClock.HOUR) {
            long[] starts = sessionStarts(hour);
            for (long t : starts) {
                if (t >= lastStart) {
                    break;
                }
                if (!restarted && t >= restartAt) {
                    restart(restartAt, resumeAt);
                    restarted = true;
                }
                if (t >= restartAt && t < resumeAt) {
                    continue; // the service is down
                }
                writeRowsBefore(t);
                String sessionId = sessionId();
                PlannedSession session = receive
                        ? receiveSessions.plan(t, sessionId, ordinal++)
                        : sendSessions.plan(t, sessionId, ordinal++);
                open.add(session);
            }
        }
        writeRowsBefore(Long.MAX_VALUE);
        closeOutput();
        return tally;
    }

    private long[] sessionStarts(long hour) {
        double mean = sessionsPerHour * (flatRate ? 1.0 : DAY_CURVE[clock.hourOfDay(hour)]);
        int count = (int) Math.max(flatRate ? 1 : 0, Math.round(mean + random.nextGaussian() * Math.sqrt(mean)));
        long[] starts = new long[count];
        for (int i = 0; i < count; i++) {
            starts[i] = hour + random.nextLong(LogClock.HOUR);
        }
        Arrays.sort(starts);
        return starts;
    }

    private String sessionId() {
        sessionCounter += random.nextInt(8) == 0 ? 2 : 1;
        String hex = Long.toHexString(sessionIdBase + sessionCounter).toUpperCase(Locale.ROOT);
        return hex.length() >= 16 ? hex : "0000000000000000".substring(hex.length()) + hex;
    }

    /** Writes, in time order, every row of the open sessions stamped before {@code time}. */
    private void writeRowsBefore(long time) {
        while (!open.isEmpty() && open.peek().nextTime() < time) {
            PlannedSession session = open.poll();
            long rowTime = session.nextTime();
            LogOutput out = outputFor(rowTime);
            StringBuilder line = out.buffer();
            clock.appendIso(line, rowTime);
            session.appendNextRow(line);
            out.rowWritten();
            PlannedSession.Connection completed = session.completedByLastRow();
            if (completed != null) {
                tally.connection(receive ? "receive" : "send", completed);
            }
            if (session.hasNextRow()) {
                open.add(session);
            }
        }
    }

    /** The service stops: open sessions never log again; it starts again with a header block and new ids. */
    private void restart(long stopAt, long resumeAt) {
        writeRowsBefore(stopAt);
        for (PlannedSession session : open) {
            tally.connectionsCut += session.connectionsCut();
        }
        open.clear();
        LogOutput before = output;
        LogOutput out = outputFor(resumeAt);
        if (out == before) {
            header(out, resumeAt);
        }
        sessionIdBase += 0x0000_0100_0000_0000L;
        sessionCounter = 0;
    }

    private LogOutput outputFor(long time) {
        long period = period(time);
        if (output != null && period == outputPeriod && !tooLarge()) {
            return output;
        }
        boolean rollOver = output != null && period == outputPeriod;
        closeOutput();
        fileNumber = rollOver ? fileNumber + 1 : 1;
        outputPeriod = period;
        String prefix = receive ? "RECV" : "SEND";
        String name = server.hourlyFiles()
                ? prefix + clock.compactHour(clock.startMillis() + period * LogClock.HOUR) + "-" + fileNumber + ".LOG"
                : prefix + clock.compactDay(clock.startMillis() + period * LogClock.DAY) + "-" + fileNumber + ".LOG";
        output = new LogOutput(folder.resolve(name), true);
        long periodStart = clock.startMillis() + period * (server.hourlyFiles() ? LogClock.HOUR : LogClock.DAY);
        header(output, Math.max(time, periodStart) + 1 + random.nextInt(2500));
        return output;
    }

    private boolean tooLarge() {
        return !server.hourlyFiles() && output.approximateSize() >= MAX_FILE_BYTES;
    }

    /** The file of a row: the hour (or day) whose switch, a little before the boundary, the row is past. */
    private long period(long time) {
        long hour = (time - clock.startMillis()) / LogClock.HOUR;
        long nextSwitch = (hour + 1) * LogClock.HOUR - switchLead(hour + 1);
        long fileHour = time - clock.startMillis() >= nextSwitch ? hour + 1 : hour;
        return server.hourlyFiles() ? fileHour : fileHour / 24;
    }

    /** How long before the hour the writer switched to the new file: 0 to 1.5 s, fixed per hour. */
    private long switchLead(long hour) {
        long mixed = (hour + hourSeed) * 0xBF58476D1CE4E5B9L;
        mixed ^= mixed >>> 31;
        return Math.floorMod(mixed, 1500L);
    }

    private void header(LogOutput out, long date) {
        StringBuilder text = out.buffer();
        text.append("#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP ")
                .append(receive ? "Receive" : "Send")
                .append(" Protocol Log\r\n#Date: ");
        clock.appendIso(text, date);
        text.append("\r\n").append(FIELDS);
    }

    private void closeOutput() {
        if (output != null) {
            output.close();
            tally.file(output, false);
            output = null;
        }
    }
}
