package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A database opened for reports and queries can change neither itself nor any other file, nor read local files. */
class ReadOnlyDatabaseTest {

    @TempDir
    static Path folder;

    private static Path database;
    private static Path secret;

    @BeforeEach
    void createDatabaseWithOneRequestRow() throws Exception {
        database = folder.resolve("audit.duckdb");
        secret = folder.resolve("secret.csv");
        Files.writeString(secret, "name\nsecret-value\n", StandardCharsets.UTF_8);
        if (Files.exists(database)) {
            return;
        }
        try (AuditDatabase store = AuditDatabase.openForWriting(database)) {
            store.execute(
                    "INSERT INTO ingest_errors VALUES ('f', 1, 'reason', 'excerpt', TIMESTAMP '2024-03-12 10:00:00')",
                    "insert a row");
            store.commit();
        }
        Files.createLink(folder.resolve("hardlink.duckdb"), database);
    }

    private static long errorRows() throws SQLException {
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            return (Long) store.query("SELECT count(*) FROM ingest_errors", List.of())
                    .rows()
                    .get(0)
                    .get(0);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DELETE FROM ingest_errors",
                "DROP TABLE ingest_errors",
                "CREATE TABLE t AS SELECT 1",
                "ATTACH '%1$s/hardlink.duckdb' AS other (READ_WRITE)",
                "ATTACH '%1$s/other.duckdb' AS other",
                "COPY ingest_errors TO '%1$s/out.csv'",
                "EXPORT DATABASE '%1$s/export'",
                "SELECT * FROM read_csv('%1$s/secret.csv')",
                "SELECT * FROM read_csv_auto('%1$s/secret.csv')",
                "SELECT * FROM '%1$s/secret.csv'",
                "SELECT * FROM read_text('%1$s/secret.csv')",
                "SELECT * FROM read_blob('%1$s/secret.csv')",
                "SELECT * FROM glob('%1$s/*')",
                "INSTALL httpfs",
                "LOAD httpfs",
                "SET enable_external_access = true",
                "SET lock_configuration = false",
                "RESET lock_configuration",
                "SET autoload_known_extensions = true",
                "COPY (SELECT 'x') TO '%1$s/audit.duckdb' (USE_TMP_FILE false)",
                "COPY (SELECT 1) TO '%1$s/audit.duckdb.wal' (USE_TMP_FILE false)",
                "EXPLAIN ANALYZE COPY (SELECT 'x') TO '%1$s/audit.duckdb' (USE_TMP_FILE false)",
                "CALL enable_logging(level = 'trace', storage = 'file', storage_path = '%1$s/log')",
                "/* a comment first */ (COPY (SELECT 'x') TO '%1$s/audit.duckdb' (USE_TMP_FILE false))",
                "CHECKPOINT"
            })
    void refusesStatementsThatWriteOrReachOutside(String statement) throws Exception {
        String sql = String.format(statement, folder);
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            assertThrows(SQLException.class, () -> store.query(sql, List.of()), sql);
        }
        assertEquals(1, errorRows(), "the database is unchanged");
        assertFalse(Files.exists(folder.resolve("out.csv")));
        assertFalse(Files.exists(folder.resolve("export")));
        assertFalse(Files.exists(folder.resolve("other.duckdb")));
    }

    /** A statement that would destroy the database if DuckDB ran it. */
    private static final String DESTROY = "COPY (SELECT 'garbage') TO '%1$s/audit.duckdb' (USE_TMP_FILE false)";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 1; " + DESTROY + "; SELECT 2",
                "SELECT E'a'\n'\\' ' ; " + DESTROY + " ; SELECT 1 AS ok --'",
                "SELECT 42 AS a --x\r; " + DESTROY,
                "SELECT 1 /* /* */ ' */ ; " + DESTROY + " ; --'",
                "SELECT count(*) AS «$x$ FROM ingest_errors; " + DESTROY + "; SELECT 1 AS b$x$",
                "EXPLAIN ANALYSE " + DESTROY,
                "EXPLAIN (FORMAT json, ANALYZE) " + DESTROY,
                "PRAGMA table_info('ingest_errors')",
                "WITH x AS (SELECT 1) " + DESTROY,
                "SELECT * FROM enable_logging(level = 'trace', storage = 'stdout')",
                "SELECT o.* FROM ingest_errors o, (SELECT count(*) FROM enable_profiling())",
                "FROM checkpoint()",
                "SELECT * FROM query('SELECT 1')"
            })
    void textThatIsNotExactlyOneQueryIsRefusedBeforeDuckDbRunsAnyOfIt(String statement) throws Exception {
        String sql = String.format(statement, folder);
        for (var run : List.<ThrowingQuery>of(
                store -> store.query(sql, List.of()), store -> store.stream(sql, List.of(), rows -> {}))) {
            try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
                SQLException refused = assertThrows(SQLException.class, () -> run.apply(store), sql);
                assertTrue(
                        refused.getMessage().contains("exactly one query runs here")
                                || refused.getMessage().contains("a query may not call"),
                        refused.getMessage());
            }
            assertEquals(1, errorRows(), "the database is intact");
        }
    }

    @FunctionalInterface
    private interface ThrowingQuery {
        void apply(AuditDatabase store) throws SQLException;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT ';' AS semicolon",
                "SELECT 'it''s; fine'",
                "SELECT $$a;b$$",
                "SELECT 1 -- ; a comment\n",
                "SELECT /* ; */ 1;",
                "DESCRIBE ingest_errors",
                "SUMMARIZE ingest_errors",
                "FROM ingest_errors",
                "SELECT * FROM pragma_table_info('ingest_errors')"
            })
    void oneQueryRuns(String sql) throws Exception {
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            assertFalse(store.query(sql, List.of()).columns().isEmpty(), sql);
        }
    }

    @Test
    void openedFolderCanBeReadWhileTheDatabaseAndOtherFilesStayOutOfReach() throws Exception {
        Path logs = Files.createDirectories(folder.resolve("logs"));
        Path raw = Files.writeString(logs.resolve("raw.csv"), "name\nraw-value\n", StandardCharsets.UTF_8);
        try (AuditDatabase store = AuditDatabase.openReadOnly(database, List.of(logs))) {
            assertEquals(
                    List.of(List.of("raw-value")),
                    store.query("SELECT name FROM read_csv('" + raw + "')", List.of())
                            .rows());
            for (String sql : List.of(
                    "SELECT name FROM read_csv('" + secret + "')",
                    "COPY (SELECT 'x') TO '" + database + "'",
                    "ATTACH '" + folder.resolve("hardlink.duckdb") + "' AS other (READ_WRITE)",
                    "DELETE FROM ingest_errors",
                    "INSTALL httpfs")) {
                assertThrows(SQLException.class, () -> store.query(sql, List.of()), sql);
            }
        }
        assertEquals(1, errorRows(), "the database is intact");
    }

    @Test
    void databasesOwnTemporaryFolderIsNotOpenedToAQuery() throws Exception {
        Path temporary = Files.createDirectories(Path.of(database + ".tmp"));
        Path planted = Files.writeString(temporary.resolve("planted.txt"), "planted", StandardCharsets.UTF_8);
        try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
            assertThrows(
                    SQLException.class,
                    () -> store.query("SELECT content FROM read_text('" + planted + "')", List.of()));
        } finally {
            Files.delete(planted);
            Files.delete(temporary);
        }
    }

    @Test
    void folderThatHoldsTheDatabaseIsNotOpenedToAQuery() {
        StoreException refused =
                assertThrows(StoreException.class, () -> AuditDatabase.openReadOnly(database, List.of(folder)));
        assertTrue(refused.getMessage().contains("it holds the database"), refused.getMessage());
    }

    @Test
    void streamedQueriesRunOnlyStatementsThatReturnRows() throws Exception {
        Path logs = Files.createDirectories(folder.resolve("logs"));
        try (AuditDatabase store = AuditDatabase.openReadOnly(database, List.of(logs))) {
            for (String sql : List.of(
                    "COPY (SELECT 1) TO '" + logs.resolve("out.csv") + "'",
                    "ATTACH '" + logs.resolve("new.duckdb") + "' AS other",
                    "EXPORT DATABASE '" + logs.resolve("export") + "'")) {
                SQLException refused =
                        assertThrows(SQLException.class, () -> store.stream(sql, List.of(), rows -> {}), sql);
                assertTrue(
                        refused.getMessage().contains("exactly one query runs here")
                                || refused.getMessage().contains("a query may not call"),
                        refused.getMessage());
            }
            store.stream(
                    "DESCRIBE ingest_errors",
                    List.of(),
                    rows -> assertEquals("column_name", rows.columns().get(0)));
        }
        assertFalse(Files.exists(logs.resolve("out.csv")));
        assertFalse(Files.exists(logs.resolve("new.duckdb")));
    }
}
