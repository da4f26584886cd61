package io.tlsaudit.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An export folder: {@code TABLE/day=YYYY-MM-DD/server=NAME/*.parquet} for each {@link ExportTable}, a marker file
 * naming the database it belongs to, and while an export runs a staging folder. The marker and the staging folder
 * start with {@code _} and {@code .} and sit beside the table folders, never in them, so no engine reads them as
 * data.
 *
 * <p>A folder belongs to one database: a day is replaced as a whole folder, so two databases exporting into one
 * folder would replace each other's days. New days are written into the staging folder first and each then takes
 * its place by two renames within the folder (the old day out, the new one in): a reader sees the day's old files or
 * its new ones, never a mix, or for the instant between the renames no files of that day. A run killed at any
 * point leaves every day as it was, as it is now, or (between the renames) missing, which the next export finds and
 * writes again; what it leaves in the staging folder is removed by the next export.
 */
final class ExportFolder {

    /** The marker, written before anything else. */
    static final String MARKER = "_tlsaudit_export.json";

    static final String STAGING = ".tlsaudit-staging";

    private static final Pattern DATABASE_ID = Pattern.compile("\"database_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern DAY_FOLDER = Pattern.compile("day=(\\d{4}-\\d{2}-\\d{2})");

    private final Path root;

    private ExportFolder(Path root) {
        this.root = root;
    }

    /**
     * The folder {@code out}, created if needed and claimed for database {@code databaseId}: refused when it holds
     * another database's export, or files but no export at all (a mistyped {@code --out} must not fill a home
     * folder or a log share). A staging folder left by a killed run is removed.
     */
    static ExportFolder claim(Path out, String databaseId) throws IOException {
        Files.createDirectories(out);
        Path root = out.toRealPath();
        Path marker = root.resolve(MARKER);
        if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            Optional<String> owner = ownerOf(marker);
            if (owner.isEmpty()) {
                throw new ExportFailure(marker + " is not a tlsaudit export marker; export to another folder");
            }
            if (!owner.get().equals(databaseId)) {
                throw new ExportFailure(root + " holds the export of another database (" + owner.get()
                        + "); export each database to a folder of its own, since an export replaces whole days");
            }
        } else {
            try (Stream<Path> entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new ExportFailure(
                            root + " is not empty and holds no tlsaudit export; give a new or empty" + " folder");
                }
            }
            writeMarker(root, databaseId);
        }
        ExportFolder folder = new ExportFolder(root);
        deleteTree(folder.staging());
        return folder;
    }

    /** The folder, links resolved: the key of what was exported to it. */
    Path root() {
        return root;
    }

    /** Where {@code table}'s new days are written before they take their place; DuckDB creates the last folder. */
    Path stagingFor(ExportTable table) throws IOException {
        Path parent = staging().resolve("new");
        Files.createDirectories(parent);
        return parent.resolve(table.tableName());
    }

    /** The days of {@code table} in the folder now. */
    TreeSet<LocalDate> days(ExportTable table) throws IOException {
        TreeSet<LocalDate> days = new TreeSet<>();
        Path folder = root.resolve(table.tableName());
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

    /** The staged folder of {@code day}, which the COPY wrote; empty when it wrote no row of that day. */
    Optional<Path> staged(ExportTable table, LocalDate day) {
        Path staged = staging().resolve("new").resolve(table.tableName()).resolve(dayFolder(day));
        return Files.isDirectory(staged, LinkOption.NOFOLLOW_LINKS) ? Optional.of(staged) : Optional.empty();
    }

    /** Puts the staged {@code day} in place of the folder's, if any. */
    void replace(ExportTable table, LocalDate day, Path staged) throws IOException {
        Path target = root.resolve(table.tableName()).resolve(dayFolder(day));
        Files.createDirectories(target.getParent());
        moveAside(table, day);
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Takes {@code day} out of the folder. */
    void remove(ExportTable table, LocalDate day) throws IOException {
        moveAside(table, day);
    }

    /** The bytes of the files below {@code folder}. */
    static long size(Path folder) throws IOException {
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

    /** Removes the staging folder and the days replaced. */
    void finish() throws IOException {
        deleteTree(staging());
    }

    private Path staging() {
        return root.resolve(STAGING);
    }

    private void moveAside(ExportTable table, LocalDate day) throws IOException {
        Path current = root.resolve(table.tableName()).resolve(dayFolder(day));
        if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path aside = staging().resolve("old").resolve(table.tableName()).resolve(dayFolder(day));
        Files.createDirectories(aside.getParent());
        deleteTree(aside);
        Files.move(current, aside, StandardCopyOption.ATOMIC_MOVE);
    }

    static String dayFolder(LocalDate day) {
        return "day=" + day;
    }

    private static Optional<String> ownerOf(Path marker) throws IOException {
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > 64 * 1024) {
            return Optional.empty();
        }
        Matcher matcher = DATABASE_ID.matcher(Files.readString(marker, StandardCharsets.UTF_8));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static void writeMarker(Path root, String databaseId) throws IOException {
        StringBuilder tables = new StringBuilder();
        for (ExportTable table : ExportTable.values()) {
            tables.append(tables.length() == 0 ? "" : ", ")
                    .append('"')
                    .append(table.tableName())
                    .append('"');
        }
        String text = "{\n  \"tlsaudit_export\": 1,\n  \"database_id\": \"" + databaseId + "\",\n  \"tables\": ["
                + tables + "],\n  \"partitioning\": \"day=YYYY-MM-DD/server=NAME\",\n  \"format\": \"parquet\"\n}\n";
        Path partial = root.resolve(MARKER + ".partial");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, root.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE);
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
