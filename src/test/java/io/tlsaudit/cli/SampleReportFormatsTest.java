package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.report.LegacyTlsReport;
import io.tlsaudit.report.NamedQueries;
import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.report.ReportSections;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.store.AuditDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The weekly report of the sample logs (they fall in 2024-W11), written with {@code report --out DIR} in every format,
 * against golden files in {@code src/test/resources/golden/sample-2024-W11/}. Regenerate them after a deliberate
 * change with {@code mvn test -Dtest=SampleReportFormatsTest -Dgolden.update=true} and review the diff.
 */
class SampleReportFormatsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/sample-2024-W11");

    @TempDir
    static Path folder;

    private static Path written;
    private static String database;

    @BeforeAll
    static void writeTheSampleWeeksReport() {
        Path db = folder.resolve("samples.duckdb");
        database = db.toString();
        CommandLine ingest = TlsAuditCommand.commandLine();
        ingest.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(ExitCodes.OK, ingest.execute("ingest", "--db", database, "sample-logs"));
        written = folder.resolve("reports");
        ReportCommand report = new ReportCommand();
        report.clock = Clock.fixed(Instant.parse("2024-03-18T06:00:00Z"), ZoneOffset.UTC);
        CommandLine reportLine = TlsAuditCommand.configure(new CommandLine(report));
        StringWriter err = new StringWriter();
        reportLine.setErr(new PrintWriter(err, true));
        // No window option: on Monday 18 March 2024 the last full ISO week is 2024-W11.
        assertEquals(ExitCodes.OK, reportLine.execute("--db", database, "--out", written.toString()), err.toString());
    }

    private static List<Path> filesBelow(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyFormatMatchesItsGoldenFile() throws IOException {
        List<Path> files = filesBelow(written);
        if (Boolean.getBoolean("golden.update")) {
            for (Path file : files) {
                Path golden = GOLDEN.resolve(file);
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, normalized(written.resolve(file)), StandardCharsets.UTF_8);
            }
        }
        assertEquals(filesBelow(GOLDEN), files, "the files written");
        for (Path file : files) {
            assertEquals(
                    Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8),
                    normalized(written.resolve(file)),
                    file + " differs from its golden copy");
        }
    }

    /**
     * The hand-worked table "Week over week" of sample-logs/README.md against the report's legacy-changes section:
     * the same (direction, address) pairs with the same change, HTTPS clients as direction {@code https}.
     */
    @Test
    void weekOverWeekAgreesWithTheChangesWorkedOutByHandInTheSampleReadme() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("sample-logs/README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Week over week (2024-W11 against 2024-W10)");
        Set<String> expected = new TreeSet<>();
        for (String line : readme.subList(start, readme.size())) {
            if (line.startsWith("## Summary")) {
                break;
            }
            if (!line.startsWith("| ") || line.startsWith("| direction") || line.startsWith("| client_ip")) {
                continue;
            }
            String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
            boolean https = cells.length == 5;
            expected.add(
                    (https ? "https" : cells[0]) + " " + (https ? cells[0] : cells[1]) + " " + cells[cells.length - 1]);
        }
        assertEquals(17, expected.size(), "rows of the README tables: " + expected);
        Set<String> reported = new TreeSet<>();
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(Files.newBufferedReader(written.resolve("tlsaudit-2024-W11/legacy-changes.csv")))) {
            for (CSVRecord record : parser) {
                reported.add(record.get("direction") + " " + record.get("remote_ip") + " " + record.get("change"));
            }
        }
        assertEquals(expected, reported);
    }

    /**
     * The documents that list sections and columns, against the report itself: README.md's section table names every
     * section in reading order, and docs/report-json.md gives each section's columns as the report has them.
     */
    @Test
    void theReadmeAndTheJsonSchemaListTheSectionsAndColumnsTheReportHas() throws Exception {
        Report report;
        try (AuditDatabase store = AuditDatabase.openReadOnly(Path.of(database))) {
            report = new LegacyTlsReport(store, NamedQueries.standard(), Clock.systemUTC())
                    .build(ReportWindow.isoWeek(2024, 11));
        }
        List<String> readmeIds = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8).stream()
                .dropWhile(line -> !line.equals("| section | what it answers |"))
                .skip(2)
                .takeWhile(line -> line.startsWith("| `"))
                .map(line -> line.substring(3, line.indexOf('`', 3)))
                .toList();
        assertEquals(ReportSections.ids(), readmeIds, "README.md, The report");
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("docs/report-json.md"), StandardCharsets.UTF_8)) {
            java.util.regex.Matcher row = SECTION_ROW.matcher(line);
            if (row.matches()) {
                documented.put(row.group(1), row.group(2));
            }
        }
        Map<String, String> actual = new LinkedHashMap<>();
        for (ReportSection section : report.sections()) {
            actual.put(
                    section.id(),
                    String.join(
                            ", ",
                            section.table().columns().stream()
                                    .map(c -> "`" + c + "`")
                                    .toList()));
        }
        assertEquals(actual, documented, "docs/report-json.md, sections and columns");
    }

    private static final java.util.regex.Pattern SECTION_ROW =
            java.util.regex.Pattern.compile("\\| `([a-z-]+)` \\| (`.*`) \\|");

    /** The database path is the test's temporary folder: replaced, in whatever escaping the format gives it. */
    private static String normalized(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.replace(database, "<database>").replace(database.replace("\\", "\\\\"), "<database>");
    }
}
