package io.tlsaudit.store;

import java.util.function.Function;

/**
 * A column of a stored table, as the one list of a table's columns gives it: its name, its type, whether it is NOT
 * NULL, how a row of type {@code R} gives its value (null for SQL NULL), and for a NOT NULL column added after the
 * first schema the value rows stored before it take ({@code sqlDefault}, or null for none).
 *
 * @param <R> the rows' Java type
 */
record TableColumn<R>(String name, ColumnType type, boolean notNull, Function<R, Object> value, String sqlDefault) {

    static <R> TableColumn<R> required(String name, ColumnType type, Function<R, Object> value) {
        return new TableColumn<>(name, type, true, value, null);
    }

    static <R> TableColumn<R> optional(String name, ColumnType type, Function<R, Object> value) {
        return new TableColumn<>(name, type, false, value, null);
    }

    /** The column's definition in a CREATE TABLE statement. */
    String definition() {
        return name + " " + type.sql + (notNull ? " NOT NULL" : "")
                + (sqlDefault == null ? "" : " DEFAULT " + sqlDefault);
    }
}
