package io.tlsaudit.store;

import io.tlsaudit.assemble.SmtpConnection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * The {@code connection_checkpoints} table: for every SMTP log read from its start, the connections of its stream
 * that were open just before its first row. A connection's rows run on from one file into the next, so when a file
 * must be read again whole (it was replaced, its read failed, an earlier file of its stream turned up late), the
 * stream is read again from that file on, starting from this state: the continuation of a connection that began in
 * the previous file is not mistaken for a new one.
 */
public final class ConnectionCheckpoints {

    static final String TABLE = "connection_checkpoints";

    /** The table: the file whose start the row describes, then the columns of {@code smtp_sessions}. */
    static final String DEFINITION =
            SmtpSessionColumns.createTable(TABLE, List.of("before_file VARCHAR NOT NULL"), List.of());

    private final DuckDBConnection connection;

    ConnectionCheckpoints(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** The connections open at the start of {@code file}; empty when none were, or nothing was recorded. */
    public List<SmtpConnection> load(String file) {
        String sql = "SELECT " + SmtpSessionColumns.names() + " FROM " + TABLE + " WHERE before_file = ?";
        List<SmtpConnection> open = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, file);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    open.add(SmtpSessionColumns.read(r));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot read the open connections at the start of " + file + ": "
                            + AuditDatabase.firstLine(e.getMessage()),
                    e);
        }
        return open;
    }

    /** Forgets the checkpoints of {@code files}. */
    public void delete(Set<String> files) {
        String sql = "DELETE FROM " + TABLE + " WHERE before_file = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (String file : files) {
                statement.setString(1, file);
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot remove checkpoints: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }
}
