package io.tlsaudit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tlsaudit.export.ExportTable;
import io.tlsaudit.report.LegacyTlsReport;
import io.tlsaudit.report.NamedQueries;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's statements for other engines, run on the export of the sample logs: Spark SQL on Apache Spark in local
 * mode, and the DuckDB view, each against what {@code report}'s legacy-peers section says of the database. Both sides
 * are computed; cells compare as {@link CellText}. Runs only with {@code mvn -Pspark verify}.
 */
class SparkLegacyPeersTest {

    @TempDir
    static Path folder;

    private static SampleExport sample;
    private static ReadmeStatements readme;
    private static SparkSession spark;

    @BeforeAll
    static void exportTheSampleLogsAndDeclareTheReadmeTablesOnSpark() throws Exception {
        sample = SampleExport.write(folder.resolve("samples.duckdb"), folder.resolve("export"), "sample-logs");
        readme = ReadmeStatements.load();
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("tlsaudit-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "2")
                .config(
                        "spark.sql.warehouse.dir",
                        folder.resolve("warehouse").toUri().toString())
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                // Timestamps come back as java.time values, never as java.sql.Timestamp in the JVM's zone.
                .config("spark.sql.datetime.java8API.enabled", "true")
                .getOrCreate();
        for (String statement : readme.statements("spark-sql: create", sample.export())) {
            spark.sql(statement);
        }
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** {@code report}'s legacy-peers section over every stored row: queries/legacy-peers.sql as the report runs it. */
    private static ResultTable reportedLegacyPeers() throws SQLException {
        try (AuditDatabase store = AuditDatabase.openReadOnly(sample.database())) {
            return new LegacyTlsReport(store, NamedQueries.standard(), Clock.systemUTC())
                    .build(ReportWindow.ALL)
                    .section("legacy-peers")
                    .orElseThrow()
                    .table();
        }
    }

    private static ResultTable stored(String sql) throws SQLException {
        try (AuditDatabase store = AuditDatabase.openReadOnly(sample.database())) {
            return store.query(sql, List.of());
        }
    }

    private static ResultTable onSpark(SparkSession session, String sql) {
        Dataset<Row> result = session.sql(sql);
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : result.collectAsList()) {
            List<Object> cells = new ArrayList<>(row.length());
            for (int i = 0; i < row.length(); i++) {
                cells.add(row.get(i));
            }
            rows.add(cells);
        }
        return new ResultTable(Arrays.asList(result.columns()), rows);
    }

    private static String only(List<String> statements) {
        assertEquals(1, statements.size(), "statements in the block: " + statements);
        return statements.get(0);
    }

    @Test
    void legacyPeersOfTheReadmeOnSparkEqualTheReportsSectionRowForRow() throws Exception {
        ResultTable expected = reportedLegacyPeers();
        ResultTable actual = onSpark(spark, only(readme.statements("spark-sql: legacy-peers", sample.export())));
        assertNotEquals(0, expected.rows().size(), "the samples have legacy peers");
        assertEquals(expected.columns(), actual.columns());
        assertEquals(CellText.rows(expected.rows()), CellText.rows(actual.rows()));
    }

    /**
     * Hand-checked: the scanner SCAN-KM-3F (10.40.8.23) of sample-logs/README.md, case 2, with its five connections
     * in that README's connection table (one on EX01 at 2024-03-04T09:41:26.140Z, four on EX02, the last at
     * 2024-03-14T09:45:12.207Z), and row 2 of legacy-peers in src/test/resources/golden/analyze-sample-logs.txt. Its
     * servers come from two {@code server=} folders, its connector names hold a non-ASCII letter.
     */
    @Test
    void legacyPeersOnSparkNameBothServersOfTheScannerSeenOnTwo() {
        ResultTable peers = onSpark(spark, only(readme.statements("spark-sql: legacy-peers", sample.export())));
        List<List<String>> scanner = CellText.rows(peers.rows()).stream()
                .filter(row -> row.get(1).equals("10.40.8.23"))
                .toList();
        assertEquals(
                List.of(List.of(
                        "receive",
                        "10.40.8.23",
                        "SCAN-KM-3F",
                        "EX01, EX02",
                        "EX01\\Default Frontend EX01, EX02\\Scanner-Empfang Gebäude B",
                        "5",
                        "5",
                        "TLS 1.0",
                        "3DES/SHA1/RSA_KEYX",
                        "2024-03-04 09:41:26.140000",
                        "2024-03-14 09:45:12.207000",
                        "true")),
                scanner);
    }

    @Test
    void legacyPeersOverTheReadmesDuckDbViewEqualTheReportsSection() throws Exception {
        ResultTable expected = reportedLegacyPeers();
        ResultTable actual;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            for (String create : readme.statements("duckdb: create", sample.export())) {
                statement.execute(create);
            }
            try (ResultSet rows = statement.executeQuery(NamedQueries.standard().require("legacy-peers"))) {
                actual = ResultTable.read(rows);
            }
        }
        assertEquals(expected.columns(), actual.columns());
        assertEquals(CellText.rows(expected.rows()), CellText.rows(actual.rows()));
    }

    /**
     * Two sites, each with its own database and export (EX01; EX02 and EXHUB10), in one engine through the README's
     * views over them: legacy-peers there equals the report of one database holding all three servers.
     */
    @Test
    void legacyPeersOverTheReadmesSiteViewsEqualTheReportOfOneDatabaseWithEverySite() throws Exception {
        Path sites = folder.resolve("sites");
        SampleExport siteA =
                SampleExport.write(folder.resolve("site-a.duckdb"), sites.resolve("site-a"), "sample-logs/EX01");
        SampleExport siteB = SampleExport.write(
                folder.resolve("site-b.duckdb"), sites.resolve("site-b"), "sample-logs/EX02", "sample-logs/EXHUB10");
        ResultTable expected = reportedLegacyPeers();

        SparkSession session = spark.newSession();
        for (SampleExport site : List.of(siteA, siteB)) {
            String database = site.export().getFileName().toString().replace('-', '_');
            session.sql("CREATE DATABASE " + database);
            session.sql("USE " + database);
            for (String statement : readme.statements("spark-sql: create", site.export())) {
                session.sql(statement);
            }
        }
        for (String statement : readme.statements("spark-sql: sites", sites)) {
            session.sql(statement);
        }
        ResultTable onSpark = onSpark(session, only(readme.statements("spark-sql: legacy-peers", sites)));
        assertEquals(expected.columns(), onSpark.columns());
        assertEquals(CellText.rows(expected.rows()), CellText.rows(onSpark.rows()));

        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            for (String create : readme.statements("duckdb: sites", sites)) {
                statement.execute(create);
            }
            try (ResultSet rows = statement.executeQuery(NamedQueries.standard().require("legacy-peers"))) {
                assertEquals(
                        CellText.rows(expected.rows()),
                        CellText.rows(ResultTable.read(rows).rows()));
            }
        }
    }

    /**
     * The README's column lists against the database: every column of each exported table, in table order, then the
     * partition columns {@code day} and {@code server} (a column of the table, or for ingest_errors the export's).
     */
    @Test
    void theReadmeDeclaresEveryExportedColumnWithItsSparkType() throws Exception {
        for (ExportTable exported : ExportTable.values()) {
            String table = exported.tableName();
            List<String> expected = new ArrayList<>();
            for (List<Object> column : stored("SELECT column_name, data_type FROM information_schema.columns"
                            + " WHERE table_name = '" + table + "' AND column_name <> 'server'"
                            + " ORDER BY ordinal_position")
                    .rows()) {
                expected.add(column.get(0) + " " + sparkType((String) column.get(1)));
            }
            expected.add("day date");
            expected.add("server string");
            List<String> declared = new ArrayList<>();
            for (StructField field : spark.table(table).schema().fields()) {
                declared.add(field.name() + " " + field.dataType().simpleString());
            }
            assertEquals(expected, declared, table);
        }
    }

    private static String sparkType(String duckDbType) {
        return switch (duckDbType) {
            case "VARCHAR" -> "string";
            case "VARCHAR[]" -> "array<string>";
            case "BOOLEAN" -> "boolean";
            case "INTEGER" -> "int";
            case "BIGINT" -> "bigint";
            case "TIMESTAMP" -> "timestamp_ntz";
            default -> throw new IllegalArgumentException("no Spark type for DuckDB's " + duckDbType);
        };
    }

    /**
     * Every row of each exported table, read by Spark through the README's table, as the database holds it: the
     * table's own columns, server included where the table has it.
     */
    @Test
    void sparkReadsEveryExportedRowAsTheDatabaseHoldsIt() throws Exception {
        assertSparkReadsEveryRow(spark, sample.database());
    }

    /**
     * Server names that are not plain words, as ParquetExportTest gives them (a slash, an equals sign, a percent
     * sign, a space, dots, a number, NULL), come back from their URL-encoded folders on Spark as stored. A non-ASCII
     * letter does not: {@link #aNonAsciiServerNameReadsGarbledOnSparkUnlessDecodedAsTheReadmeSays}.
     */
    @Test
    void serverNamesThatAreNotPlainWordsReadBackOnSparkAsStored() throws Exception {
        Path database = folder.resolve("hostile.duckdb");
        SampleExport.ingest(database, "sample-logs");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE smtp_sessions SET server = 'EX/02=a%b ..' WHERE server = 'EX02'");
            statement.execute("UPDATE smtp_sessions SET server = '../..' WHERE server = 'EXHUB10'");
            statement.execute("UPDATE iis_requests SET server = '2024' WHERE server = 'EX02'");
            statement.execute("UPDATE ingested_files SET server = NULL WHERE server = 'EX02'");
        }
        SampleExport hostile = SampleExport.export(database, folder.resolve("hostile"));
        SparkSession session = spark.newSession();
        session.sql("CREATE DATABASE hostile_servers");
        session.sql("USE hostile_servers");
        for (String statement : readme.statements("spark-sql: create", hostile.export())) {
            session.sql(statement);
        }
        assertEquals(
                List.of(List.of("../.."), List.of("EX/02=a%b .."), List.of("EX01")),
                CellText.rows(onSpark(session, "SELECT DISTINCT server FROM smtp_sessions ORDER BY server")
                        .rows()));
        assertSparkReadsEveryRow(session, hostile.database());
    }

    /**
     * DuckDB writes a non-ASCII letter of a partition value as its UTF-8 bytes, percent-encoded
     * ({@code server=EX02-Geb%C3%A4ude}); Spark decodes each {@code %XX} as one character, so the name reads as
     * {@code EX02-GebÃ¤ude}. The README says so and gives the expression that undoes it, checked here.
     */
    @Test
    void aNonAsciiServerNameReadsGarbledOnSparkUnlessDecodedAsTheReadmeSays() throws Exception {
        Path database = folder.resolve("non-ascii.duckdb");
        SampleExport.ingest(database, "sample-logs");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE smtp_sessions SET server = 'EX02-Geb\u00e4ude' WHERE server = 'EX02'");
        }
        SampleExport nonAscii = SampleExport.export(database, folder.resolve("non-ascii"));
        SparkSession session = spark.newSession();
        session.sql("CREATE DATABASE non_ascii_servers");
        session.sql("USE non_ascii_servers");
        for (String statement : readme.statements("spark-sql: create", nonAscii.export())) {
            session.sql(statement);
        }
        assertEquals(
                List.of(List.of("EX01"), List.of("EX02-Geb\u00c3\u00a4ude"), List.of("EXHUB10")),
                CellText.rows(onSpark(session, "SELECT DISTINCT server FROM smtp_sessions ORDER BY server")
                        .rows()));
        assertEquals(
                List.of(List.of("EX01"), List.of("EX02-Geb\u00e4ude"), List.of("EXHUB10")),
                CellText.rows(onSpark(
                                session,
                                "SELECT DISTINCT " + only(readme.statements("spark-sql: server", nonAscii.export()))
                                        + " AS server FROM smtp_sessions ORDER BY server")
                        .rows()));
    }

    private static void assertSparkReadsEveryRow(SparkSession session, Path database) throws SQLException {
        for (ExportTable exported : ExportTable.values()) {
            String table = exported.tableName();
            String columns;
            List<List<String>> stored;
            try (AuditDatabase store = AuditDatabase.openReadOnly(database)) {
                columns = String.join(
                        ", ",
                        store
                                .query(
                                        "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                                                + " ORDER BY ordinal_position",
                                        List.of(table))
                                .rows()
                                .stream()
                                .map(row -> (String) row.get(0))
                                .toList());
                stored = CellText.rows(store.query("SELECT " + columns + " FROM " + table, List.of())
                        .rows());
            }
            assertNotEquals(0, stored.size(), table);
            assertEquals(
                    sorted(stored),
                    sorted(CellText.rows(onSpark(session, "SELECT " + columns + " FROM " + table)
                            .rows())),
                    table);
        }
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        return rows.stream().sorted(Comparator.comparing(List::toString)).toList();
    }

    /**
     * Server folders named like a number or a date: the declared partition type keeps them text on Spark and on
     * DuckDB, where inference would read {@code 0042} as the number 42 and {@code 2024-03-12} as a date. The folder
     * DuckDB writes for a NULL server reads as NULL on both.
     */
    @Test
    void serverNamesThatLookLikeNumbersOrDatesStayText() throws Exception {
        Path renamed = folder.resolve("renamed-servers");
        copyRenamingServers(sample.export(), renamed);
        SparkSession session = spark.newSession();
        session.sql("CREATE DATABASE renamed_servers");
        session.sql("USE renamed_servers");
        for (String statement : readme.statements("spark-sql: create", renamed)) {
            session.sql(statement);
        }
        List<List<String>> expected = List.of(List.of("NULL"), List.of("0042"), List.of("2024-03-12"));
        assertEquals(
                expected,
                CellText.rows(onSpark(session, "SELECT DISTINCT server FROM smtp_sessions ORDER BY server NULLS FIRST")
                        .rows()));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            for (String create : readme.statements("duckdb: create", renamed)) {
                statement.execute(create);
            }
            try (ResultSet rows =
                    statement.executeQuery("SELECT DISTINCT server FROM smtp_sessions ORDER BY server NULLS FIRST")) {
                assertEquals(expected, CellText.rows(ResultTable.read(rows).rows()));
            }
        }
    }

    /**
     * Copies the export with {@code server=EX01} as {@code server=0042}, {@code server=EX02} as a date and
     * {@code server=EXHUB10} as the folder of a NULL server.
     */
    private static void copyRenamingServers(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = from.relativize(file)
                        .toString()
                        .replace("server=EX01", "server=0042")
                        .replace("server=EX02", "server=2024-03-12")
                        .replace("server=EXHUB10", "server=__HIVE_DEFAULT_PARTITION__");
                Path target = to.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
