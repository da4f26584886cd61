package io.tlsaudit.store;

import io.tlsaudit.assemble.IisRequestGroup;
import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.parse.LineProblem;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * What the files read since the last commit yielded, written through loaders and Appenders and committed as one
 * transaction with their ledger entries: a run killed at any moment leaves whole files stored, each with its entry,
 * or nothing of them. Per file it costs no SQL statement; per commit, one DELETE for each stream whose pending rows
 * are replaced and one per 200 ledger entries replaced. Used by one thread.
 */
public final class IngestBatch implements AutoCloseable {

    private final AuditDatabase database;
    private final TableLoader<SmtpSessionColumns.StoredConnection> sessions;
    private final TableLoader<IisRequestGroup> requests;
    private final ProblemWriter problems;
    private final TableAppender checkpoints;
    private final TableAppender ledger;
    /** Streams that may have pending rows in the database: only theirs are deleted before a new snapshot. */
    private final Set<LogStream> withPendingRows;

    private final Map<LogStream, List<SmtpConnection>> openByStream = new LinkedHashMap<>();
    private final List<IngestLedger.FileRecord> files = new ArrayList<>();

    IngestBatch(AuditDatabase database, DuckDBConnection connection, Set<LogStream> withPendingRows) {
        this.withPendingRows = new HashSet<>(withPendingRows);
        this.database = database;
        // These statements also open the transaction that the loaders and Appenders write into.
        database.execute(STAGE_CHECKPOINTS_TABLE, "create the staging table of checkpoints");
        this.sessions =
                new TableLoader<>(connection, database.file(), "smtp_sessions", SmtpSessionColumns.loadColumns());
        this.requests =
                new TableLoader<>(connection, database.file(), IisRequestColumns.TABLE, IisRequestColumns.COLUMNS);
        database.execute(
                "CREATE TEMP TABLE IF NOT EXISTS " + STAGE_PROBLEMS + " AS SELECT * FROM ingest_errors LIMIT 0",
                "create the staging table of problems");
        this.problems = new ProblemWriter(connection, STAGE_PROBLEMS);
        this.checkpoints = new TableAppender(connection, "temp", "main", STAGE_CHECKPOINTS) {};
        this.ledger = new TableAppender(connection, IngestLedger.TABLE) {};
    }

    /*
     * Connections and requests go to their tables directly, inside the batch's transaction, through a TableLoader each
     * (its comment gives the measurement against DuckDB's Appender, which they went through before). They used to go
     * through temporary tables moved by one INSERT ... SELECT per commit, which once measured faster (150,000
     * connections: 1.6 s staged against 2.2-2.4 s direct). With DuckDB JDBC 1.5.6 it is the other way round: loading
     * the rows of the 1.2 GB benchmark share (250,000 connections, 411,000 request groups, 17 commits, memory_limit
     * 128 MB, DuckDB's default threads) by themselves took 9.3-9.9 s of process CPU staged, 7.0-7.6 s direct through
     * the Appender, list values included. Checkpoints and problems, a few hundred rows, stay staged through Appenders:
     * a re-read run deletes such rows of the files it reads again, and staged ones join their tables only at commit,
     * after those deletes.
     *
     * Staging through DuckDB's own CSV reader loses too. Rows were written as CSV to a file beside the database and
     * loaded 32 MB at a time by INSERT ... SELECT FROM read_csv (every text quoted, sender domains as one text split in
     * SQL), in the batch's transaction. On the benchmark share, alternated 3 times on 2026-12-01: run time 11.2-11.9
     * s, CPU of the writing thread and DuckDB's 9.7-10.6 s, peak RSS 516 MB; through the Appender, run time 9.4-10.6
     * s and CPU 7.0-8.4 s.
     *
     * The Appenders write into the connection's open transaction, which a JDBC statement opens: their flush outside a
     * transaction commits on its own, and rows of a batch never committed would stay without their ledger entries. So
     * every commit opens the next transaction at once (beginTransaction).
     */
    private static final String STAGE_CHECKPOINTS = "stage_connection_checkpoints";
    private static final String STAGE_PROBLEMS = "stage_ingest_errors";
    private static final String STAGE_CHECKPOINTS_TABLE = "CREATE TEMP TABLE IF NOT EXISTS " + STAGE_CHECKPOINTS
            + " AS SELECT * FROM " + ConnectionCheckpoints.TABLE + " LIMIT 0";
    private static final String MOVE_CHECKPOINTS =
            "INSERT INTO " + ConnectionCheckpoints.TABLE + " SELECT * FROM " + STAGE_CHECKPOINTS;

    /** A connection that ended (or went idle) in a file of this batch. */
    public void finished(SmtpConnection connection) {
        stage(connection, false);
    }

    private void stage(SmtpConnection connection, boolean pending) {
        sessions.add(new SmtpSessionColumns.StoredConnection(connection, pending));
    }

    public void request(IisRequestGroup group) {
        requests.add(group);
    }

    /** One of the problems kept for a file in {@code ingest_errors}. */
    public void problem(LineProblem problem) {
        problems.write(problem);
    }

    /** The connections of a stream open just before the first row of {@code file}, read from its start. */
    public void checkpoint(String file, List<SmtpConnection> open) {
        DuckDBAppender appender = checkpoints.appender;
        try {
            for (SmtpConnection connection : open) {
                appender.beginRow();
                appender.append(file);
                SmtpSessionColumns.append(appender, connection);
                appender.endRow();
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot record the open connections at the start of " + file + ": "
                            + AuditDatabase.firstLine(e.getMessage()),
                    e);
        }
    }

    /** The connections of {@code stream} open after its latest file in this batch; the latest given wins. */
    public void stillOpen(LogStream stream, List<SmtpConnection> open) {
        openByStream.put(stream, open);
    }

    /** A file's ledger entry, committed with its rows. */
    public void file(IngestLedger.FileRecord file) {
        files.add(file);
    }

    /** The streams that have pending rows as of the last commit. */
    public Set<LogStream> streamsWithPendingRows() {
        return Set.copyOf(withPendingRows);
    }

    /** Files recorded since the last commit. */
    public int fileCount() {
        return files.size();
    }

    /** Writes the streams' pending rows and the ledger entries, and commits everything since the last commit. */
    public void commit() {
        sessions.flush();
        requests.flush();
        problems.flush();
        checkpoints.flush();
        PendingConnections pending = database.pendingConnections();
        for (Map.Entry<LogStream, List<SmtpConnection>> stream : openByStream.entrySet()) {
            if (withPendingRows.contains(stream.getKey())) {
                pending.delete(stream.getKey());
            }
            for (SmtpConnection open : stream.getValue()) {
                stage(open, true);
            }
            if (stream.getValue().isEmpty()) {
                withPendingRows.remove(stream.getKey());
            } else {
                withPendingRows.add(stream.getKey());
            }
        }
        sessions.flush();
        database.execute(MOVE_CHECKPOINTS + "; DELETE FROM " + STAGE_CHECKPOINTS, "store checkpoints");
        database.execute(
                "INSERT INTO ingest_errors SELECT * FROM " + STAGE_PROBLEMS + "; DELETE FROM " + STAGE_PROBLEMS,
                "store problems");
        Map<String, IngestLedger.FileRecord> entries = new LinkedHashMap<>();
        files.forEach(file -> entries.put(file.path(), file));
        database.ledger().deleteEntries(entries.keySet());
        LocalDateTime ingestedAt = LocalDateTime.now(ZoneOffset.UTC);
        try {
            for (IngestLedger.FileRecord file : entries.values()) {
                IngestLedger.append(ledger.appender, file, ingestedAt);
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot record files in the ledger: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
        ledger.flush();
        database.commit();
        database.beginTransaction();
        openByStream.clear();
        files.clear();
    }

    @Override
    public void close() {
        sessions.close();
        requests.close();
        problems.close();
        checkpoints.close();
        ledger.close();
    }
}
