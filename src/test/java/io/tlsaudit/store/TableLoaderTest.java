package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows loaded through the table function arrive value for value, nulls and lists included, in any part size. */
class TableLoaderTest {

    @TempDir
    Path folder;

    /** A row of every column type the loader writes. */
    record Row(
            long id, String text, Integer number, Boolean flag, LocalDateTime at, List<String> items, String label) {}

    private static final List<TableColumn<Row>> COLUMNS = List.of(
            TableColumn.optional("id", ColumnType.BIGINT, Row::id),
            TableColumn.optional("text", ColumnType.TEXT, Row::text),
            TableColumn.optional("number", ColumnType.INTEGER, Row::number),
            TableColumn.optional("flag", ColumnType.BOOLEAN, Row::flag),
            TableColumn.optional("seen_at", ColumnType.TIMESTAMP, Row::at),
            TableColumn.optional("items", ColumnType.TEXT_LIST, Row::items),
            TableColumn.optional("label", ColumnType.TEXT, Row::label));

    private static final LocalDateTime START = LocalDateTime.of(2026, 11, 2, 8, 0, 0, 123_000_000);

    /** Row {@code i}: texts short and long, ASCII and not, every kind of null and list, shared and unshared. */
    private static Row row(int i, String sharedLabel) {
        String text =
                switch (i % 6) {
                    case 0 -> null;
                    case 1 -> "";
                    case 2 -> "mail" + i + ".contoso.com";
                    case 3 -> "Zürich ✉ " + i;
                    case 4 -> "CN=mail.fabrikam.com, OU=Transport, O=Fabrikam Ltd, L=Redmond, S=WA, C=US #" + i;
                    default -> "x" + i;
                };
        List<String> items =
                switch (i % 6) {
                    case 0 -> List.of();
                    case 1 -> List.of("contoso.com");
                    case 2 -> List.of("contoso.com", "fabrikam.example");
                    case 3 -> List.of("");
                    case 4 -> List.of("", "fabrikam.example", "");
                    default -> List.of("evil\u001Fdomain", "b");
                };
        return new Row(
                i,
                text,
                i % 7 == 0 ? null : i * 3 - 1000,
                i % 4 == 0 ? null : i % 3 == 0,
                i % 9 == 0 ? null : START.plusSeconds(i),
                items,
                // the same object on runs of rows, then an equal text in another object, then another text
                i % 100 < 50 ? sharedLabel : i % 100 < 75 ? new String(sharedLabel) : "other " + (i / 100));
    }

    private DuckDBConnection open(Path file) throws SQLException {
        DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
        try (Statement statement = connection.createStatement()) {
            // columns in another order than the loader's: it inserts by name
            statement.execute("CREATE TABLE loaded (label VARCHAR, seen_at TIMESTAMP, id BIGINT NOT NULL, text VARCHAR,"
                    + " items VARCHAR[] NOT NULL, number INTEGER, flag BOOLEAN)");
        }
        connection.setAutoCommit(false);
        return connection;
    }

    private static List<List<Object>> stored(DuckDBConnection connection) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT id, text, number, flag, seen_at, items, label FROM loaded ORDER BY id")) {
            while (result.next()) {
                Array items = result.getArray("items");
                List<Object> row = new ArrayList<>();
                row.add(result.getLong("id"));
                row.add(result.getString("text"));
                row.add(result.getObject("number"));
                row.add(result.getObject("flag"));
                row.add(result.getObject("seen_at", LocalDateTime.class));
                row.add(Arrays.asList((Object[]) items.getArray()));
                row.add(result.getString("label"));
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Object> expected(Row row) {
        List<Object> items = new ArrayList<>();
        row.items().forEach(item -> items.add(item.replace('\u001F', '\uFFFD')));
        return Arrays.asList(row.id(), row.text(), row.number(), row.flag(), row.at(), items, row.label());
    }

    @Test
    void rowsArriveValueForValueAcrossVectorsAndParts() throws SQLException {
        int count = TableLoader.PART_ROWS * 2 + 2_049; // two full parts, then more than one vector
        String label = "EX01-" + "Default Frontend";
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(row(i, label));
        }
        try (DuckDBConnection connection = open(folder.resolve("loaded.duckdb"))) {
            try (TableLoader<Row> loader =
                    new TableLoader<>(connection, folder.resolve("loaded.duckdb"), "loaded", COLUMNS)) {
                rows.forEach(loader::add);
            }
            List<List<Object>> stored = stored(connection);
            assertEquals(count, stored.size());
            for (int i = 0; i < count; i++) {
                assertEquals(expected(rows.get(i)), stored.get(i), "row " + i);
            }
        }
    }

    @Test
    void rowsWaitForTheirPartUntilFlushed() throws SQLException {
        try (DuckDBConnection connection = open(folder.resolve("loaded.duckdb"))) {
            TableLoader<Row> loader = new TableLoader<>(connection, folder.resolve("loaded.duckdb"), "loaded", COLUMNS);
            loader.add(row(2, "a"));
            loader.add(row(3, "a"));
            assertEquals(0, stored(connection).size());
            loader.flush();
            assertEquals(List.of(expected(row(2, "a")), expected(row(3, "a"))), stored(connection));
            loader.flush(); // nothing new: nothing twice
            loader.close();
            assertEquals(2, stored(connection).size());
        }
    }

    @Test
    void aRowTheTableRefusesFailsItsPartNamingTableAndDatabase() throws SQLException {
        Path file = folder.resolve("loaded.duckdb");
        try (DuckDBConnection connection = open(file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE loaded ALTER COLUMN text SET NOT NULL");
            }
            TableLoader<Row> loader = new TableLoader<>(connection, file, "loaded", COLUMNS);
            loader.add(row(0, "a")); // text NULL
            StoreException failure = assertThrows(StoreException.class, loader::flush);
            assertTrue(
                    failure.getMessage().startsWith("cannot store 1 row in loaded in " + file + ": "),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("NOT NULL"), failure.getMessage());
        }
    }

    @Test
    void aValueThatCannotBeReadFailsItsPartNamingTheColumn() throws SQLException {
        Path file = folder.resolve("loaded.duckdb");
        try (DuckDBConnection connection = open(file)) {
            List<TableColumn<Row>> columns = new ArrayList<>(COLUMNS);
            columns.set(2, TableColumn.optional("number", ColumnType.INTEGER, row -> (Object) row.id()));
            TableLoader<Row> loader = new TableLoader<>(connection, file, "loaded", columns);
            loader.add(row(1, "a")); // a Long where an Integer belongs
            StoreException failure = assertThrows(StoreException.class, loader::flush);
            assertTrue(
                    failure.getMessage().contains("column number: java.lang.ClassCastException"), failure.getMessage());
        }
    }
}
