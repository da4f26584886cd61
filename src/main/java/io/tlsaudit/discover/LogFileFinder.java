package io.tlsaudit.discover;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks the paths given to a run and sorts what it finds into logs to read, in reading order, and files skipped
 * with a reason. Files are recognised by their header; names only decide the order.
 */
public final class LogFileFinder {

    // Daily or hourly names; the writer's own reader accepts 0-2 hour digits and a free-text note
    // (docs/log-formats.md, 'SMTP log files and header').
    private static final Pattern SMTP_FILE_NAME =
            Pattern.compile("(?i)^(RECV|SEND)(\\d{8})(\\d{2})?-(\\d+)(.*)\\.LOG$");

    private final LogLocation location;
    private final FileSelection selection;
    private final Path workingDirectory;

    /** A finder that takes every file below the roots. */
    public LogFileFinder(LogLocation location) {
        this(location, FileSelection.ALL);
    }

    /**
     * @param selection which files below the roots are taken ({@code --include}, {@code --exclude})
     */
    public LogFileFinder(LogLocation location, FileSelection selection) {
        this.location = requireNonNull(location, "location is null");
        this.selection = requireNonNull(selection, "selection is null");
        this.workingDirectory = Path.of("").toAbsolutePath();
    }

    /** What a walk found. */
    public record Found(List<LogFile> logs, List<SkippedFile> skipped) {
        public Found {
            logs = List.copyOf(logs);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Walks every root (a folder or a single file, or a symbolic link to one), following symbolic links; see
     * {@link ShareWalker} for how links, loops and files found twice are handled.
     *
     * @throws NoSuchFileException when a root does not exist, or is a link to nothing
     * @throws IOException when a root's attributes cannot be read
     */
    public Found find(List<Path> roots) throws IOException {
        List<LogFile> logs = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        // Shares collect copies ("RECV20240312-1 - Copy.LOG", a second folder of the same files): the same server,
        // size and first kilobyte (which holds the header's creation time) is the same file (docs/log-formats.md,
        // 'Duplicate copies').
        Map<String, String> firstCopies = new HashMap<>();
        ShareWalker walker = new ShareWalker(selection, this::displayName, new ShareWalker.Visitor() {
            @Override
            public void file(Path base, Path file, BasicFileAttributes attributes) {
                classify(base, file, attributes, firstCopies, skipped).ifPresent(logs::add);
            }

            @Override
            public void skipped(SkippedFile file) {
                skipped.add(file);
            }
        });
        for (Path root : roots) {
            walker.walk(root);
        }
        logs.sort(Comparator.comparing(LogFile::orderKey).thenComparing(LogFile::displayName));
        return new Found(logs, skipped);
    }

    private Optional<LogFile> classify(
            Path base,
            Path file,
            BasicFileAttributes attributes,
            Map<String, String> firstCopies,
            List<SkippedFile> skipped) {
        long size = attributes.size();
        String name = displayName(file);
        FileHeader header;
        try {
            header = FileHeader.read(file);
        } catch (IOException failure) {
            skipped.add(new SkippedFile(
                    name, "cannot read: " + FileFailures.describe(failure), SkippedFile.Kind.UNREADABLE));
            return Optional.empty();
        }
        if (header.utf16()) {
            skipped.add(new SkippedFile(
                    name,
                    "UTF-16 encoded; Exchange and IIS write UTF-8 (convert it back, e.g. with"
                            + " iconv -f UTF-16 -t UTF-8)",
                    SkippedFile.Kind.WRONG_ENCODING));
            return Optional.empty();
        }
        Optional<String> server = location.server(base, file);
        if (header.isSmtpProtocolLog() || header.isIis()) {
            String identity = server.orElse("") + "|" + size + "|" + header.headCrc();
            String original = firstCopies.putIfAbsent(identity, name);
            if (original != null) {
                skipped.add(new SkippedFile(
                        name,
                        "a copy of " + original + " (same server, size and first kilobyte)",
                        SkippedFile.Kind.COPY));
                return Optional.empty();
            }
        }
        if (header.isSmtpProtocolLog()) {
            return Optional.of(new LogFile(
                    file,
                    name,
                    LogFormat.SMTP_PROTOCOL,
                    server,
                    LogLocation.smtpService(base, file),
                    smtpOrderKey(file, header),
                    header.logType(),
                    size,
                    attributes.lastModifiedTime()));
        }
        if (header.isIis()) {
            return Optional.of(new LogFile(
                    file,
                    name,
                    LogFormat.IIS_W3C,
                    server,
                    LogLocation.iisSite(base, file),
                    header.date().orElse("") + " " + name,
                    Optional.empty(),
                    size,
                    attributes.lastModifiedTime()));
        }
        String reason = header.isExchange()
                ? "Exchange " + header.logType().orElse("log without #Log-type") + ", not an SMTP protocol log"
                : size == 0 ? "empty file" : "not an Exchange SMTP protocol log or IIS W3C log";
        skipped.add(new SkippedFile(name, reason, SkippedFile.Kind.NOT_A_LOG));
        return Optional.empty();
    }

    /**
     * Orders SMTP logs by the UTC start time in their name, then their number: a connection's rows continue from
     * one file into the next. Names off the pattern fall back to the {@code #Date} header.
     */
    static String smtpOrderKey(Path file, FileHeader header) {
        Matcher name = SMTP_FILE_NAME.matcher(file.getFileName().toString());
        if (name.matches()) {
            String hour = name.group(3) == null ? "00" : name.group(3);
            String number = String.format(
                    Locale.ROOT, "%09d", Long.parseLong(name.group(4).length() > 9 ? "0" : name.group(4)));
            return name.group(2) + hour + number;
        }
        String date = header.date().orElse("").replaceAll("[^0-9]", "");
        return (date.length() >= 10 ? date.substring(0, 10) : "0000000000") + "999999999";
    }

    private String displayName(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(workingDirectory)
                ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }
}
