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
        logs.addAll(archived);
        archived.clear();
        logs.sort(Comparator.comparing(LogFile::orderKey).thenComparing(LogFile::displayName));
        return new Found(logs, skipped);
    }

    private Optional<LogFile> classify(
            Path base,
            Path file,
            BasicFileAttributes attributes,
            Map<String, String> firstCopies,
            List<SkippedFile> skipped) {
        if (ArchiveMember.isArchiveName(file.getFileName().toString())) {
            return classifyArchive(base, file, attributes, firstCopies, skipped);
        }
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
        return classify(
                base, file, header, size, attributes.lastModifiedTime(), Optional.empty(), name, firstCopies, skipped);
    }

    /**
     * The logs in an archive, each classified as the file it stands for (its location names server and service as
     * unpacked), each left out by the globs as that file would be; broken archives and entries are problems.
     */
    private Optional<LogFile> classifyArchive(
            Path base,
            Path archive,
            BasicFileAttributes attributes,
            Map<String, String> firstCopies,
            List<SkippedFile> skipped) {
        ArchiveContents.Contents contents = ArchiveContents.of(archive);
        for (ArchiveContents.Broken broken : contents.broken()) {
            skipped.add(new SkippedFile(displayMember(broken.name()), broken.reason(), SkippedFile.Kind.UNREADABLE));
        }
        for (ArchiveContents.Listed listed : contents.members()) {
            String name = displayMember(listed.member().name());
            Optional<String> leftOut = selection.takesAll()
                    ? Optional.empty()
                    : selection.leftOut(ShareWalker.relative(base, listed.standsFor()));
            if (leftOut.isPresent()) {
                skipped.add(new SkippedFile(name, leftOut.get(), SkippedFile.Kind.EXCLUDED));
                continue;
            }
            if (listed.header().utf16()) {
                skipped.add(new SkippedFile(
                        name, "UTF-16 encoded; Exchange and IIS write UTF-8", SkippedFile.Kind.WRONG_ENCODING));
                continue;
            }
            classify(
                            base,
                            listed.standsFor(),
                            listed.header(),
                            listed.contentSize(),
                            attributes.lastModifiedTime(),
                            Optional.of(listed.member()),
                            name,
                            firstCopies,
                            skipped)
                    .ifPresent(archived::add);
        }
        return Optional.empty();
    }

    /** Logs found inside archives during the walk; added to the run's logs at its end. */
    private final List<LogFile> archived = new ArrayList<>();

    /** A member's name for messages: the archive as {@link #displayName} gives it, then its entries. */
    private String displayMember(String storedName) {
        int bang = storedName.indexOf("!/");
        String archive = bang < 0 ? storedName : storedName.substring(0, bang);
        return displayName(Path.of(archive)) + (bang < 0 ? "" : storedName.substring(bang));
    }

    /**
     * The log {@code file} stands for, classified by its header: {@code file} is where it lies, or for an archive
     * member where it would lie unpacked; {@code size} its length in bytes, -1 when not known before reading.
     */
    private Optional<LogFile> classify(
            Path base,
            Path file,
            FileHeader header,
            long size,
            java.nio.file.attribute.FileTime modified,
            Optional<ArchiveMember> member,
            String name,
            Map<String, String> firstCopies,
            List<SkippedFile> skipped) {
        Optional<String> server = location.server(base, file);
        if ((header.isSmtpProtocolLog() || header.isIis()) && size >= 0) {
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
        // A member is read from its archive; the plan compares the archive's size and time with the ledger's.
        Path read = member.map(ArchiveMember::archive).orElse(file);
        long sizeForPlan = member.isPresent() ? archiveSize(read) : size;
        if (header.isSmtpProtocolLog()) {
            return Optional.of(new LogFile(
                    read,
                    name,
                    LogFormat.SMTP_PROTOCOL,
                    server,
                    LogLocation.smtpService(base, file),
                    smtpOrderKey(file, header),
                    header.logType(),
                    sizeForPlan,
                    modified,
                    member,
                    header.headCrc()));
        }
        if (header.isIis()) {
            return Optional.of(new LogFile(
                    read,
                    name,
                    LogFormat.IIS_W3C,
                    server,
                    LogLocation.iisSite(base, file),
                    header.date().orElse("") + " " + name,
                    Optional.empty(),
                    sizeForPlan,
                    modified,
                    member,
                    header.headCrc()));
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

    private static long archiveSize(Path archive) {
        try {
            return java.nio.file.Files.size(archive);
        } catch (IOException e) {
            return -1;
        }
    }

    private String displayName(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(workingDirectory)
                ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }
}
