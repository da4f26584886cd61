package io.tlsaudit.export;

import io.tlsaudit.discover.FileFailures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An export folder: {@code TABLE/day=YYYY-MM-DD/server=NAME/*.parquet} for each {@link ExportTable}, a marker file
 * naming the database it belongs to, a lock file, and while an export runs a staging folder. The marker, the lock
 * and the staging folder start with {@code _} or {@code .} and sit beside the table folders, never in them, so no
 * engine reads them as data.
 *
 * <p>A folder belongs to one database file: a day is replaced as a whole folder, so two databases exporting into one
 * folder would replace each other's days. The marker names the database's identity and its file; a copy of the
 * file keeps the identity but not the file, so it is refused too. New days are written into the staging folder
 * first, and each then takes its place by two renames within the folder (the old day out, the new one in): a reader
 * sees the day's old files or its new ones, never a mix, or for the instant between the renames no files of that
 * day. A run killed at any point leaves every day as it was, as it is now, or (between the renames) missing, which
 * the next export finds and writes again; what it leaves in the staging folder is removed by the next export.
 */
final class ExportFolder implements AutoCloseable {

    /** The marker, written before anything else. */
    static final String MARKER = "_tlsaudit_export.json";

    /** The marker while it is written; renamed to {@link #MARKER} once whole. */
    private static final String PARTIAL_MARKER = MARKER + ".partial";

    /** Held locked while an export runs, so two exports never write into one folder at once. */
    private static final String LOCK = ".tlsaudit-export.lock";

    static final String STAGING = ".tlsaudit-staging";

    /** The parts of the staging folder: what the COPYs wrote, the days gathered from it, and the days replaced. */
    private static final String WRITTEN = "new";

    private static final String READY = "ready";
    private static final String OLD = "old";

    private static final Pattern DATABASE_ID = Pattern.compile("\"database_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern DATABASE_FILE =
            Pattern.compile("\"database_file\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern DAY_FOLDER = Pattern.compile("day=(\\d{4}-\\d{2}-\\d{2})");

    private final Path root;
    private final FileChannel lockChannel;
    private final boolean takenOver;

    private ExportFolder(Path root, FileChannel lockChannel, boolean takenOver) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.takenOver = takenOver;
    }

    /**
     * The folder {@code out}, created if needed, locked, and claimed for the database of identity {@code databaseId}
     * in {@code databaseFile}. Refused when it holds the export of another database or of another copy of this one
     * (unless {@code takeOver}), files but no export at all (a mistyped {@code --out} must not fill a home folder or
     * a log share), or a table folder that is a link (an export writes and deletes only below its folder). A staging
     * folder left by a killed run is removed.
     */
    static ExportFolder claim(Path out, String databaseId, Path databaseFile, boolean takeOver) {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new ExportFailure(out + " exists and is not a folder; give a new or empty folder for the export");
            }
            Files.createDirectories(out);
            Path root = out.toRealPath();
            // Checked before the lock file is made, so that a folder refused is left exactly as it was.
            refuseForeignFiles(root);
            FileChannel lock = lock(root);
            try {
                boolean takenOver = claimMarker(root, databaseId, databaseFile, takeOver);
                ExportFolder folder = new ExportFolder(root, lock, takenOver);
                folder.checkTableFolders();
                deleteTree(root.resolve(STAGING));
                return folder;
            } catch (RuntimeException | IOException e) {
                lock.close();
                throw e;
            }
        } catch (IOException e) {
            throw failure(out, e);
        }
    }

    /** The folder, links resolved: the key of what was exported to it. */
    Path root() {
        return root;
    }

    /** Whether this run took the folder over from another database or copy, so none of its days can be trusted. */
    boolean takenOver() {
        return takenOver;
    }

    /** Where one COPY of {@code table}'s partitions writes; DuckDB creates the last folder. */
    Path batch(ExportTable table, int number) throws IOException {
        Path parent = staging(WRITTEN, table);
        Files.createDirectories(parent);
        return parent.resolve(Integer.toString(number));
    }

    /**
     * Moves every {@code server=} folder the batches of {@code table} wrote into the staged day it belongs to, and
     * returns those days with where they are staged.
     */
    Set<LocalDate> gather(ExportTable table) throws IOException {
        Path batches = staging(WRITTEN, table);
        Set<LocalDate> gathered = new TreeSet<>();
        if (!Files.isDirectory(batches, LinkOption.NOFOLLOW_LINKS)) {
            return gathered;
        }
        try (DirectoryStream<Path> each = Files.newDirectoryStream(batches)) {
            for (Path batch : each) {
                for (LocalDate day : days(batch)) {
                    Path staged = staged(table, day);
                    Files.createDirectories(staged);
                    try (DirectoryStream<Path> servers = Files.newDirectoryStream(batch.resolve(dayFolder(day)))) {
                        for (Path server : servers) {
                            Files.move(server, staged.resolve(server.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                        }
                    }
                    gathered.add(day);
                }
            }
        }
        return gathered;
    }

    /** The days of {@code table} in the folder now. */
    TreeSet<LocalDate> days(ExportTable table) throws IOException {
        return days(tableFolder(table));
    }

    /** The {@code server=} folders of {@code table}'s {@code day} that hold a Parquet file. */
    int serverFolders(ExportTable table, LocalDate day) throws IOException {
        Path folder = tableFolder(table).resolve(dayFolder(day));
        int count = 0;
        try (DirectoryStream<Path> servers = Files.newDirectoryStream(folder, "server=*")) {
            for (Path server : servers) {
                if (Files.isDirectory(server, LinkOption.NOFOLLOW_LINKS)) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(server, "*.parquet")) {
                        count += files.iterator().hasNext() ? 1 : 0;
                    }
                }
            }
        }
        return count;
    }

    /** Makes {@code table}'s folder: engines refuse a table whose location does not exist, also one without rows. */
    void createTableFolder(ExportTable table) throws IOException {
        Files.createDirectories(tableFolder(table));
    }

    /** Puts the staged {@code day} in place of the folder's, if any. */
    void replace(ExportTable table, LocalDate day) throws IOException {
        Path target = tableFolder(table).resolve(dayFolder(day));
        moveAside(table, day);
        Files.move(staged(table, day), target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Takes {@code day} out of the folder. */
    void remove(ExportTable table, LocalDate day) throws IOException {
        moveAside(table, day);
    }

    /** The bytes of the files below {@code table}'s staged days. */
    long stagedBytes(ExportTable table) throws IOException {
        Path folder = staging(READY, table);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            long total = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    total += Files.size(file);
                }
            }
            return total;
        }
    }

    /** Removes the staging folder and the days replaced, and lets the folder go. */
    void finish() throws IOException {
        deleteTree(root.resolve(STAGING));
    }

    @Override
    public void close() {
        try {
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    /** Says what went wrong with {@code path} in words: never a Java exception's class name. */
    static ExportFailure failure(Path path, IOException e) {
        // FileFailures says the usual reasons; the one only an export meets is a file where a folder must be.
        String reason =
                e instanceof FileAlreadyExistsException ? "exists and is not a folder" : FileFailures.describe(e);
        String file = e instanceof FileSystemException system && system.getFile() != null
                ? system.getFile()
                : path.toString();
        return new ExportFailure("cannot write the export in " + path + ": " + file + ": " + reason, e);
    }

    private Path tableFolder(ExportTable table) {
        return root.resolve(table.tableName());
    }

    private Path staged(ExportTable table, LocalDate day) {
        return staging(READY, table).resolve(dayFolder(day));
    }

    /** {@code table}'s folder in the staging folder's {@code part}: {@link #WRITTEN}, {@link #READY} or {@link #OLD}. */
    private Path staging(String part, ExportTable table) {
        return root.resolve(STAGING).resolve(part).resolve(table.tableName());
    }

    private void checkTableFolders() {
        for (ExportTable table : ExportTable.values()) {
            Path folder = tableFolder(table);
            if (Files.isSymbolicLink(folder)
                    || (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)
                            && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS))) {
                throw new ExportFailure(folder + " is a link or a file, not a folder of the export; an export writes"
                        + " and deletes only below its own folder: remove it, or export to another folder");
            }
        }
    }

    private static TreeSet<LocalDate> days(Path folder) throws IOException {
        TreeSet<LocalDate> days = new TreeSet<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return days;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                Matcher matcher = DAY_FOLDER.matcher(entry.getFileName().toString());
                if (matcher.matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        days.add(LocalDate.parse(matcher.group(1)));
                    } catch (DateTimeParseException e) {
                        // not a folder an export wrote: left alone
                    }
                }
            }
        }
        return days;
    }

    private void moveAside(ExportTable table, LocalDate day) throws IOException {
        Path current = tableFolder(table).resolve(dayFolder(day));
        if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path aside = staging(OLD, table).resolve(dayFolder(day));
        Files.createDirectories(aside.getParent());
        deleteTree(aside);
        Files.move(current, aside, StandardCopyOption.ATOMIC_MOVE);
    }

    static String dayFolder(LocalDate day) {
        return "day=" + day;
    }

    private static FileChannel lock(Path root) throws IOException {
        FileChannel channel = FileChannel.open(
                root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new ExportFailure("another export into " + root + " is running; wait for it to finish");
        }
        return channel;
    }

    /** Claims the folder; returns whether it was taken over from another database or copy. */
    private static boolean claimMarker(Path root, String databaseId, Path databaseFile, boolean takeOver)
            throws IOException {
        Path marker = root.resolve(MARKER);
        if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            Optional<String> text = markerText(marker);
            Optional<String> owner = text.flatMap(t -> group(DATABASE_ID, t));
            if (owner.isEmpty()) {
                throw new ExportFailure(marker + " is not a tlsaudit export marker; export to another folder");
            }
            Optional<String> ownerFile =
                    text.flatMap(t -> group(DATABASE_FILE, t)).map(ExportFolder::unescape);
            boolean same = owner.get().equals(databaseId)
                    && ownerFile
                            .map(file -> file.equals(databaseFile.toString()))
                            .orElse(true);
            if (same) {
                return false;
            }
            if (!takeOver) {
                String whose = owner.get().equals(databaseId)
                        ? " was exported from " + ownerFile.orElse("?") + "; " + databaseFile
                                + " is a copy of that database, or it was moved"
                        : " holds the export of another database (" + ownerFile.orElse(owner.get()) + ")";
                throw new ExportFailure(root + whose + ". Export each database to a folder of its own, since an"
                        + " export replaces whole days; to make this folder this database's export, run once with"
                        + " --take-over (every day is written again, and days this database does not hold are"
                        + " removed)");
            }
            writeMarker(root, databaseId, databaseFile);
            return true;
        }
        refuseForeignFiles(root);
        writeMarker(root, databaseId, databaseFile);
        return false;
    }

    /**
     * Refuses a folder without a marker that holds anything but the marker's temporary file (what a run killed while
     * writing the marker leaves) and the lock.
     */
    private static void refuseForeignFiles(Path root) throws IOException {
        if (Files.exists(root.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> entries = Files.list(root)) {
            if (entries.map(entry -> entry.getFileName().toString())
                    .anyMatch(name -> !name.equals(PARTIAL_MARKER) && !name.equals(LOCK))) {
                throw new ExportFailure(
                        root + " is not empty and holds no tlsaudit export; give a new or empty folder");
            }
        }
    }

    private static Optional<String> markerText(Path marker) throws IOException {
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > 64 * 1024) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(marker, StandardCharsets.UTF_8));
    }

    private static Optional<String> group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static void writeMarker(Path root, String databaseId, Path databaseFile) throws IOException {
        StringBuilder tables = new StringBuilder();
        for (ExportTable table : ExportTable.values()) {
            tables.append(tables.length() == 0 ? "" : ", ")
                    .append('"')
                    .append(table.tableName())
                    .append('"');
        }
        String text = "{\n  \"tlsaudit_export\": 1,\n  \"database_id\": \"" + databaseId + "\",\n"
                + "  \"database_file\": \"" + escape(databaseFile.toString()) + "\",\n  \"tables\": [" + tables
                + "],\n  \"partitioning\": \"day=YYYY-MM-DD/server=NAME\",\n  \"format\": \"parquet\"\n}\n";
        Path partial = root.resolve(PARTIAL_MARKER);
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, root.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A JSON string's content: backslash, quote and control characters escaped. */
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String unescape(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                if (next == 'u'
                        && i + 4 < text.length()
                        && text.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                    plain.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    plain.append(next);
                }
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }

    /** Deletes {@code path} and what is below it, never following a link (a link is deleted, not its target). */
    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }
}
