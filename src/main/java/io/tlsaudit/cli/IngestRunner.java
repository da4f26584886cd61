package io.tlsaudit.cli;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.ingest.IngestSummary;
import io.tlsaudit.ingest.Ingestor;
import io.tlsaudit.store.AuditDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The ingest step shared by {@code ingest} and {@code analyze}: find, read, store, and summarise on stderr. */
final class IngestRunner {

    private IngestRunner() {}

    /** {@code 1 log file}, {@code 2 log files}. */
    static String count(long count, String singular) {
        return count + " " + (count == 1 ? singular : singular + "s");
    }

    /** Returns null and prints why when there was nothing to read. */
    static IngestSummary run(LogSourceOptions sources, Path databaseFile, VerboseOption output, PrintWriter err)
            throws IOException {
        boolean verbose = output.verbose;
        IngestProgress progress = new IngestProgress(err, IngestProgress.Display.of(output.quiet), System::nanoTime);
        // Options are checked before anything is read.
        int threads = sources.readingThreads();
        var iisFieldNames = sources.iisFieldNames();
        LogFileFinder.Found found = new LogFileFinder(sources.location()).find(sources.paths);
        if (found.logs().isEmpty()) {
            found.skipped().stream()
                    .filter(file -> file.problem() || verbose)
                    .forEach(file -> ErrorOutput.println(err, "skipped " + file.displayName() + ": " + file.reason()));
            ErrorOutput.println(
                    err,
                    "tlsaudit: no Exchange SMTP protocol logs or IIS logs found under " + sources.paths
                            + " (files are recognised by their #Software/#Log-type header)");
            return null;
        }
        IngestSummary summary;
        try (AuditDatabase database = AuditDatabase.openForWriting(databaseFile)) {
            summary = new Ingestor(database, new ConsoleIngestListener(err, verbose, progress), iisFieldNames, threads)
                    .run(found.logs(), found.skipped());
        } finally {
            progress.finish(); // before the summary or the error message, on a line of their own
        }
        ErrorOutput.println(
                err,
                "Ingested " + count(summary.filesRead(), "log file") + " (" + summary.filesUnchanged()
                        + " unchanged since the last run, " + count(summary.filesSkipped(), "other file")
                        + " skipped): "
                        + count(summary.dataRows(), "row") + ", " + count(summary.connectionsStored(), "connection")
                        + " completed, " + summary.connectionsUnfinished()
                        + " still open (stored as pending until a later"
                        + " run sees them end), " + count(summary.rejectedLines(), "malformed line") + ", "
                        + count(summary.problems(), "problem") + "; " + progress.summary() + ". Database: "
                        + databaseFile);
        err.flush();
        return summary;
    }
}
