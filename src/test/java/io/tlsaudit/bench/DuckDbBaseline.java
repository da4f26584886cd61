package io.tlsaudit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's baseline: DuckDB alone, through its JDBC driver, running {@code bench/duckdb-baseline.sql} (the
 * SQL a skilled DuckDB user would write: {@code read_csv} over the raw logs, regular expressions for the TLS result
 * line, one row per connection) into a new database file. Prints each statement's time on stderr and the last
 * statement's columns as {@code key=value} lines on stdout, the counts {@code .ci/benchmark} compares.
 *
 * <pre>
 * java -cp target/test-classes:target/tlsaudit.jar io.tlsaudit.bench.DuckDbBaseline SHARE_DIR NEW_DB_FILE [SQL_FILE]
 * </pre>
 */
public final class DuckDbBaseline {

    private static final String SCRIPT = "/bench/duckdb-baseline.sql";

    private DuckDbBaseline() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: DuckDbBaseline SHARE_DIR NEW_DB_FILE [SQL_FILE]");
            System.exit(2);
        }
        Path corpus = Path.of(args[0]).toAbsolutePath().normalize();
        Path database = Path.of(args[1]).toAbsolutePath();
        if (!Files.isDirectory(corpus)) {
            fail(corpus + " is not a folder");
        }
        if (Files.exists(database)) {
            fail(database + " exists; the baseline writes a new database");
        }
        String script = args.length == 3 ? Files.readString(Path.of(args[2]), StandardCharsets.UTF_8) : resource();
        // Inside a SQL string literal: a quote in the path is doubled.
        String sql = script.replace("${corpus}", corpus.toString().replace("'", "''"));
        List<String> statements = statements(sql);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            long began = System.nanoTime();
            for (int i = 0; i < statements.size(); i++) {
                String statement = statements.get(i);
                long start = System.nanoTime();
                try (Statement s = connection.createStatement()) {
                    if (i == statements.size() - 1) {
                        try (ResultSet result = s.executeQuery(statement)) {
                            printCounts(result);
                        }
                    } else {
                        s.execute(statement);
                    }
                } catch (SQLException e) {
                    fail("statement " + (i + 1) + " failed: " + e.getMessage() + "\n" + statement);
                }
                System.err.printf(
                        Locale.ROOT,
                        "DuckDbBaseline: statement %d (%s): %.2f s%n",
                        i + 1,
                        firstWords(statement),
                        (System.nanoTime() - start) / 1e9);
            }
            System.err.printf(Locale.ROOT, "DuckDbBaseline: total %.2f s%n", (System.nanoTime() - began) / 1e9);
        }
    }

    private static void printCounts(ResultSet result) throws SQLException {
        ResultSetMetaData columns = result.getMetaData();
        if (!result.next()) {
            fail("the last statement returned no row");
        }
        for (int c = 1; c <= columns.getColumnCount(); c++) {
            System.out.println(columns.getColumnLabel(c) + "=" + result.getString(c));
        }
    }

    /** Statements end with {@code ;} at the end of a line (not a comment line); comments stay in (DuckDB skips them). */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            current.append(line).append('\n');
            if (!line.strip().startsWith("--") && line.stripTrailing().endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().strip().isEmpty() && !onlyComments(current.toString())) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static boolean onlyComments(String text) {
        return text.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("--"));
    }

    private static String firstWords(String statement) {
        String code = statement
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("--"))
                .findFirst()
                .orElse("");
        return code.length() > 40 ? code.substring(0, 40) + "..." : code;
    }

    private static String resource() throws IOException {
        try (InputStream in = DuckDbBaseline.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                fail(SCRIPT + " not on the class path (run mvn test-compile)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void fail(String message) {
        System.err.println("DuckDbBaseline: " + message);
        System.exit(1);
    }
}
