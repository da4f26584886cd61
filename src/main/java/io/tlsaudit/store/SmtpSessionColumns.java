package io.tlsaudit.store;

import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.assemble.TlsOutcome;
import io.tlsaudit.parse.smtp.SmtpDirection;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;

/**
 * The columns of {@code smtp_sessions}, in table order: the one list that the table's definition, its writer and the
 * reader of stored connections (pending rows, checkpoints) are made from, so they cannot drift apart. A stored
 * connection is read back by column name. Column meanings are documented in the README ("Database schema").
 */
public final class SmtpSessionColumns {

    /** The column that marks a row as a snapshot of an open connection; it is no part of {@link SmtpConnection}. */
    static final String PENDING = "pending";

    /** Every column of {@code smtp_sessions} but {@link #PENDING}, which comes last. */
    static final List<TableColumn<SmtpConnection>> CONNECTION = List.of(
            required("server", ColumnType.TEXT, c -> c.stream().server()),
            required("service", ColumnType.TEXT, c -> c.stream().service()),
            required("direction", ColumnType.TEXT, c -> c.stream().direction().label()),
            optional("connector", ColumnType.TEXT, SmtpConnection::connector),
            required("session_id", ColumnType.TEXT, SmtpConnection::sessionId),
            required("started_at", ColumnType.TIMESTAMP, SmtpConnection::startedAt),
            required("ended_at", ColumnType.TIMESTAMP, SmtpConnection::endedAt),
            required("closed", ColumnType.BOOLEAN, SmtpConnection::closed),
            optional("disconnect_reason", ColumnType.TEXT, SmtpConnection::disconnectReason),
            optional("local_ip", ColumnType.TEXT, SmtpConnection::localIp),
            optional("local_port", ColumnType.INTEGER, SmtpConnection::localPort),
            optional("remote_ip", ColumnType.TEXT, SmtpConnection::remoteIp),
            optional("remote_port", ColumnType.INTEGER, SmtpConnection::remotePort),
            required("remote_ip_valid", ColumnType.BOOLEAN, SmtpConnection::remoteIpValid),
            optional("peer_name", ColumnType.TEXT, SmtpConnection::peerName),
            optional("starttls_offered", ColumnType.BOOLEAN, SmtpConnection::starttlsOffered),
            required("starttls", ColumnType.BOOLEAN, SmtpConnection::starttls),
            required("anonymous_tls", ColumnType.BOOLEAN, SmtpConnection::anonymousTls),
            required("tls_outcome", ColumnType.TEXT, c -> c.tlsOutcome().label()),
            optional("tls_protocol", ColumnType.TEXT, SmtpConnection::tlsProtocol),
            optional("tls_protocol_logged", ColumnType.TEXT, SmtpConnection::tlsProtocolLogged),
            optional("legacy_tls", ColumnType.BOOLEAN, SmtpConnection::legacyTls),
            optional("cipher", ColumnType.TEXT, SmtpConnection::cipher),
            optional("cipher_bits", ColumnType.INTEGER, SmtpConnection::cipherBits),
            optional("mac", ColumnType.TEXT, SmtpConnection::mac),
            optional("mac_bits", ColumnType.INTEGER, SmtpConnection::macBits),
            optional("key_exchange", ColumnType.TEXT, SmtpConnection::keyExchange),
            optional("key_exchange_bits", ColumnType.INTEGER, SmtpConnection::keyExchangeBits),
            optional("tls_error", ColumnType.TEXT, SmtpConnection::tlsError),
            optional("cert_subject", ColumnType.TEXT, SmtpConnection::certSubject),
            optional("cert_issuer", ColumnType.TEXT, SmtpConnection::certIssuer),
            optional("cert_thumbprint", ColumnType.TEXT, SmtpConnection::certThumbprint),
            optional("peer_cert_subject", ColumnType.TEXT, SmtpConnection::peerCertSubject),
            optional("peer_cert_issuer", ColumnType.TEXT, SmtpConnection::peerCertIssuer),
            optional("peer_cert_thumbprint", ColumnType.TEXT, SmtpConnection::peerCertThumbprint),
            optional("unattributed_cert_subject", ColumnType.TEXT, SmtpConnection::unattributedCertSubject),
            optional("unattributed_cert_issuer", ColumnType.TEXT, SmtpConnection::unattributedCertIssuer),
            optional("unattributed_cert_thumbprint", ColumnType.TEXT, SmtpConnection::unattributedCertThumbprint),
            optional("auth_mechanism", ColumnType.TEXT, SmtpConnection::authMechanism),
            optional("auth_user", ColumnType.TEXT, SmtpConnection::authUser),
            required("auth_failed", ColumnType.BOOLEAN, SmtpConnection::authFailed),
            required("messages", ColumnType.INTEGER, SmtpConnection::messages),
            required("sender_domains", ColumnType.TEXT_LIST, SmtpConnection::senderDomains),
            required("source_file", ColumnType.TEXT, SmtpConnection::sourceFile),
            required("first_line", ColumnType.BIGINT, SmtpConnection::firstLine),
            required("row_count", ColumnType.INTEGER, SmtpConnection::rows),
            new TableColumn<>(
                    "connect_attempted", ColumnType.BOOLEAN, true, SmtpConnection::connectAttempted, "false"));

    private SmtpSessionColumns() {}

    private static TableColumn<SmtpConnection> required(
            String name, ColumnType type, Function<SmtpConnection, Object> value) {
        return TableColumn.required(name, type, value);
    }

    private static TableColumn<SmtpConnection> optional(
            String name, ColumnType type, Function<SmtpConnection, Object> value) {
        return TableColumn.optional(name, type, value);
    }

    /** {@code smtp_sessions}: the connection columns, then {@link #PENDING}. */
    static String createSessionsTable() {
        return createTable("smtp_sessions", List.of(), List.of(PENDING_COLUMN.definition()));
    }

    /** A table holding connections: {@code leading} definitions, the connection columns, {@code trailing} ones. */
    static String createTable(String table, List<String> leading, List<String> trailing) {
        StringJoiner columns = new StringJoiner(",\n    ", "CREATE TABLE IF NOT EXISTS " + table + " (\n    ", "\n)");
        leading.forEach(columns::add);
        for (TableColumn<SmtpConnection> column : CONNECTION) {
            columns.add(column.definition());
        }
        trailing.forEach(columns::add);
        return columns.toString();
    }

    /**
     * Appends the values of {@code connection} in table order, the sender domains as a list, inside a row the caller
     * began; an item holding {@link ColumnType#LIST_SEPARATOR} has it replaced by U+FFFD.
     */
    static void append(DuckDBAppender appender, SmtpConnection connection) throws SQLException {
        for (TableColumn<SmtpConnection> column : CONNECTION) {
            column.type().append(appender, column.value().apply(connection));
        }
    }

    /** A connection as {@code smtp_sessions} stores it: ended, or a snapshot of one still open ({@link #PENDING}). */
    record StoredConnection(SmtpConnection connection, boolean pending) {}

    private static final TableColumn<StoredConnection> PENDING_COLUMN =
            TableColumn.required(PENDING, ColumnType.BOOLEAN, StoredConnection::pending);

    /** The columns of {@code smtp_sessions} for its {@link TableLoader}: the connection columns, then {@link #PENDING}. */
    static List<TableColumn<StoredConnection>> loadColumns() {
        List<TableColumn<StoredConnection>> columns = new ArrayList<>();
        for (TableColumn<SmtpConnection> column : CONNECTION) {
            Function<SmtpConnection, Object> value = column.value();
            columns.add(new TableColumn<>(
                    column.name(),
                    column.type(),
                    column.notNull(),
                    stored -> value.apply(stored.connection()),
                    column.sqlDefault()));
        }
        columns.add(PENDING_COLUMN);
        return columns;
    }

    /** The column names of {@link #CONNECTION}, comma-separated, for a SELECT. */
    static String names() {
        return CONNECTION.stream().map(TableColumn::name).collect(Collectors.joining(", "));
    }

    /** The connection in the current row of {@code row}, read by column name. */
    static SmtpConnection read(ResultSet row) throws SQLException {
        Values v = new Values(row);
        return new SmtpConnection(
                new LogStream(v.text("server"), v.text("service"), direction(v.text("direction"))),
                v.text("connector"),
                v.text("session_id"),
                v.timestamp("started_at"),
                v.timestamp("ended_at"),
                v.flag("closed"),
                v.text("disconnect_reason"),
                v.text("local_ip"),
                v.integer("local_port"),
                v.text("remote_ip"),
                v.integer("remote_port"),
                v.flag("remote_ip_valid"),
                v.text("peer_name"),
                v.optionalFlag("starttls_offered"),
                v.flag("starttls"),
                v.flag("anonymous_tls"),
                outcome(v.text("tls_outcome")),
                v.text("tls_protocol"),
                v.text("tls_protocol_logged"),
                v.optionalFlag("legacy_tls"),
                v.text("cipher"),
                v.integer("cipher_bits"),
                v.text("mac"),
                v.integer("mac_bits"),
                v.text("key_exchange"),
                v.integer("key_exchange_bits"),
                v.text("tls_error"),
                v.text("cert_subject"),
                v.text("cert_issuer"),
                v.text("cert_thumbprint"),
                v.text("peer_cert_subject"),
                v.text("peer_cert_issuer"),
                v.text("peer_cert_thumbprint"),
                v.text("unattributed_cert_subject"),
                v.text("unattributed_cert_issuer"),
                v.text("unattributed_cert_thumbprint"),
                v.text("auth_mechanism"),
                v.text("auth_user"),
                v.flag("auth_failed"),
                v.integer("messages"),
                v.textList("sender_domains"),
                v.text("source_file"),
                v.bigint("first_line"),
                v.integer("row_count"),
                v.flag("connect_attempted"));
    }

    private static SmtpDirection direction(String label) {
        for (SmtpDirection direction : SmtpDirection.values()) {
            if (direction.label().equals(label)) {
                return direction;
            }
        }
        throw new StoreException("unknown direction '" + label + "' in a stored connection");
    }

    private static TlsOutcome outcome(String label) {
        for (TlsOutcome outcome : TlsOutcome.values()) {
            if (outcome.label().equals(label)) {
                return outcome;
            }
        }
        throw new StoreException("unknown tls_outcome '" + label + "' in a stored connection");
    }

    /** One result row, read by column name; a name that is not a column of {@link #CONNECTION} is a bug. */
    private static final class Values {
        private final ResultSet row;

        Values(ResultSet row) {
            this.row = row;
        }

        private String known(String name) {
            for (TableColumn<SmtpConnection> column : CONNECTION) {
                if (column.name().equals(name)) {
                    return name;
                }
            }
            throw new IllegalArgumentException("no column " + name + " in smtp_sessions");
        }

        String text(String name) throws SQLException {
            return row.getString(known(name));
        }

        Integer integer(String name) throws SQLException {
            int value = row.getInt(known(name));
            return row.wasNull() ? null : value;
        }

        long bigint(String name) throws SQLException {
            return row.getLong(known(name));
        }

        boolean flag(String name) throws SQLException {
            return row.getBoolean(known(name));
        }

        Boolean optionalFlag(String name) throws SQLException {
            boolean value = row.getBoolean(known(name));
            return row.wasNull() ? null : value;
        }

        LocalDateTime timestamp(String name) throws SQLException {
            return row.getObject(known(name), LocalDateTime.class);
        }

        List<String> textList(String name) throws SQLException {
            Array array = row.getArray(known(name));
            List<String> values = new ArrayList<>();
            if (array != null && array.getArray() instanceof Object[] elements) {
                for (Object element : elements) {
                    values.add(String.valueOf(element));
                }
            }
            return values;
        }
    }
}
