package io.tlsaudit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

/**
 * What a statement on a database opened for reports and queries may be and reach, beyond what DuckDB's read-only
 * mode, its external access switch and its locked configuration already refuse: exactly one query, as DuckDB's own
 * parser sees it, calling no function that changes the connection; the folders a user opened and a private folder
 * to spill to, never the database's own folder or {@code FILE.tmp} beside it.
 */
public final class QuerySandbox {

    private QuerySandbox() {}

    /**
     * How many statements DuckDB's own parser finds in {@code sql}, on a database opened for reports and queries, and
     * whether all are queries: {@code statements} is 0 with the parser's complaint in {@code problem} when any is not
     * a query (COPY, ATTACH, PRAGMA, EXPLAIN, SET, CALL, ...).
     */
    public record Parsed(int statements, Optional<String> problem, Set<String> functions) {}

    /**
     * Functions a query may not call: they change the connection for the queries after it (logging and profiling
     * that print query texts raw or write files, which the report's later sections would then feed), run other SQL,
     * or checkpoint. Found by name in DuckDB's own parse tree of the query.
     */
    private static final Set<String> REFUSED_FUNCTIONS = Set.of(
            "enable_logging",
            "disable_logging",
            "truncate_duckdb_logs",
            "enable_profiling",
            "disable_profiling",
            "checkpoint",
            "force_checkpoint",
            "query",
            "query_table",
            "json_execute_serialized_sql");

    private static final Pattern FUNCTION_NAME = Pattern.compile("\"function_name\":\"([^\"]*)\"");

    /**
     * Asks DuckDB's parser, without running anything, what {@code sql} holds. This, not a tokenizer of our own, is
     * what decides: DuckDB's JDBC driver runs all but the last of several statements while only preparing them, so
     * the text must be known to be one query before it is prepared.
     */
    static Parsed parse(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT json_array_length(j -> 'statements'),"
                + " j ->> 'error_message', j::VARCHAR FROM (SELECT json_serialize_sql(?::VARCHAR)::JSON AS j)")) {
            statement.setString(1, sql);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                long statements = result.getLong(1);
                Set<String> functions = new TreeSet<>();
                Matcher name = FUNCTION_NAME.matcher(result.getString(3));
                while (name.find()) {
                    functions.add(name.group(1).toLowerCase(Locale.ROOT));
                }
                return new Parsed((int) statements, Optional.ofNullable(result.getString(2)), functions);
            }
        }
    }

    /**
     * On a database opened for reports and queries, refuses anything but exactly one query (SELECT, WITH, FROM,
     * VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE), as DuckDB's parser sees it, before DuckDB prepares it. DuckDB lets even
     * a locked-down connection write its own database file, write-ahead log and temporary folder, so this is what
     * keeps a query from overwriting them.
     */
    static void checkOneQuery(Connection connection, String sql) throws SQLException {
        Parsed parsed = parse(connection, sql);
        List<String> refused =
                parsed.functions().stream().filter(REFUSED_FUNCTIONS::contains).toList();
        if (!refused.isEmpty()) {
            throw new SQLException("the database is open read-only: a query may not call " + String.join(", ", refused)
                    + ", which would change the connection, run other SQL or checkpoint");
        }
        if (parsed.problem().isPresent() || parsed.statements() != 1) {
            throw new SQLException("the database is open read-only: exactly one query runs here (SELECT, WITH, FROM,"
                    + " VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE); "
                    + parsed.problem()
                            .map(problem -> "DuckDB says: " + problem)
                            .orElse("found " + parsed.statements() + " statements"));
        }
    }

    /** After preparing: the statement returns rows, as a query does (a second guard, after {@link #checkOneQuery}). */
    static void checkReturnsRows(PreparedStatement statement) throws SQLException {
        if (!(statement.getMetaData() instanceof DuckDBResultSetMetaData metadata
                && metadata.getReturnType() == StatementReturnType.QUERY_RESULT)) {
            throw new SQLException("the database is open read-only: only a query that returns rows runs here");
        }
    }

    /** DuckDB's {@code allowed_directories} list for {@code folders}; none may hold the database. */
    static String allowedDirectories(Path database, List<Path> folders) {
        Path databasePath;
        try {
            databasePath = database.toRealPath();
        } catch (IOException e) {
            throw new StoreException("cannot resolve " + database + ": " + e.getMessage(), e);
        }
        List<String> entries = new ArrayList<>();
        for (Path folder : folders) {
            Path real;
            try {
                real = folder.toRealPath();
            } catch (IOException e) {
                throw new StoreException("cannot open folder " + folder + " to the query: no such folder", e);
            }
            if (!Files.isDirectory(real)) {
                throw new StoreException("cannot open " + folder + " to the query: not a folder");
            }
            if (databasePath.startsWith(real)) {
                throw new StoreException("cannot open " + folder + " to the query: it holds the database " + database
                        + ", which a statement could then overwrite; give the folder of the logs");
            }
            entries.add("'" + (real + "/").replace("'", "''") + "'");
        }
        return "[" + String.join(", ", entries) + "]";
    }

    static Path privateTemporaryFolder(Path database) {
        try {
            return Files.createTempDirectory("tlsaudit-query-");
        } catch (IOException e) {
            throw new StoreException("cannot open " + database + ": no temporary folder: " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // spills of a finished query; the system's cleaning takes what is left
        }
    }
}
