package io.tlsaudit.report;

import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the legacy-TLS report from the named queries, each restricted to the report's window. */
public final class LegacyTlsReport {

    private final AuditDatabase database;
    private final NamedQueries queries;
    private final Clock clock;

    public LegacyTlsReport(AuditDatabase database, NamedQueries queries, Clock clock) {
        this.database = database;
        this.queries = queries;
        this.clock = clock;
    }

    /** Runs every section's query over {@code window}. */
    public Report build(ReportWindow window) throws SQLException {
        WindowBounds bounds = bounds(database, window, clock);
        ReportSection overview = section(ReportSections.OVERVIEW, window, bounds);
        List<ReportSection> sections = new ArrayList<>();
        for (ReportSections.Spec spec : ReportSections.DETAILED) {
            sections.add(section(spec, window, bounds));
        }
        return new Report(
                "Legacy TLS report",
                database.file().toString(),
                LocalDateTime.now(clock),
                window,
                bounds,
                overview,
                sections);
    }

    /** {@code window} with its open ends closed on the first and last row stored, as {@code report_window} gives it. */
    public static WindowBounds bounds(AuditDatabase database, ReportWindow window, Clock clock) throws SQLException {
        ResultTable range = database.query(
                "SELECT min(row_time) AS first_row, max(row_time) AS last_row FROM (SELECT started_at AS row_time"
                        + " FROM smtp_sessions"
                        + " UNION ALL SELECT logged_at FROM iis_requests)",
                List.of());
        List<Object> row = range.rows().get(0);
        return window.bounds(
                Optional.ofNullable((LocalDateTime) row.get(0)),
                Optional.ofNullable((LocalDateTime) row.get(1)),
                LocalDate.now(clock));
    }

    /** The identifiers of the sections, the overview first, for {@code report --section}. */
    public static List<String> sectionIds() {
        return ReportSections.ids();
    }

    private ReportSection section(ReportSections.Spec spec, ReportWindow window, WindowBounds bounds)
            throws SQLException {
        String sql = ReportWindow.restrict(queries.require(spec.id()));
        ResultTable table;
        try {
            table = database.query(sql, window.parameters(bounds));
        } catch (SQLException e) {
            throw new SQLException(
                    "in query " + spec.id() + ".sql (" + queries.describe(spec.id()) + "): " + e.getMessage(), e);
        }
        return new ReportSection(spec.id(), spec.title(), spec.explanation(), spec.whenEmpty(), table);
    }
}
