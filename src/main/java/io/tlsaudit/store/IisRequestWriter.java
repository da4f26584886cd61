package io.tlsaudit.store;

import io.tlsaudit.assemble.IisRequestGroup;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;

/** Stores request groups in {@code iis_requests} through a {@link TableLoader}. */
public final class IisRequestWriter implements AutoCloseable {

    /** The columns of {@code iis_requests} (schema.sql) and the value of each in a request group. */
    static final List<TableLoader.Column<IisRequestGroup>> COLUMNS = List.of(
            column("server", ColumnType.TEXT, IisRequestGroup::server),
            column("site", ColumnType.TEXT, IisRequestGroup::site),
            column("logged_at", ColumnType.TIMESTAMP, IisRequestGroup::firstAt),
            column("last_logged_at", ColumnType.TIMESTAMP, IisRequestGroup::lastAt),
            column("client_ip", ColumnType.TEXT, IisRequestGroup::clientIp),
            column("proxy_ip", ColumnType.TEXT, IisRequestGroup::proxyIp),
            column("forwarded_invalid", ColumnType.BOOLEAN, IisRequestGroup::forwardedInvalid),
            column("username", ColumnType.TEXT, IisRequestGroup::username),
            column("user_agent", ColumnType.TEXT, IisRequestGroup::userAgent),
            column("client_protocol", ColumnType.TEXT, IisRequestGroup::clientProtocol),
            column("method", ColumnType.TEXT, IisRequestGroup::method),
            column("uri_stem", ColumnType.TEXT, IisRequestGroup::uriStem),
            column("server_port", ColumnType.INTEGER, IisRequestGroup::serverPort),
            column("status", ColumnType.INTEGER, IisRequestGroup::status),
            column("tls_logged", ColumnType.BOOLEAN, IisRequestGroup::tlsLogged),
            column("tls_protocol", ColumnType.TEXT, IisRequestGroup::tlsProtocol),
            column("legacy_tls", ColumnType.BOOLEAN, IisRequestGroup::legacyTls),
            column("cipher", ColumnType.TEXT, IisRequestGroup::cipher),
            column("mac", ColumnType.TEXT, IisRequestGroup::mac),
            column("key_exchange", ColumnType.TEXT, IisRequestGroup::keyExchange),
            column("probe", ColumnType.BOOLEAN, IisRequestGroup::probe),
            column("requests", ColumnType.BIGINT, IisRequestGroup::requests),
            column("source_file", ColumnType.TEXT, IisRequestGroup::sourceFile));

    private final TableLoader<IisRequestGroup> loader;

    /** A writer into {@code iis_requests}, in the connection's current transaction. */
    IisRequestWriter(DuckDBConnection connection, Path databaseFile) {
        loader = new TableLoader<>(connection, databaseFile, "iis_requests", COLUMNS);
    }

    private static TableLoader.Column<IisRequestGroup> column(
            String name, ColumnType type, Function<IisRequestGroup, Object> value) {
        return new TableLoader.Column<>(name, type, value);
    }

    public void write(IisRequestGroup group) {
        loader.add(group);
    }

    /** Stores the groups written since the last flush. */
    void flush() {
        loader.flush();
    }

    /** Stores the groups still waiting. */
    @Override
    public void close() {
        loader.close();
    }
}
