package io.tlsaudit.testing;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.ingest.IngestListener;
import io.tlsaudit.ingest.Ingestor;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.report.LegacyTlsReport;
import io.tlsaudit.report.NamedQueries;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Ingests a share into a database once and builds the report over any window, as {@code ingest} then {@code report
 * --since/--until} do: for sections that compare a window with what came before it.
 */
public final class WindowedReports {

    private WindowedReports() {}

    /** Reads every log below {@code share} into {@code database} (created when missing), the server by first folder. */
    public static Path ingest(Path share, Path database) throws IOException {
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(share));
        try (AuditDatabase writing = AuditDatabase.openForWriting(database)) {
            new Ingestor(writing, IngestListener.SILENT, IisFieldNames.standard()).run(found.logs(), found.skipped());
            writing.commit();
        }
        return database;
    }

    /** The table of section {@code id} of the report over {@code window}. */
    public static ResultTable section(Path database, ReportWindow window, String id) throws SQLException {
        try (AuditDatabase reading = AuditDatabase.openReadOnly(database)) {
            return new LegacyTlsReport(reading, NamedQueries.standard(), Clock.systemUTC())
                    .build(window)
                    .section(id)
                    .orElseThrow(() -> new IllegalArgumentException("no section " + id))
                    .table();
        }
    }
}
