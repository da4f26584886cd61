package io.tlsaudit.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --db}: shared by every command. */
public final class DatabaseOption {
    @Option(
            names = "--db",
            paramLabel = "FILE",
            defaultValue = "tlsaudit.duckdb",
            converter = DatabaseFile.class,
            description = "DuckDB database file (default: ${DEFAULT-VALUE} in the working directory).")
    Path database;

    /**
     * A database file, never something DuckDB would read as another kind of database: an empty value (a script's
     * unset variable), {@code :memory:} (every run would be lost), a {@code md:} or URL form that reaches out to the
     * network, a value with {@code ;} or {@code ?} (DuckDB would read what follows as connection settings, such as
     * {@code ;duckdb.read_only=false}), or an existing file that is not a regular file (a FIFO would block the run, a
     * folder cannot be one).
     */
    static final class DatabaseFile implements CommandLine.ITypeConverter<Path> {
        /** {@code md:}, {@code file:}, {@code s3:}: a scheme DuckDB hands to an extension (two letters or more). */
        private static final Pattern URL_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

        @Override
        public Path convert(String value) {
            String text = value;
            String lower = text.toLowerCase(Locale.ROOT);
            if (text.isBlank()) {
                throw new CommandLine.TypeConversionException(
                        "--db is empty; give a database file, e.g. --db audit.duckdb");
            }
            if (lower.startsWith(":memory:")
                    || lower.contains("://")
                    || URL_LIKE.matcher(text).lookingAt()) {
                throw new CommandLine.TypeConversionException(
                        "--db '" + value + "' is not a file; tlsaudit keeps its results in a database file, e.g. --db"
                                + " audit.duckdb");
            }
            if (text.indexOf(';') >= 0 || text.indexOf('?') >= 0) {
                throw new CommandLine.TypeConversionException(
                        "--db '" + value + "' holds ';' or '?', which DuckDB reads"
                                + " as connection settings; rename the file or its folder");
            }
            Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                throw new CommandLine.TypeConversionException(
                        "--db '" + value + "' is not a valid path: " + e.getReason());
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                throw new CommandLine.TypeConversionException("--db " + path + " exists and is not a regular file"
                        + (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? " (a folder)" : ""));
            }
            Path log = Path.of(text + ".wal");
            if (Files.exists(log) && !Files.isRegularFile(log)) {
                throw new CommandLine.TypeConversionException(
                        "--db " + path + ": its write-ahead log " + log + " exists and is not a regular file");
            }
            return path;
        }
    }
}
