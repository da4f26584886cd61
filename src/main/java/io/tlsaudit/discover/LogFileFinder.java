package io.tlsaudit.discover;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
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
    private final Path workingDirectory;

    public LogFileFinder(LogLocation location) {
        this.location = location;
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
     * Walks every root (a folder or a single file).
     *
     * @throws IOException when a root does not exist
     */
    public Found find(List<Path> roots) throws IOException {
        List<LogFile> logs = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        // Shares collect copies ("RECV20240312-1 - Copy.LOG", a second folder of the same files): the same server,
        // size and first kilobyte (which holds the header's creation time) is the same file (docs/log-formats.md,
        // 'Duplicate copies').
        Map<String, String> firstCopies = new HashMap<>();
        for (Path given : roots) {
            // Absolute from the start: a relative single file (RECV2024031110-1.LOG) has no parent to walk from.
            Path root = given.toAbsolutePath().normalize();
            if (!Files.exists(root)) {
                throw new NoSuchFileException(given.toString(), null, "no such file or folder");
            }
            Path base = Files.isDirectory(root) ? root : root.getParent();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        classify(base, file, attributes).ifPresentOrElse(logs::add, () -> {});
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    skipped.add(new SkippedFile(displayName(file), "cannot read: " + describe(failure), true));
                    return FileVisitResult.CONTINUE;
                }

                private Optional<LogFile> classify(Path base, Path file, BasicFileAttributes attributes) {
                    long size = attributes.size();
                    FileHeader header;
                    try {
                        header = FileHeader.read(file);
                    } catch (IOException failure) {
                        skipped.add(new SkippedFile(displayName(file), "cannot read: " + describe(failure), true));
                        return Optional.empty();
                    }
                    String name = displayName(file);
                    if (header.utf16()) {
                        skipped.add(new SkippedFile(
                                name,
                                "UTF-16 encoded; Exchange and IIS write UTF-8 (convert it back, e.g. with"
                                        + " iconv -f UTF-16 -t UTF-8)",
                                true));
                        return Optional.empty();
                    }
                    Optional<String> server = location.server(base, file);
                    if (header.isSmtpProtocolLog() || header.isIis()) {
                        String identity = server.orElse("") + "|" + size + "|" + header.headCrc();
                        String original = firstCopies.putIfAbsent(identity, name);
                        if (original != null) {
                            skipped.add(new SkippedFile(
                                    name, "a copy of " + original + " (same server, size and first kilobyte)", false));
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
                            ? "Exchange " + header.logType().orElse("log without #Log-type")
                                    + ", not an SMTP protocol log"
                            : size == 0 ? "empty file" : "not an Exchange SMTP protocol log or IIS W3C log";
                    skipped.add(new SkippedFile(name, reason, false));
                    return Optional.empty();
                }
            });
        }
        logs.sort(Comparator.comparing(LogFile::orderKey).thenComparing(LogFile::displayName));
        return new Found(logs, skipped);
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

    private static String describe(IOException failure) {
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}
