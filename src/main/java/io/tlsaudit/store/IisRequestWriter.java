package io.tlsaudit.store;

import io.tlsaudit.assemble.IisRequestGroup;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/** Appends request groups to {@code iis_requests} through DuckDB's Appender, in the column order of schema.sql. */
public final class IisRequestWriter extends TableAppender {

    /** A writer into {@code iis_requests}, in the connection's current transaction. */
    IisRequestWriter(DuckDBConnection connection) {
        super(connection, "iis_requests");
    }

    public void write(IisRequestGroup g) {
        try {
            appender.beginRow();
            appender.append(g.server());
            appender.append(g.site());
            appender.append(g.firstAt());
            appender.append(g.lastAt());
            appender.append(g.clientIp());
            appender.append(g.proxyIp());
            appender.append(g.forwardedInvalid());
            appender.append(g.username());
            appender.append(g.userAgent());
            appender.append(g.clientProtocol());
            appender.append(g.method());
            appender.append(g.uriStem());
            appender.append(g.serverPort());
            appender.append(g.status());
            appender.append(g.tlsLogged());
            appender.append(g.tlsProtocol());
            appender.append(g.legacyTls());
            appender.append(g.cipher());
            appender.append(g.mac());
            appender.append(g.keyExchange());
            appender.append(g.probe());
            appender.append(g.requests());
            appender.append(g.sourceFile());
            appender.endRow();
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot append requests from " + g.sourceFile() + ": " + AuditDatabase.firstLine(e.getMessage()),
                    e);
        }
    }
}
