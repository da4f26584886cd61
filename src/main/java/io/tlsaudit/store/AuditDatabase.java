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
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The one owner of the embedded DuckDB database: opens it, creates the schema, hands out the writers and runs
 * queries. Writers share its connection, so a file's rows and its ledger entry commit together. Not thread-safe;
 * close it to release the file lock.
 */
public final class AuditDatabase implements AutoCloseable {

    private final Path file;
    private final DuckDBConnection connection;
    /** Opened for reports and queries: statements must be one query ({@link QuerySandbox#checkOneQuery}). */
    private boolean readOnly;
    /** The private folder DuckDB may spill to while reports and queries run; removed at close. */
    private Path temporaryFolder;

    private AuditDatabase(Path file, DuckDBConnection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * DuckDB's memory for an ingest, which only appends and commits: by default DuckDB takes up to 80% of the
     * machine's memory for its buffers and keeps what it wrote cached there. Measured on the 1.2 GB benchmark share
     * with the serial collector, peak RSS 565-587 MB at 256 MB, 426-432 MB at 128 MB, for 0.4 s more (of 12); 64 MB
     * is too little for the final checkpoint. Beyond the limit DuckDB spills to FILE.tmp.
     */
    static final String INGEST_MEMORY_LIMIT = "128MB";

    /**
     * The write-ahead log size at which a commit also checkpoints. DuckDB's default, 16 MB, checkpoints every few
     * batches, each time compressing and rewriting the tables' last row groups again; measured on the benchmark
     * share, one checkpoint at the end took the ingest from 14.5 s to 11.5 s and left a file of 31 MB instead of 48.
     * A run killed before it replays the log when the database is next opened.
     */
    static final String INGEST_CHECKPOINT_THRESHOLD = "1GB";

    /**
     * DuckDB's threads for an ingest: one, the thread that writes. Its statements load rows a few thousand at a time,
     * and with more threads DuckDB's other threads spin waiting for work at each of them, taking the CPU the reading
     * threads need. Full ingests of the 1.2 GB benchmark share, alternated 4 times on 2026-12-02 (2 cores): 11.75 s
     * and 19.2 s of CPU with DuckDB's default (one thread per core), 10.04 s and 16.5 s with one (medians). The
     * setting holds for the whole ingest: its reads of pending rows and its final checkpoint run on one thread too.
     */
    static final String INGEST_THREADS = "1";

    /** Opens (creating if needed) a database for ingesting, with the schema in place and auto-commit off. */
    public static AuditDatabase openForWriting(Path file) {
        Properties properties = new Properties();
        properties.setProperty("threads", INGEST_THREADS);
        properties.setProperty("memory_limit", INGEST_MEMORY_LIMIT);
        properties.setProperty("checkpoint_threshold", INGEST_CHECKPOINT_THRESHOLD);
        return openWritable(file, properties, false);
    }

    /**
     * Opens an existing database for {@code export}, which reads every table and records what it wrote in
     * {@code exported_days}; an older schema is upgraded in place as by {@code ingest}. DuckDB locks the file, so
     * this fails while an ingest holds it open, and an ingest fails while an export runs.
     */
    public static AuditDatabase openForExport(Path file) {
        requireExisting(file);
        Properties properties = new Properties();
        // A partitioned COPY buffers each open partition's row group; beyond this DuckDB spills to FILE.tmp.
        properties.setProperty("memory_limit", EXPORT_MEMORY_LIMIT);
        return openWritable(file, properties, true);
    }

    private static void requireExisting(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(
                    "no database at " + file + " (run 'tlsaudit ingest --db " + file + " <logs>' first)");
        }
    }

    /**
     * With the schema in place and auto-commit off; {@code tlsauditOnly} refuses a database without tlsaudit's tables
     * rather than create them (an export of an empty or another application's DuckDB file).
     */
    private static AuditDatabase openWritable(Path file, Properties properties, boolean tlsauditOnly) {
        AuditDatabase database = open(file, properties);
        try {
            if (tlsauditOnly && SchemaVersion.of(database.connection) == 0) {
                throw noTables(file);
            }
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

    /**
     * DuckDB's memory for an export. Measured on the 1.2 GB benchmark share (662,000 rows, 12 partitions per table):
     * peak RSS 660-700 MB and 2.3 s at 1 GB, 420-460 MB and 2.9 s at 256 MB; the bound matters more than the half
     * second on a share of hundreds of servers, where each open partition buffers a row group.
     */
    static final String EXPORT_MEMORY_LIMIT = "256MB";

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

    private static StoreException noTables(Path file) {
        return new StoreException(
                file + " holds no tlsaudit tables (run 'tlsaudit ingest --db " + file + " <logs>' first)");
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
            throw noTables(file);
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
        requireExisting(file);
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        properties.setProperty("enable_external_access", "false");
        if (!openFolders.isEmpty()) {
            properties.setProperty("allowed_directories", QuerySandbox.allowedDirectories(file, openFolders));
        }
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        properties.setProperty("allow_community_extensions", "false");
        // Results come in chunks as they are read, not materialised whole: a query over every row stays small.
        properties.setProperty("jdbc_stream_results", "true");
        // DuckDB lets a connection read and write its temporary folder whatever the access rules; by default that is
        // FILE.tmp beside the database, which others may have filled. A fresh private folder holds only spills.
        Path temporary = QuerySandbox.privateTemporaryFolder(file);
        properties.setProperty("temp_directory", temporary.toString());
        AuditDatabase database;
        try {
            database = open(file, properties);
        } catch (StoreException e) {
            QuerySandbox.deleteQuietly(temporary);
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

    /**
     * Starts loading DuckDB's native library on a thread of its own, for a command that does other work before it
     * opens a database: loading the library from beside the jar (see {@link EngineLibrary}; the launcher has put
     * it there already), about 0.05 s, and the driver's own start, while the search of the log share goes on.
     */
    public static EngineLoad loadEngineInBackground() {
        return EngineLoad.start();
    }

    private static AuditDatabase open(Path file, Properties properties) {
        String name = file.toString();
        if (name.indexOf(';') >= 0 || name.indexOf('?') >= 0) {
            // DuckDB reads what follows as connection settings (";duckdb.read_only=false"): never pass them on.
            throw new StoreException("cannot open database " + file + ": a database path may not hold ';' or '?'");
        }
        EngineLibrary.prepareForThisJvm();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file, properties);
            return new AuditDatabase(file, connection.unwrap(DuckDBConnection.class));
        } catch (SQLException | IOException e) {
            DatabaseInUse.throwIfInUse(file, e);
            throw new StoreException("cannot open database " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    private void createSchema() {
        execute(SmtpSessionColumns.createSessionsTable(), "create the smtp_sessions table");
        execute(ConnectionCheckpoints.DEFINITION, "create the connection_checkpoints table");
        execute(IisRequestColumns.createTable(), "create the iis_requests table");
        execute(resource("schema.sql"), "create the schema");
    }

    public Path file() {
        return file;
    }

    /** The writer of one run's rows and ledger entries, committed batch by batch; the caller closes it. */
    public IngestBatch ingestBatch() {
        return new IngestBatch(this, connection, pendingConnections().streams());
    }

    /**
     * A reader of pending connections for another thread, on a connection of its own to the same database; the
     * caller closes it.
     */
    public PendingReader pendingReader() {
        try {
            DuckDBConnection reading = (DuckDBConnection) connection.duplicate();
            // Each load sees the database as committed then, not as it was at the first load.
            reading.setAutoCommit(true);
            return new PendingReader(reading);
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot open a second connection to " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The connections still open at the last commit of their stream. */
    public PendingConnections pendingConnections() {
        return new PendingConnections(connection);
    }

    /** The open connections of each stream at the start of each file, for reading a stream again from a file on. */
    public ConnectionCheckpoints checkpoints() {
        return new ConnectionCheckpoints(connection);
    }

    /** What each table holds per day, what was exported where, and the Parquet writer. */
    public ExportLedger exportLedger() {
        return new ExportLedger(this, connection);
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

    /**
     * Opens a transaction now rather than at the next statement, for Appenders that write before any statement runs:
     * the driver begins a transaction before a statement when auto-commit is off, and an Appender flush outside one
     * commits on its own.
     */
    void beginTransaction() {
        execute("SELECT 1", "begin a transaction");
    }

    /** Runs one SQL statement with positional parameters and reads its whole result. */
    public ResultTable query(String sql, List<Object> parameters) throws SQLException {
        List<ResultTable> result = new ArrayList<>(1);
        stream(sql, parameters, rows -> result.add(ResultTable.read(rows)));
        return result.get(0);
    }

    /**
     * What DuckDB's parser finds in {@code sql}, without running it: see {@link QuerySandbox#parse}. For a command
     * that wants to tell a usage error (several statements) from others before running anything.
     */
    public QuerySandbox.Parsed parse(String sql) throws SQLException {
        return QuerySandbox.parse(connection, sql);
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
        if (readOnly) {
            QuerySandbox.checkOneQuery(connection, sql);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (readOnly) {
                QuerySandbox.checkReturnsRows(statement);
            }
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
            if (temporaryFolder != null) {
                QuerySandbox.deleteQuietly(temporaryFolder);
            }
        }
    }
}
