package io.tlsaudit.store;

import io.tlsaudit.assemble.SmtpConnection;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * Appends connections to {@code smtp_sessions} through DuckDB's Appender. Rows become visible at {@link #flush()};
 * the owning {@link AuditDatabase} commits them. The column order here is the order of {@code schema.sql}.
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
            appender.append(c.stream().server());
            appender.append(c.stream().service());
            appender.append(c.stream().direction().label());
            appender.append(c.connector());
            appender.append(c.sessionId());
            appender.append(c.startedAt());
            appender.append(c.endedAt());
            appender.append(c.closed());
            appender.append(c.disconnectReason());
            appender.append(c.localIp());
            appender.append(c.localPort());
            appender.append(c.remoteIp());
            appender.append(c.remotePort());
            appender.append(c.remoteIpValid());
            appender.append(c.peerName());
            appender.append(c.starttlsOffered());
            appender.append(c.starttls());
            appender.append(c.anonymousTls());
            appender.append(c.tlsOutcome().label());
            appender.append(c.tlsProtocol());
            appender.append(c.tlsProtocolLogged());
            appender.append(c.legacyTls());
            appender.append(c.cipher());
            appender.append(c.cipherBits());
            appender.append(c.mac());
            appender.append(c.macBits());
            appender.append(c.keyExchange());
            appender.append(c.keyExchangeBits());
            appender.append(c.tlsError());
            appender.append(c.certSubject());
            appender.append(c.certIssuer());
            appender.append(c.certThumbprint());
            appender.append(c.peerCertSubject());
            appender.append(c.peerCertThumbprint());
            appender.append(c.authMechanism());
            appender.append(c.authUser());
            appender.append(c.authFailed());
            appender.append(c.messages());
            appender.append(c.senderDomains());
            appender.append(c.sourceFile());
            appender.append(c.firstLine());
            appender.append(c.rows());
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
