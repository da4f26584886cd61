package io.tlsaudit.store;

import io.tlsaudit.assemble.IisRequestGroup;
import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.parse.LineProblem;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * What the files read since the last commit yielded, written through Appenders and committed as one transaction
 * with their ledger entries: a run killed at any moment leaves whole files stored, each with its entry, or nothing of
 * them. Per file it costs no SQL statement; per commit, one DELETE for each stream's replaced pending rows and one
 * INSERT per hundred ledger entries. Used by one thread.
 */
public final class IngestBatch implements AutoCloseable {

    private final AuditDatabase database;
    private final SmtpConnectionWriter sessions;
    private final IisRequestWriter requests;
    private final ProblemWriter problems;
    private final TableAppender checkpoints;
    private final Map<LogStream, List<SmtpConnection>> openByStream = new LinkedHashMap<>();
    private final List<IngestLedger.FileRecord> files = new ArrayList<>();

    IngestBatch(AuditDatabase database, DuckDBConnection connection) {
        this.database = database;
        this.sessions = new SmtpConnectionWriter(connection);
        this.requests = new IisRequestWriter(connection);
        this.problems = new ProblemWriter(connection);
        this.checkpoints = new TableAppender(connection, ConnectionCheckpoints.TABLE) {};
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
            pending.delete(stream.getKey());
            for (SmtpConnection open : stream.getValue()) {
                sessions.write(open, true);
            }
        }
        sessions.flush();
        database.ledger().recordAll(files);
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
    }
}
