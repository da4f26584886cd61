package io.tlsaudit.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;

/**
 * Loads the rows of one table in parts: rows wait here, and each part of {@link #PART_ROWS} goes in with one {@code
 * INSERT ... SELECT} from a table function that DuckDB calls back for them, a vector of up to 2,048 values per column
 * at a time. Rows become visible inside the connection's current transaction; the owning {@link AuditDatabase}
 * commits them. Used by one thread.
 *
 * <p>This is the fastest load path measured for the two large tables. Through DuckDB's Appender, each value is a call
 * and each text longer than 12 bytes a native call of its own, and every 2,048 rows the driver runs a small insert of
 * its own. Here a column's texts go to DuckDB in one native call per vector, and a part is one prepared statement.
 * Loading the 662,000 rows of the 1.2 GB benchmark share by themselves (memory_limit 128 MB, DuckDB threads=1),
 * alternated 3 times in one JVM on 2026-12-02: 4.6 s of process CPU against 5.0 s through the Appender. Full ingests
 * of that share, alternated 4 times (2 cores, DuckDB threads=1): 9.00 s and 14.4 s of CPU against 10.04 s and 16.5 s
 * through the Appender (medians), the same rows stored. Parts of 16,384 rows were not faster beyond the noise (10.1 s
 * against 10.5 s, 3 alternated runs) and took the peak RSS from 390 MB to 520 MB: the connections of a part live
 * until it is loaded, and more of them outlive the young collections.
 *
 * @param <R> the rows' Java type
 */
final class TableLoader<R> implements AutoCloseable {

    /** Rows per statement: a part waits in memory until it is loaded, and each statement costs a little. */
    static final int PART_ROWS = 4_096;

    /**
     * Table functions cannot be dropped: each lives, with its loader, as long as the database is open, so every
     * loader registers one of its own name. An ingest makes two (one batch); the driver also keeps a note of each.
     */
    private static final AtomicLong REGISTERED = new AtomicLong();

    private final Path databaseFile;
    private final String table;
    private final List<TableColumn<R>> columns;
    private final PreparedStatement insert;
    private final List<R> part = new ArrayList<>();

    /** A loader into {@code table} of {@code connection}, whose database is {@code databaseFile} (for messages). */
    TableLoader(DuckDBConnection connection, Path databaseFile, String table, List<TableColumn<R>> columns) {
        this.databaseFile = databaseFile;
        this.table = table;
        this.columns = List.copyOf(columns);
        String function = "tlsaudit_load_" + table + "_" + REGISTERED.incrementAndGet();
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (TableColumn<R> column : this.columns) {
            names.add(column.name());
            values.add(column.type().fromLoaded(column.name()));
        }
        try {
            DuckDBFunctions.tableFunction()
                    .withName(function)
                    .withFunction(new PartFunction())
                    .register(connection);
            // Columns by name, so the statement cannot depend on the table's column order; prepared once, so a part
            // is not parsed and planned again.
            this.insert = connection.prepareStatement(
                    "INSERT INTO " + table + " (" + names + ") SELECT " + values + " FROM " + function + "()");
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot prepare the loading of " + table + ": " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }

    /** Adds a row; a full part is loaded at once. */
    void add(R row) {
        part.add(row);
        if (part.size() >= PART_ROWS) {
            flush();
        }
    }

    /** Loads the rows added since the last flush. */
    void flush() {
        if (part.isEmpty()) {
            return;
        }
        try {
            insert.execute();
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot store " + part.size() + (part.size() == 1 ? " row" : " rows") + " in " + table + " in "
                            + databaseFile + ": " + AuditDatabase.firstLine(e.getMessage()),
                    e);
        } finally {
            part.clear();
        }
    }

    /** Loads the rows still waiting and releases the statement. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            try {
                insert.close();
            } catch (SQLException e) {
                // the statement goes with the connection
            }
        }
    }

    /** The rows of the current part, handed to DuckDB a vector at a time. */
    private final class PartFunction implements DuckDBTableFunction<Boolean, int[], Object> {

        @Override
        public Boolean bind(DuckDBTableFunctionBindInfo info) {
            for (TableColumn<R> column : columns) {
                info.addResultColumn(column.name(), column.type().loadedAs());
            }
            return Boolean.TRUE;
        }

        /** The index of the next row to hand over; one thread reads the part. */
        @Override
        public int[] init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1);
            return new int[1];
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter output) {
            int[] next = info.getInitData();
            int count = (int) Math.min(output.capacity(), part.size() - next[0]);
            if (count <= 0) {
                return 0;
            }
            Object[] values = new Object[count];
            for (int index = 0; index < columns.size(); index++) {
                TableColumn<R> column = columns.get(index);
                try {
                    for (int row = 0; row < count; row++) {
                        values[row] = column.value().apply(part.get(next[0] + row));
                    }
                    column.type().write(output.vector(index), values, count);
                } catch (RuntimeException e) {
                    // DuckDB reports it as the statement's error, which names only the table
                    throw new IllegalStateException("column " + column.name() + ": " + e, e);
                }
            }
            next[0] += count;
            return count;
        }
    }
}
