package io.tlsaudit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.cli.TlsAuditCommand;
import io.tlsaudit.store.ResultTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The sample logs ingested into {@code FOLDER/audit.duckdb}, an export folder {@code FOLDER/export}, and what the
 * export tests do with them: run {@code export}, change the database, and read the export back with DuckDB's
 * {@code read_parquet(..., hive_partitioning = true)} to compare it with the database.
 */
final class ExportFixture {

    final Path database;
    final Path out;

    private ExportFixture(Path database, Path out) {
        this.database = database;
        this.out = out;
    }

    /** Ingests {@code sample-logs/} into a new database in {@code folder}. */
    static ExportFixture sampleLogs(Path folder) {
        ExportFixture fixture = new ExportFixture(folder.resolve("audit.duckdb"), folder.resolve("export"));
        Run ingest = run("ingest", "--quiet", "--db", fixture.database.toString(), "sample-logs");
        assertTrue(ingest.exit == 0 || ingest.exit == 3, ingest.err);
        return fixture;
    }

    /** One command's exit code and what it printed. */
    record Run(int exit, String out, String err) {}

    /** Runs tlsaudit in-process with {@code args}. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** {@code export} of the sample database into the export folder, with {@code options}. */
    Run export(String... options) {
        List<String> args = new ArrayList<>(List.of("export", "--db", database.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    /** DuckDB's reader of {@code table} in the export folder, the partition columns typed. */
    String parquet(String table) {
        return "read_parquet('" + out.resolve(table) + "/**/*.parquet', hive_partitioning = true,"
                + " hive_types = {'day': DATE, 'server': VARCHAR})";
    }

    /** Every table's rows, all columns, sorted, equal in the database and in the export. */
    void assertRoundTrip() throws SQLException {
        for (ExportTable table : ExportTable.values()) {
            List<String> columns = new ArrayList<>();
            try (Connection connection = attached();
                    Statement statement = connection.createStatement()) {
                try (ResultSet r = statement.executeQuery("SELECT column_name FROM information_schema.columns WHERE"
                        + " table_catalog = 'audit' AND table_name = '" + table.tableName()
                        + "' ORDER BY ordinal_position")) {
                    while (r.next()) {
                        columns.add('"' + r.getString(1) + '"');
                    }
                }
                String list = String.join(", ", columns);
                ResultTable stored =
                        read(statement, "SELECT " + list + " FROM audit." + table.tableName() + " ORDER BY ALL");
                ResultTable exported = Files.isDirectory(out.resolve(table.tableName()))
                        ? read(statement, "SELECT " + list + " FROM " + parquet(table.tableName()) + " ORDER BY ALL")
                        : new ResultTable(stored.columns(), List.of());
                assertEquals(stored.columns(), exported.columns(), table.tableName());
                assertEquals(stored.rows().size(), exported.rows().size(), table.tableName() + " rows");
                for (int i = 0; i < stored.rows().size(); i++) {
                    assertEquals(stored.rows().get(i), exported.rows().get(i), table.tableName() + " row " + i);
                }
            }
        }
    }

    private static ResultTable read(Statement statement, String sql) throws SQLException {
        try (ResultSet r = statement.executeQuery(sql)) {
            return ResultTable.read(r);
        }
    }

    /** The rows of {@code table} in the export folder. */
    long exportedRows(String table) throws SQLException {
        return scalar("SELECT count(*) FROM " + parquet(table));
    }

    /** The one value of {@code sql}, run with the database attached as {@code audit}. */
    long scalar(String sql) throws SQLException {
        try (Connection connection = attached();
                Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** An in-memory DuckDB with the database attached read-only as {@code audit}. */
    private Connection attached() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + database + "' AS audit (READ_ONLY)");
        }
        return connection;
    }

    /** Changes the database with {@code sql}, as a later ingest or an operator might. */
    void change(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static void deleteTree(Path path) throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
