package io.tlsaudit.store;

import static io.tlsaudit.store.TableColumn.optional;
import static io.tlsaudit.store.TableColumn.required;

import io.tlsaudit.assemble.IisRequestGroup;
import java.util.List;
import java.util.StringJoiner;

/**
 * The columns of {@code iis_requests}, in table order: the one list that the table's definition and its loader are
 * made from. Column meanings are documented in the README ("Database schema").
 */
final class IisRequestColumns {

    static final String TABLE = "iis_requests";

    static final List<TableColumn<IisRequestGroup>> COLUMNS = List.of(
            required("server", ColumnType.TEXT, IisRequestGroup::server),
            required("site", ColumnType.TEXT, IisRequestGroup::site),
            required("logged_at", ColumnType.TIMESTAMP, IisRequestGroup::firstAt),
            required("last_logged_at", ColumnType.TIMESTAMP, IisRequestGroup::lastAt),
            optional("client_ip", ColumnType.TEXT, IisRequestGroup::clientIp),
            optional("proxy_ip", ColumnType.TEXT, IisRequestGroup::proxyIp),
            new TableColumn<>(
                    "forwarded_invalid", ColumnType.BOOLEAN, true, IisRequestGroup::forwardedInvalid, "false"),
            optional("username", ColumnType.TEXT, IisRequestGroup::username),
            optional("user_agent", ColumnType.TEXT, IisRequestGroup::userAgent),
            required("client_protocol", ColumnType.TEXT, IisRequestGroup::clientProtocol),
            optional("method", ColumnType.TEXT, IisRequestGroup::method),
            optional("uri_stem", ColumnType.TEXT, IisRequestGroup::uriStem),
            optional("server_port", ColumnType.INTEGER, IisRequestGroup::serverPort),
            optional("status", ColumnType.INTEGER, IisRequestGroup::status),
            required("tls_logged", ColumnType.BOOLEAN, IisRequestGroup::tlsLogged),
            optional("tls_protocol", ColumnType.TEXT, IisRequestGroup::tlsProtocol),
            optional("legacy_tls", ColumnType.BOOLEAN, IisRequestGroup::legacyTls),
            optional("cipher", ColumnType.TEXT, IisRequestGroup::cipher),
            optional("mac", ColumnType.TEXT, IisRequestGroup::mac),
            optional("key_exchange", ColumnType.TEXT, IisRequestGroup::keyExchange),
            required("probe", ColumnType.BOOLEAN, IisRequestGroup::probe),
            required("requests", ColumnType.BIGINT, IisRequestGroup::requests),
            required("source_file", ColumnType.TEXT, IisRequestGroup::sourceFile));

    private IisRequestColumns() {}

    /** {@code iis_requests}, created from {@link #COLUMNS}. */
    static String createTable() {
        StringJoiner columns = new StringJoiner(",\n    ", "CREATE TABLE IF NOT EXISTS " + TABLE + " (\n    ", "\n)");
        COLUMNS.forEach(column -> columns.add(column.definition()));
        return columns.toString();
    }
}
