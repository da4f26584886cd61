package io.tlsaudit.cli;

import io.tlsaudit.report.LegacyTlsReport;
import io.tlsaudit.report.NamedQueries;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.report.WindowBounds;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.QuerySandbox;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tlsaudit query}: ad-hoc or named SQL over the database, read-only. */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs one query (SELECT, WITH, FROM, VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE) over the database, opened"
                    + " read-only with file access off: COPY, ATTACH, EXPORT, PRAGMA, EXPLAIN, SET, a second statement"
                    + " and file-reading functions (read_csv, read_text, glob, ...) fail, and the configuration is"
                    + " locked. --allow-files DIR opens the files below DIR (not the database's own folder) to the"
                    + " query, e.g. for read_csv over raw logs.",
            "QUERY is either SQL or the name of a file in queries/ (./queries/NAME.sql if present, else the copy"
                    + " inside the jar): every section of the report is one, by its id (legacy-peers, readiness, ...;"
                    + " README.md lists them). A named query runs over the window of --week, --last or"
                    + " --since/--until (all data without them), as report runs it; other SQL only when one is given.",
            "",
            "Examples:",
            "  java -jar tlsaudit.jar query --db audit.duckdb legacy-peers",
            "  java -jar tlsaudit.jar query --db audit.duckdb --week 2026-W47 --format csv legacy-changes",
            "  java -jar tlsaudit.jar query --db audit.duckdb --format csv \"SELECT remote_ip, count(*) FROM"
                    + " smtp_sessions WHERE tls_protocol = 'TLS 1.0' GROUP BY ALL\""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE})
final class QueryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOption database;

    @Mixin
    VerboseOption verbose;

    @Mixin
    FormatOption format;

    @Mixin
    WindowOptions window;

    @Parameters(index = "0", paramLabel = "QUERY", description = "SQL text, or the name of a query in queries/.")
    String query;

    @CommandLine.Option(
            names = "--allow-files",
            paramLabel = "DIR",
            description = "Let the statement read files below DIR (read_csv over raw logs, ...). Repeatable. DIR may"
                    + " not hold the database; the database stays read-only.")
    List<Path> openFolders = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        window.check(spec.commandLine());
        String sql = query;
        boolean named = NamedQueries.isName(query.strip());
        if (named) {
            Optional<String> text = NamedQueries.standard().find(query.strip());
            if (text.isEmpty()) {
                ErrorOutput.println(
                        err, "tlsaudit query: no query named '" + query.strip() + "' in ./queries or in the jar");
                return ExitCodes.FAILURE;
            }
            sql = text.get();
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AuditDatabase store = AuditDatabase.openReadOnly(database.database, openFolders)) {
            QuerySandbox.Parsed parsed = store.parse(sql);
            if (parsed.problem().isEmpty() && parsed.statements() != 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "QUERY must be exactly one SQL statement; found " + parsed.statements());
            }
            List<Object> parameters = List.of();
            // A named query always sees the window's tables and report_window (all data by default), as the report
            // runs it; other SQL only when a window is asked for.
            if (window.given() && !ReportWindow.restrictable(sql)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--week, --last, --since and --until apply to a query that starts with SELECT, WITH, FROM,"
                                + " VALUES or TABLE; for DESCRIBE, SHOW or SUMMARIZE leave them out");
            }
            if (named || window.given()) {
                Clock clock = Clock.systemUTC();
                ReportWindow chosen = window.window(clock, ReportWindow.ALL);
                WindowBounds bounds = LegacyTlsReport.bounds(store, chosen, clock);
                sql = ReportWindow.restrict(sql);
                parameters = chosen.parameters(bounds);
            }
            // Rows are printed as the database produces them: a query over every stored row needs no more memory.
            store.stream(sql, parameters, rows -> format.renderer().renderRows(rows, out));
        } catch (SQLException e) {
            out.flush();
            ErrorOutput.println(err, "tlsaudit query: " + e.getMessage());
            if (verbose.verbose) {
                ErrorOutput.printStackTrace(err, e);
            }
            return ExitCodes.FAILURE;
        }
        out.flush();
        return ExitCodes.OK;
    }
}
