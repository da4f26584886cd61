package io.tlsaudit.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A share of SMTP Receive logs that a copy job is still writing: for each of a few servers, one stream of hourly
 * files whose connections run on from file to file (some across two boundaries, some never ending), each file known
 * in full from the start and copied a prefix at a time, so it may end in half a line or half a header, or not exist
 * yet. Everything is drawn from one seeded {@link Random}: a seed names a share and its copy job.
 */
final class GrowingShare {

    /** The text of a line no reader accepts; a run reports it as a problem when it reads that far. */
    static final String BROKEN_LINE = "not a row: the copy job is writing here";

    private static final int HOURS = 4;
    private static final int FIRST_HOUR = 8;
    private static final String TLS10 =
            "*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk encryption algorithm CALG_3DES"
                    + " with strength 168 bits, MAC hash algorithm CALG_SHA1 with strength 160 bits and key exchange"
                    + " algorithm CALG_RSA_KEYX with strength 2048 bits\"";
    private static final String TLS12 =
            "*,,\"TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm CALG_AES_256"
                    + " with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 384 bits and key exchange"
                    + " algorithm CALG_ECDH_EPHEM with strength 384 bits\"";

    /** One file: where it goes, all it will hold, how much of it is there, and where its header ends. */
    private static final class CopiedFile {
        final Path path;
        final String server;
        /** Its place in its stream: 0 for the first hour. */
        final int hour;

        final byte[] content;
        final int headerBytes;
        /** Where the text of the {@code #Log-type} line ends, before its CR. */
        final int logTypeEnd;

        int copied;

        CopiedFile(Path path, String server, int hour, byte[] content, int headerBytes, int logTypeEnd) {
            this.path = path;
            this.server = server;
            this.hour = hour;
            this.content = content;
            this.headerBytes = headerBytes;
            this.logTypeEnd = logTypeEnd;
        }

        boolean complete() {
            return copied == content.length;
        }
    }

    /** Where the files go, and so what names their server. */
    enum Layout {
        /** {@code root/SERVER/TransportRoles/.../SmtpReceive/RECV...}: the first folder names the server. */
        SERVER_FOLDERS,
        /** One folder per server, each ingested as a root holding its files: the rows' connector id names it. */
        FOLDER_PER_ROOT
    }

    private final Random random;
    private final Layout layout;
    private final List<Path> roots = new ArrayList<>();
    private final List<CopiedFile> files = new ArrayList<>();
    private int stretches;
    private long clock;
    private int connections;
    private int dataRows;

    /**
     * @param root the share
     * @param brokenLines whether each stream holds a line no reader accepts, somewhere in one of its files
     */
    GrowingShare(Path root, Layout layout, List<String> servers, long seed, boolean brokenLines) {
        this.random = new Random(seed);
        this.layout = layout;
        if (layout == Layout.SERVER_FOLDERS) {
            roots.add(root);
        }
        for (int s = 0; s < servers.size(); s++) {
            String server = servers.get(s);
            Path folder =
                    switch (layout) {
                        case SERVER_FOLDERS ->
                            root.resolve(server).resolve("TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive");
                        case FOLDER_PER_ROOT -> root.resolve("copy-" + (s + 1));
                    };
            if (layout == Layout.FOLDER_PER_ROOT) {
                roots.add(folder);
            }
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<List<String>> rows = streamRows(server, s);
            int brokenFile = brokenLines ? random.nextInt(HOURS) : -1;
            for (int hour = 0; hour < HOURS; hour++) {
                List<String> fileRows = new ArrayList<>(rows.get(hour));
                if (hour == brokenFile) {
                    // In the first half, so that a run often meets it while much of the file is still to come.
                    fileRows.add(random.nextInt(fileRows.size() / 2 + 1), BROKEN_LINE);
                }
                Path path = folder.resolve(String.format("RECV20240312%02d-1.LOG", FIRST_HOUR + hour));
                String header = "\uFEFF#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n"
                        + "#Log-type: SMTP Receive Protocol Log\r\n"
                        + String.format("#Date: 2024-03-12T%02d:00:00.%03dZ\r\n", FIRST_HOUR + hour, 17 * s + hour)
                        + "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,"
                        + "event,data,context\r\n";
                StringBuilder text = new StringBuilder(header);
                fileRows.forEach(row -> text.append(row).append("\r\n"));
                String logType = "#Log-type: SMTP Receive Protocol Log";
                files.add(new CopiedFile(
                        path,
                        server,
                        hour,
                        text.toString().getBytes(StandardCharsets.UTF_8),
                        header.getBytes(StandardCharsets.UTF_8).length,
                        header.substring(0, header.indexOf(logType) + logType.length())
                                .getBytes(StandardCharsets.UTF_8)
                                .length));
            }
        }
    }

    /** A timed row of the stream, before it is placed in the file of its hour. */
    private record TimedRow(long millis, int session, int sequence, String text) {}

    /**
     * The rows of one server's stream by hour file: connections that start anywhere, many of them just before an
     * hour ends so they run on into the next file, a few that last over an hour with a row every quarter hour, and
     * some whose disconnect is never logged (open at the stream's end, or idle).
     */
    private List<List<String>> streamRows(String server, int serverIndex) {
        List<TimedRow> rows = new ArrayList<>();
        int sessions = 30 + random.nextInt(20);
        connections += sessions; // each starts before the end of the last file
        long end = HOURS * 3_600_000L;
        for (int s = 0; s < sessions; s++) {
            int id = serverIndex * 0x1000 + s + 1;
            boolean longLived = random.nextInt(12) == 0;
            long millis;
            if (random.nextInt(5) < 2) {
                millis = (random.nextInt(HOURS) + 1) * 3_600_000L - random.nextInt(240_000) - 1;
            } else {
                millis = (long) (random.nextDouble() * (end - 60_000));
            }
            List<String> events = new ArrayList<>();
            events.add("+,,");
            events.add("<,EHLO host" + id + ".fabrikam.com,");
            int tls = random.nextInt(3);
            if (tls > 0) {
                events.add("<,STARTTLS,");
                events.add(tls == 1 ? TLS10 : TLS12);
                events.add("<,EHLO host" + id + ".fabrikam.com,");
            }
            int messages = random.nextInt(3);
            for (int m = 0; m < messages; m++) {
                events.add("<,MAIL FROM:<a@sender" + random.nextInt(5) + ".example>,");
            }
            int ending = random.nextInt(10);
            if (ending < 7) {
                events.add("-,,Local");
            } else if (ending < 9) {
                events.add("-,,Remote(ConnectionReset)");
            } // else: the disconnect is never logged
            for (int sequence = 0; sequence < events.size(); sequence++) {
                if (millis >= end) {
                    break; // the rest of the connection is after the last file: it stays open
                }
                rows.add(new TimedRow(millis, id, sequence, row(server, id, millis, sequence, events.get(sequence))));
                millis += longLived ? 600_000 + random.nextInt(900_000) : 1 + random.nextInt(90_000);
            }
        }
        dataRows += rows.size();
        rows.sort(Comparator.comparingLong(TimedRow::millis)
                .thenComparingInt(TimedRow::session)
                .thenComparingInt(TimedRow::sequence));
        List<List<String>> byHour = new ArrayList<>();
        for (int hour = 0; hour < HOURS; hour++) {
            byHour.add(new ArrayList<>());
        }
        rows.forEach(row -> byHour.get((int) (row.millis() / 3_600_000L)).add(row.text()));
        return byHour;
    }

    private static String row(String server, int id, long millis, int sequence, String rest) {
        long hour = FIRST_HOUR + millis / 3_600_000L;
        long minute = millis / 60_000L % 60;
        long second = millis / 1000 % 60;
        return String.format(
                "2024-03-12T%02d:%02d:%02d.%03dZ,%s\\Default Frontend %s,08DC3B4192B4%04X,%d,10.0.0.11:25,"
                        + "203.0.113.%d:%d,%s",
                hour, minute, second, millis % 1000, server, server, id, sequence, id % 200, 40000 + id, rest);
    }

    /** The paths a run ingests. */
    List<Path> roots() {
        return List.copyOf(roots);
    }

    /** The connections the files hold, once whole: one run over them stores each once. */
    int connections() {
        return connections;
    }

    /** The rows of connections the files hold, once whole. */
    int dataRows() {
        return dataRows;
    }

    /** True when every file holds all it will. */
    boolean complete() {
        return files.stream().allMatch(CopiedFile::complete);
    }

    /**
     * One stretch of the copy job: several files of each stream grow at once, earlier and later ones alike, by
     * whole and partial lines; files not yet begun may turn up, before or after files already there. The first
     * stretch leaves each stream's first file alone and begins a later one, so that file turns up before files
     * already read.
     */
    void copySome() {
        boolean first = stretches++ == 0;
        List<CopiedFile> candidates = files.stream()
                .filter(file -> !file.complete() && !(first && file.hour == 0))
                .toList();
        List<CopiedFile> growing = new ArrayList<>();
        for (CopiedFile file : candidates) {
            if (random.nextBoolean()) {
                growing.add(file);
            }
        }
        while (growing.size() < Math.min(2, candidates.size())) {
            CopiedFile file = candidates.get(random.nextInt(candidates.size()));
            if (!growing.contains(file)) {
                growing.add(file);
            }
        }
        if (first) {
            for (CopiedFile file : candidates) {
                boolean streamBegun = growing.stream().anyMatch(other -> other.server.equals(file.server));
                if (!streamBegun) {
                    growing.add(file);
                }
            }
        }
        growing.forEach(file -> copyTo(file, nextLength(file)));
    }

    /** Copies the rest of every file. */
    void copyAll() {
        files.stream().filter(file -> !file.complete()).forEach(file -> copyTo(file, file.content.length));
    }

    /**
     * A copy job that runs on while a run reads {@code beingRead}: that file grows, and so do, at random, the other
     * files of each stream, the earlier ones (which the run may have read already) and the later ones (which it may
     * not have reached, or be reading on another thread) alike.
     *
     * @return whether {@code beingRead} grew
     */
    boolean copyDuringRun(Path beingRead) {
        boolean grewWhileRead = false;
        for (CopiedFile file : files) {
            boolean read = file.path
                    .toAbsolutePath()
                    .normalize()
                    .equals(beingRead.toAbsolutePath().normalize());
            if (!file.complete() && (read || random.nextInt(3) > 0)) {
                copyTo(file, nextLength(file));
                grewWhileRead |= read;
            }
        }
        return grewWhileRead;
    }

    /** Where a file's copy stops next: anywhere after what is there, now and then within its header or at its end. */
    private int nextLength(CopiedFile file) {
        int from = file.copied + 1;
        int length;
        int kind = random.nextInt(10);
        if (kind < 2) {
            length = file.content.length;
        } else if (kind < 3 && from <= file.logTypeEnd + 1) {
            // Just after the #Log-type text or its CR: the header names the log type, no whole line does yet.
            length = Math.max(from, file.logTypeEnd + random.nextInt(2));
        } else if (kind < 4 && from < file.headerBytes + 40) {
            length = from + random.nextInt(file.headerBytes + 40 - from + 1);
        } else {
            length = from + random.nextInt(file.content.length - from + 1);
        }
        length = Math.min(length, file.content.length);
        // Two files of a server cut at the same length inside the header they share would be taken for copies of one
        // file (where folders do not name the server, any two files).
        while (length < file.content.length && sameStartAsAnother(file, length)) {
            length++;
        }
        return length;
    }

    private boolean sameStartAsAnother(CopiedFile file, int length) {
        for (CopiedFile other : files) {
            if (other != file
                    && (layout == Layout.FOLDER_PER_ROOT || other.server.equals(file.server))
                    && other.copied == length
                    && Arrays.equals(other.content, 0, length, file.content, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** Appends the next bytes of {@code file} up to {@code length}, with a modification time of its own. */
    private void copyTo(CopiedFile file, int length) {
        if (length <= file.copied) {
            return;
        }
        try {
            try (OutputStream out = Files.newOutputStream(
                    file.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                out.write(file.content, file.copied, length - file.copied);
            }
            file.copied = length;
            clock++;
            Files.setLastModifiedTime(
                    file.path,
                    FileTime.from(Instant.parse("2024-03-12T12:00:00Z").plusSeconds(clock)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
