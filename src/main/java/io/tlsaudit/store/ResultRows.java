package io.tlsaudit.store;

import java.sql.SQLException;
import java.util.List;

/**
 * Rows of a query result read one at a time, so a result of any size can be printed with bounded memory. Values are
 * those of {@link ResultTable}. Not thread-safe; valid only while the query that produced it runs.
 */
public interface ResultRows {

    /** The column names, in order. */
    List<String> columns();

    /**
     * The next row, or null after the last.
     *
     * @throws SQLException when the database fails while producing it
     */
    List<Object> next() throws SQLException;
}
