package io.tlsaudit.store;

import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.assemble.TlsOutcome;
import io.tlsaudit.parse.smtp.SmtpDirection;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

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

    /** Every pending connection, to be taken up again by this run. */
    public List<SmtpConnection> load() {
        String sql = "SELECT server, service, direction, connector, session_id, started_at, ended_at, closed,"
                + " disconnect_reason, local_ip, local_port, remote_ip, remote_port, remote_ip_valid, peer_name,"
                + " starttls_offered, starttls, anonymous_tls, tls_outcome, tls_protocol, tls_protocol_logged,"
                + " legacy_tls, cipher, cipher_bits, mac, mac_bits, key_exchange, key_exchange_bits, tls_error,"
                + " cert_subject, cert_issuer, cert_thumbprint, peer_cert_subject, peer_cert_thumbprint,"
                + " auth_mechanism, auth_user, auth_failed, messages, sender_domains, source_file, first_line,"
                + " row_count FROM smtp_sessions WHERE pending";
        List<SmtpConnection> pending = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery(sql)) {
            while (r.next()) {
                pending.add(new SmtpConnection(
                        new LogStream(r.getString(1), r.getString(2), direction(r.getString(3))),
                        r.getString(4),
                        r.getString(5),
                        r.getObject(6, LocalDateTime.class),
                        r.getObject(7, LocalDateTime.class),
                        r.getBoolean(8),
                        r.getString(9),
                        r.getString(10),
                        integer(r, 11),
                        r.getString(12),
                        integer(r, 13),
                        r.getBoolean(14),
                        r.getString(15),
                        r.getBoolean(16),
                        r.getBoolean(17),
                        r.getBoolean(18),
                        outcome(r.getString(19)),
                        r.getString(20),
                        r.getString(21),
                        (Boolean) r.getObject(22),
                        r.getString(23),
                        integer(r, 24),
                        r.getString(25),
                        integer(r, 26),
                        r.getString(27),
                        integer(r, 28),
                        r.getString(29),
                        r.getString(30),
                        r.getString(31),
                        r.getString(32),
                        r.getString(33),
                        r.getString(34),
                        r.getString(35),
                        r.getString(36),
                        r.getBoolean(37),
                        r.getInt(38),
                        strings(r.getArray(39)),
                        r.getString(40),
                        r.getLong(41),
                        r.getInt(42)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read pending connections: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
        return pending;
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

    private static Integer integer(ResultSet results, int column) throws SQLException {
        int value = results.getInt(column);
        return results.wasNull() ? null : value;
    }

    private static SmtpDirection direction(String label) {
        for (SmtpDirection direction : SmtpDirection.values()) {
            if (direction.label().equals(label)) {
                return direction;
            }
        }
        throw new StoreException("unknown direction '" + label + "' in smtp_sessions");
    }

    private static TlsOutcome outcome(String label) {
        for (TlsOutcome outcome : TlsOutcome.values()) {
            if (outcome.label().equals(label)) {
                return outcome;
            }
        }
        throw new StoreException("unknown tls_outcome '" + label + "' in smtp_sessions");
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> values = new ArrayList<>();
        if (array != null && array.getArray() instanceof Object[] elements) {
            for (Object element : elements) {
                values.add(String.valueOf(element));
            }
        }
        return values;
    }
}
