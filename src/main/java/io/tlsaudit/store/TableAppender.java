package io.tlsaudit.store;

import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB Appender on one table, the base of the table writers. Rows become visible at {@link #flush()}, inside
 * the connection's current transaction; the owning {@link AuditDatabase} commits them.
 */
abstract class TableAppender implements AutoCloseable {

    protected final DuckDBAppender appender;
    private final String table;

    TableAppender(DuckDBConnection connection, String table) {
        this(connection, null, DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    /** An appender on a table of another catalog ({@code temp} for temporary tables); null for the database's. */
    TableAppender(DuckDBConnection connection, String catalog, String schema, String table) {
        this.table = table;
        try {
            this.appender = catalog == null
                    ? connection.createAppender(schema, table)
                    : connection.createAppender(catalog, schema, table);
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot open an appender on " + table + ": " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }

    /** Hands the buffered rows to the database. */
    public void flush() {
        try {
            appender.flush();
        } catch (SQLException e) {
            throw new StoreException("cannot flush " + table + ": " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        try {
            appender.flush();
            appender.close();
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot close the " + table + " appender: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }
}
