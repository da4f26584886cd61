package io.tlsaudit.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

/**
 * The one owner of the embedded DuckDB database: opens it, creates the schema, hands out the writers and runs
 * queries. Writers share its connection, so a file's rows and its ledger entry commit together. Not thread-safe;
 * close it to release the file lock.
 */
public final class AuditDatabase implements AutoCloseable {

    private final Path file;
    private final DuckDBConnection connection;
    /** Opened for reports and queries: statements are checked to be one query ({@link #checkOneQuery}). */
    private boolean readOnly;
    /** The private folder DuckDB may spill to while reports and queries run; removed at close. */
    private Path temporaryFolder;

    private AuditDatabase(Path file, DuckDBConnection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) a database for ingesting, with the schema in place and auto-commit off. */
    public static AuditDatabase openForWriting(Path file) {
        AuditDatabase database = open(file, new Properties());
        try {
            database.connection.setAutoCommit(false);
            database.prepareSchema();
            database.connection.commit();
        } catch (SQLException e) {
            database.close();
            throw new StoreException("cannot prepare " + file + ": " + firstLine(e.getMessage()), e);
        } catch (StoreException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** Creates the schema in a new database, upgrades an older one in place, and refuses a newer one. */
    private void prepareSchema() throws SQLException {
        int version = SchemaVersion.of(connection);
        if (version > SchemaVersion.CURRENT) {
            throw newerSchema(version);
        }
        if (version > 0 && version < SchemaVersion.CURRENT) {
            SchemaVersion.upgrade(connection, version, this::createSchema);
            return;
        }
        List<String> foreign = SchemaVersion.tables(connection);
        if (version == 0 && !foreign.isEmpty()) {
            throw new StoreException(file + " is not a tlsaudit database (it holds " + String.join(", ", foreign)
                    + "); give a new file or one tlsaudit made");
        }
        createSchema();
        SchemaVersion.record(connection);
    }

    private StoreException newerSchema(int version) {
        return new StoreException(file + " has schema version " + version + ", newer than this tlsaudit reads ("
                + SchemaVersion.CURRENT + "); use the tlsaudit that wrote it, or a newer one");
    }

    /**
     * Opens an existing database read-only, for reports and queries: nothing run on it can change it or any other
     * file. Besides DuckDB's read-only mode, external access is switched off (no ATTACH of another database, no COPY
     * or EXPORT to files, no file-reading functions such as {@code read_csv}, no INSTALL or LOAD of extensions) and
     * the configuration is locked, so a statement cannot switch it back on. DuckDB locks the file, so this fails
     * while an ingest holds it open.
     */
    public static AuditDatabase openReadOnly(Path file) {
        return openReadOnly(file, List.of());
    }

    /** DuckDB's {@code allowed_directories} list for {@code folders}; none may hold the database. */
    private static String allowedDirectories(Path database, List<Path> folders) {
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

    /** A read-only database cannot be upgraded: an older one is refused with what to do. */
    private void checkReadableVersion() {
        int version;
        try {
            version = SchemaVersion.of(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version of " + file + ": " + firstLine(e.getMessage()), e);
        }
        if (version > SchemaVersion.CURRENT) {
            throw newerSchema(version);
        }
        if (version == 0) {
            throw new StoreException(
                    file + " holds no tlsaudit tables (run 'tlsaudit ingest --db " + file + " <logs>' first)");
        }
        if (version < SchemaVersion.CURRENT) {
            throw new StoreException(file + " was made by an older tlsaudit (schema version " + version + "); run"
                    + " 'tlsaudit ingest --db " + file + " <logs>' once to upgrade it in place");
        }
    }

    /**
     * As {@link #openReadOnly(Path)}, but statements may read (and write) files in {@code openFolders}, for
     * {@code read_csv} over raw logs: DuckDB's external access stays off and only these folders are allowed. A folder
     * that holds the database itself is refused, so no statement can overwrite or attach the database through it.
     */
    public static AuditDatabase openReadOnly(Path file, List<Path> openFolders) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(
                    "no database at " + file + " (run 'tlsaudit ingest --db " + file + " <logs>' first)");
        }
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        properties.setProperty("enable_external_access", "false");
        if (!openFolders.isEmpty()) {
            properties.setProperty("allowed_directories", allowedDirectories(file, openFolders));
        }
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        properties.setProperty("allow_community_extensions", "false");
        // Results come in chunks as they are read, not materialised whole: a query over every row stays small.
        properties.setProperty("jdbc_stream_results", "true");
        // DuckDB lets a connection read and write its temporary folder whatever the access rules; by default that is
        // FILE.tmp beside the database, which others may have filled. A fresh private folder holds only spills.
        Path temporary = privateTemporaryFolder(file);
        properties.setProperty("temp_directory", temporary.toString());
        AuditDatabase database;
        try {
            database = open(file, properties);
        } catch (StoreException e) {
            deleteQuietly(temporary);
            throw e;
        }
        database.readOnly = true;
        database.temporaryFolder = temporary;
        try {
            database.execute("SET lock_configuration = true", "lock the configuration");
            database.checkReadableVersion();
        } catch (StoreException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static AuditDatabase open(Path file, Properties properties) {
        String name = file.toString();
        if (name.indexOf(';') >= 0 || name.indexOf('?') >= 0) {
            // DuckDB reads what follows as connection settings (";duckdb.read_only=false"): never pass them on.
            throw new StoreException("cannot open database " + file + ": a database path may not hold ';' or '?'");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file, properties);
            return new AuditDatabase(file, connection.unwrap(DuckDBConnection.class));
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot open database " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    private void createSchema() {
        execute(SmtpSessionColumns.createSessionsTable(), "create the smtp_sessions table");
        execute(ConnectionCheckpoints.DEFINITION, "create the connection_checkpoints table");
        execute(resource("schema.sql"), "create the schema");
    }

    public Path file() {
        return file;
    }

    /** A writer for {@code smtp_sessions}; the caller closes it. */
    public SmtpConnectionWriter smtpConnectionWriter() {
        return new SmtpConnectionWriter(connection);
    }

    /** A writer for {@code iis_requests}; the caller closes it. */
    public IisRequestWriter iisRequestWriter() {
        return new IisRequestWriter(connection);
    }

    /** A writer for {@code ingest_errors}; the caller closes it. */
    public ProblemWriter problemWriter() {
        return new ProblemWriter(connection);
    }

    /** The connections still open at the last commit of their stream. */
    public PendingConnections pendingConnections() {
        return new PendingConnections(connection);
    }

    /** The open connections of each stream at the start of each file, for reading a stream again from a file on. */
    public ConnectionCheckpoints checkpoints() {
        return new ConnectionCheckpoints(connection);
    }

    /** The ledger of files already ingested. */
    public IngestLedger ledger() {
        return new IngestLedger(connection);
    }

    /** Makes everything written since the last commit durable. */
    public void commit() {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot commit to " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Runs one SQL statement with positional parameters and reads its whole result. */
    public ResultTable query(String sql, List<Object> parameters) throws SQLException {
        checkOneQuery(sql);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            checkReturnsRows(statement);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            if (!statement.execute()) {
                return new ResultTable(List.of("changed_rows"), List.of(List.of((Object) statement.getUpdateCount())));
            }
            try (ResultSet results = statement.getResultSet()) {
                return ResultTable.read(results);
            }
        }
    }

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
    public Parsed parse(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT json_array_length(j -> 'statements'),"
                + " j ->> 'error_message', j::VARCHAR FROM (SELECT json_serialize_sql(?::VARCHAR)::JSON AS j)")) {
            statement.setString(1, sql);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                long statements = result.getLong(1);
                Set<String> functions = new java.util.TreeSet<>();
                Matcher name = FUNCTION_NAME.matcher(result.getString(3));
                while (name.find()) {
                    functions.add(name.group(1).toLowerCase(java.util.Locale.ROOT));
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
    private void checkOneQuery(String sql) throws SQLException {
        if (!readOnly) {
            return;
        }
        Parsed parsed = parse(sql);
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
    private void checkReturnsRows(PreparedStatement statement) throws SQLException {
        if (readOnly
                && !(statement.getMetaData() instanceof DuckDBResultSetMetaData metadata
                        && metadata.getReturnType() == StatementReturnType.QUERY_RESULT)) {
            throw new SQLException("the database is open read-only: only a query that returns rows runs here");
        }
    }

    /** What is done with the rows of a streamed query while it runs. */
    @FunctionalInterface
    public interface RowsConsumer {
        void accept(ResultRows rows) throws SQLException;
    }

    /**
     * Runs one SQL statement and hands its rows to {@code consumer} as DuckDB produces them, so memory does not grow
     * with the result. A statement that returns no rows hands over one {@code changed_rows} row.
     */
    public void stream(String sql, List<Object> parameters, RowsConsumer consumer) throws SQLException {
        checkOneQuery(sql);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            checkReturnsRows(statement);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            if (!statement.execute()) {
                consumer.accept(
                        new ResultTable(List.of("changed_rows"), List.of(List.of((Object) statement.getUpdateCount())))
                                .cursor());
                return;
            }
            try (ResultSet results = statement.getResultSet()) {
                consumer.accept(ResultTable.cursor(results));
            }
        }
    }

    /** Runs a script of statements separated by semicolons. */
    void execute(String script, String purpose) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(script);
        } catch (SQLException e) {
            throw new StoreException("cannot " + purpose + " in " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The text of a SQL resource next to this class. */
    static String resource(String name) {
        try (InputStream input = AuditDatabase.class.getResourceAsStream(name)) {
            if (input == null) {
                throw new StoreException("missing resource " + name);
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read resource " + name, e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close database " + file + ": " + firstLine(e.getMessage()), e);
        } finally {
            removeTemporaryFolder();
        }
    }

    private static Path privateTemporaryFolder(Path database) {
        try {
            return Files.createTempDirectory("tlsaudit-query-");
        } catch (IOException e) {
            throw new StoreException("cannot open " + database + ": no temporary folder: " + e.getMessage(), e);
        }
    }

    private void removeTemporaryFolder() {
        if (temporaryFolder != null) {
            deleteQuietly(temporaryFolder);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // spills of a finished query; the system's cleaning takes what is left
        }
    }
}
