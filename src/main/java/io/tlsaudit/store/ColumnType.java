package io.tlsaudit.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBWritableVector;

/**
 * The SQL types of stored rows, with how a value of each is appended through DuckDB's Appender and how a column of
 * values is written into a vector of a {@link TableLoader}. Values are Java objects: String, Integer, Long, Boolean,
 * LocalDateTime, and a List of texts; null is SQL NULL.
 */
enum ColumnType {
    TEXT("VARCHAR"),
    INTEGER("INTEGER"),
    BIGINT("BIGINT"),
    BOOLEAN("BOOLEAN"),
    TIMESTAMP("TIMESTAMP"),
    TEXT_LIST("VARCHAR[]");

    /**
     * The unit separator, which a sender domain never holds but a crafted MAIL FROM may: stored as U+FFFD, as the
     * versions that staged the list as one text separated by it stored it, so a domain compares equal whichever
     * version stored it. A {@link TableLoader} hands a list to DuckDB as its items joined by it.
     */
    static final char LIST_SEPARATOR = '\u001F';

    final String sql;

    ColumnType(String sql) {
        this.sql = sql;
    }

    void append(DuckDBAppender appender, Object value) throws SQLException {
        switch (this) {
            case TEXT -> appender.append((String) value);
            case INTEGER -> appender.append((Integer) value);
            case BIGINT -> appender.append((Long) value);
            case BOOLEAN -> appender.append((Boolean) value);
            case TIMESTAMP -> appender.append((LocalDateTime) value);
            case TEXT_LIST -> appender.append(listItems((List<?>) value));
        }
    }

    /** The type of the column a {@link TableLoader}'s table function yields: a list goes as one text. */
    DuckDBColumnType loadedAs() {
        return switch (this) {
            case TEXT, TEXT_LIST -> DuckDBColumnType.VARCHAR;
            case INTEGER -> DuckDBColumnType.INTEGER;
            case BIGINT -> DuckDBColumnType.BIGINT;
            case BOOLEAN -> DuckDBColumnType.BOOLEAN;
            case TIMESTAMP -> DuckDBColumnType.TIMESTAMP;
        };
    }

    /**
     * The SQL that turns the loaded column {@code name} into a value of this type: a list's joined items are split
     * again, and no items (loaded as NULL) is the empty list.
     */
    String fromLoaded(String name) {
        return this == TEXT_LIST
                ? "CASE WHEN " + name + " IS NULL THEN []::VARCHAR[] ELSE string_split(" + name + ", chr("
                        + (int) LIST_SEPARATOR + ")) END"
                : name;
    }

    /**
     * Writes {@code values[0..count)} into rows 0.. of {@code vector}; a value of another type than the column's fails
     * with its class.
     */
    void write(DuckDBWritableVector vector, Object[] values, int count) {
        if (this == TEXT || this == TEXT_LIST) {
            vector.setStringUtf8Batch(0, utf8(values, count));
            return;
        }
        for (int row = 0; row < count; row++) {
            Object value = values[row];
            if (value == null) {
                vector.setNull(row);
                continue;
            }
            switch (this) {
                case INTEGER -> vector.setInt(row, (Integer) value);
                case BIGINT -> vector.setLong(row, (Long) value);
                case BOOLEAN -> vector.setBoolean(row, (Boolean) value);
                case TIMESTAMP -> vector.setTimestamp(row, (LocalDateTime) value);
                default -> {} // texts went above, as one batch
            }
        }
    }

    /**
     * The texts as UTF-8, null for NULL (an empty list too). A value that is the same object as the row before's
     * (a server, a file, a label) reuses its bytes: most text columns repeat a few values.
     */
    private byte[][] utf8(Object[] values, int count) {
        byte[][] bytes = new byte[count][];
        Object previous = null;
        byte[] previousBytes = null;
        for (int row = 0; row < count; row++) {
            Object value = values[row];
            if (value == null) {
                continue;
            }
            if (value != previous) {
                String text = this == TEXT_LIST ? joined((List<?>) value) : (String) value;
                previous = value;
                previousBytes = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
            }
            bytes[row] = previousBytes;
        }
        return bytes;
    }

    /** The items joined by {@link #LIST_SEPARATOR}, each holding it with U+FFFD instead; null for no items. */
    private static String joined(List<?> items) {
        return items.isEmpty() ? null : String.join(String.valueOf(LIST_SEPARATOR), listItems(items));
    }

    /** The items of a list value as text, {@link #LIST_SEPARATOR} in them as U+FFFD. */
    private static List<String> listItems(List<?> value) {
        List<String> items = new ArrayList<>(value.size());
        for (Object item : value) {
            items.add(String.valueOf(item).replace(LIST_SEPARATOR, '\uFFFD'));
        }
        return items;
    }
}
