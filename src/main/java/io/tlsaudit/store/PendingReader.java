package io.tlsaudit.store;

import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * Reads the pending connections of one stream at a time, on a connection of its own, for a thread that reads log
 * streams while another writes: the pending rows of a stream are only written after the stream was read here.
 */
public final class PendingReader implements AutoCloseable {

    private final DuckDBConnection connection;
    private final PendingConnections pending;

    PendingReader(DuckDBConnection connection) {
        this.connection = connection;
        this.pending = new PendingConnections(connection);
    }

    public List<SmtpConnection> load(LogStream stream) {
        return pending.load(stream);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot close a reading connection: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }
}
