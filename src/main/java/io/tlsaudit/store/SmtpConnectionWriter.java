package io.tlsaudit.store;

import io.tlsaudit.assemble.SmtpConnection;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * Appends connections to {@code smtp_sessions} through DuckDB's Appender, in the column order of
 * {@link SmtpSessionColumns}. Rows become visible at {@link #flush()}; the owning {@link AuditDatabase} commits them.
 */
public final class SmtpConnectionWriter extends TableAppender {

    SmtpConnectionWriter(DuckDBConnection connection) {
        super(connection, "smtp_sessions");
    }

    /**
     * Appends one connection.
     *
     * @param pending true for a connection still open when its file was committed: the row is replaced at the
     *     stream's next commit, by the finished connection or a newer snapshot
     */
    public void write(SmtpConnection c, boolean pending) {
        try {
            appender.beginRow();
            SmtpSessionColumns.append(appender, c);
            appender.append(pending);
            appender.endRow();
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot append connection " + c.sessionId() + " from " + c.sourceFile() + ":" + c.firstLine() + ": "
                            + AuditDatabase.firstLine(e.getMessage()),
                    e);
        }
    }
}
