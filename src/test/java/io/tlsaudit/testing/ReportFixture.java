package io.tlsaudit.testing;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.ingest.IngestListener;
import io.tlsaudit.ingest.Ingestor;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.report.LegacyTlsReport;
import io.tlsaudit.report.NamedQueries;
import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportWindow;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Ingests a share into a new database and builds the report over all of it, as {@code analyze} does. */
public final class ReportFixture {

    private ReportFixture() {}

    public static Report ingestAndReport(Path share, Path database) throws Exception {
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(share));
        try (AuditDatabase writing = AuditDatabase.openForWriting(database)) {
            new Ingestor(writing, IngestListener.SILENT, IisFieldNames.standard()).run(found.logs(), found.skipped());
            writing.commit();
        }
        try (AuditDatabase reading = AuditDatabase.openReadOnly(database)) {
            return new LegacyTlsReport(reading, NamedQueries.standard(), Clock.systemUTC()).build(ReportWindow.ALL);
        }
    }

    /** The table of section {@code id}, the overview included. */
    public static ResultTable section(Report report, String id) {
        return report.section(id).orElseThrow().table();
    }
}
