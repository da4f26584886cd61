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
 * What the files read since the last commit yielded, written through Appenders and committed as one transaction
 * with their ledger entries: a run killed at any moment leaves whole files stored, each with its entry, or nothing of
 * them. Per file it costs no SQL statement; per commit, one DELETE for each stream whose pending rows are replaced
 * and one per 200 ledger entries replaced. Used by one thread.
 */
public final class IngestBatch implements AutoCloseable {

    private final AuditDatabase database;
    private final SmtpConnectionWriter sessions;
    private final IisRequestWriter requests;
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
        this.sessions = new SmtpConnectionWriter(connection);
        this.requests = new IisRequestWriter(connection);
        this.problems = new ProblemWriter(connection);
        this.checkpoints = new TableAppender(connection, ConnectionCheckpoints.TABLE) {};
        this.ledger = new TableAppender(connection, IngestLedger.TABLE) {};
    }

    /** A connection that ended (or went idle) in a file of this batch. */
    public void finished(SmtpConnection connection) {
        sessions.write(connection, false);
    }

    public void request(IisRequestGroup group) {
        requests.write(group);
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
                sessions.write(open, true);
            }
            if (stream.getValue().isEmpty()) {
                withPendingRows.remove(stream.getKey());
            } else {
                withPendingRows.add(stream.getKey());
            }
        }
        sessions.flush();
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
