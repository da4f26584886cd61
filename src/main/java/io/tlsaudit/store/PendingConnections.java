package io.tlsaudit.store;

import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.parse.smtp.SmtpDirection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of {@code smtp_sessions} with {@code pending = true}: connections still open when their stream's last
 * file was committed. A later run takes them up again so their remaining rows complete them, and every commit of a
 * stream replaces its pending rows, so a killed run loses no connection and a connection that spans files or runs is
 * stored once.
 */
public final class PendingConnections {

    private final Connection connection;

    PendingConnections(Connection connection) {
        this.connection = connection;
    }

    /**
     * Removes the stored rows, finished or pending, of {@code connections}: connections that ran on into a file that
     * is being read again, where they are assembled anew. A connection is known by its stream, session id and first
     * row.
     */
    public void deleteStored(Collection<SmtpConnection> connections) {
        String sql = "DELETE FROM smtp_sessions WHERE server = ? AND service = ? AND direction = ? AND session_id = ?"
                + " AND source_file = ? AND first_line = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (SmtpConnection c : connections) {
                statement.setString(1, c.stream().server());
                statement.setString(2, c.stream().service());
                statement.setString(3, c.stream().direction().label());
                statement.setString(4, c.sessionId());
                statement.setString(5, c.sourceFile());
                statement.setLong(6, c.firstLine());
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot remove connections that are read again: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }

    /** The pending connections of one stream: a stream's are loaded when it is read, not all at the start. */
    public List<SmtpConnection> load(LogStream stream) {
        String sql = "SELECT " + SmtpSessionColumns.names()
                + " FROM smtp_sessions WHERE pending AND server = ? AND service = ? AND direction = ?";
        List<SmtpConnection> pending = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, stream.server());
            statement.setString(2, stream.service());
            statement.setString(3, stream.direction().label());
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    pending.add(SmtpSessionColumns.read(r));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read pending connections: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
        return pending;
    }

    /** The streams that have pending connections: one scan, so that streams without them are not looked up. */
    public Set<LogStream> streams() {
        Set<LogStream> streams = new HashSet<>();
        String sql = "SELECT DISTINCT server, service, direction FROM smtp_sessions WHERE pending";
        try (Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery(sql)) {
            while (r.next()) {
                String server = r.getString(1);
                String service = r.getString(2);
                SmtpDirection.fromLabel(r.getString(3))
                        .ifPresent(direction -> streams.add(new LogStream(server, service, direction)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read pending connections: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
        return streams;
    }

    /** How many connections are pending in all streams. */
    public long count() {
        try (Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery("SELECT count(*) FROM smtp_sessions WHERE pending")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count pending connections: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }

    /** Removes the pending rows of one stream, before its new snapshot is written. */
    public void delete(LogStream stream) {
        String sql = "DELETE FROM smtp_sessions WHERE pending AND server = ? AND service = ? AND direction = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, stream.server());
            statement.setString(2, stream.service());
            statement.setString(3, stream.direction().label());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot replace pending connections: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }
}
