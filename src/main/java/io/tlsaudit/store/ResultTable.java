package io.tlsaudit.store;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The result of one query, format-neutral: column names and rows of plain Java values ({@code String}, {@code Long},
 * {@code Integer}, {@code BigDecimal}, {@code Double}, {@code Boolean}, {@code LocalDateTime}, {@code List}, or
 * null). Renderers turn it into text; it never holds a live JDBC object.
 */
public record ResultTable(List<String> columns, List<List<Object>> rows) {

    public ResultTable {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        List<List<Object>> copies = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copies);
    }

    /** Reads every row of {@code results}; the caller closes it. */
    public static ResultTable read(ResultSet results) throws SQLException {
        return read(cursor(results));
    }

    /** Reads every remaining row of {@code cursor}. */
    static ResultTable read(ResultRows cursor) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> row;
        while ((row = cursor.next()) != null) {
            rows.add(row);
        }
        return new ResultTable(cursor.columns(), rows);
    }

    /** The rows of {@code results} one at a time, as plain values; the caller closes it. */
    static ResultRows cursor(ResultSet results) throws SQLException {
        ResultSetMetaData metadata = results.getMetaData();
        int count = metadata.getColumnCount();
        List<String> columns = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            columns.add(metadata.getColumnLabel(i));
        }
        List<String> names = List.copyOf(columns);
        return new ResultRows() {
            @Override
            public List<String> columns() {
                return names;
            }

            @Override
            public List<Object> next() throws SQLException {
                if (!results.next()) {
                    return null;
                }
                List<Object> row = new ArrayList<>(count);
                for (int i = 1; i <= count; i++) {
                    row.add(plain(results.getObject(i)));
                }
                return row;
            }
        };
    }

    /** This table's rows one at a time. */
    public ResultRows cursor() {
        Iterator<List<Object>> iterator = rows.iterator();
        return new ResultRows() {
            @Override
            public List<String> columns() {
                return columns;
            }

            @Override
            public List<Object> next() {
                return iterator.hasNext() ? iterator.next() : null;
            }
        };
    }

    private static Object plain(Object value) throws SQLException {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Array array) {
            Object elements = array.getArray();
            List<Object> list = new ArrayList<>();
            if (elements instanceof Object[] objects) {
                for (Object element : objects) {
                    list.add(plain(element));
                }
            }
            return list;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof Blob blob) {
            // Bytes as DuckDB writes a BLOB literal, \x.. per byte: never the driver's object description.
            byte[] bytes = blob.getBytes(1, (int) Math.min(blob.length(), Integer.MAX_VALUE));
            StringBuilder hex = new StringBuilder(bytes.length * 4);
            for (byte b : bytes) {
                hex.append(String.format("\\x%02X", b & 0xFF));
            }
            return hex.toString();
        }
        if (value instanceof Object[] objects) {
            return Arrays.asList(objects);
        }
        return value;
    }

    /** The values of one column, by name. */
    public List<Object> column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        return rows.stream().map(row -> row.get(index)).toList();
    }
}
