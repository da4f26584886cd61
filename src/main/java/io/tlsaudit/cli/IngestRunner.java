package io.tlsaudit.cli;

import io.tlsaudit.discover.FileSelection;
import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.ingest.IngestSummary;
import io.tlsaudit.ingest.Ingestor;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.EngineLoad;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The ingest step shared by {@code ingest} and {@code analyze}: find, read, store, and summarise on stderr. */
final class IngestRunner {

    private IngestRunner() {}

    /** {@code 1 log file}, {@code 2 log files}. */
    static String count(long count, String singular) {
        return count(count, singular, singular + "s");
    }

    static String count(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /** Returns null and prints why when there was nothing to read. */
    static IngestSummary run(LogSourceOptions sources, Path databaseFile, VerboseOption output, PrintWriter err)
            throws IOException {
        EngineLoad engine = AuditDatabase.loadEngineInBackground();
        try {
            return findAndIngest(sources, databaseFile, output, err, engine);
        } finally {
            engine.awaitEnd();
        }
    }

    private static IngestSummary findAndIngest(
            LogSourceOptions sources, Path databaseFile, VerboseOption output, PrintWriter err, EngineLoad engine)
            throws IOException {
        boolean verbose = output.verbose;
        IngestProgress progress = new IngestProgress(err, IngestProgress.Display.of(output.quiet), System::nanoTime);
        // Options are checked before anything is read.
        int threads = sources.readingThreads();
        var iisFieldNames = sources.iisFieldNames();
        FileSelection selection = sources.selection();
        LogFileFinder.Found found = new LogFileFinder(sources.location(), selection).find(sources.paths);
        if (found.logs().isEmpty()) {
            found.skipped().stream()
                    .filter(file -> file.problem() || verbose)
                    .forEach(file -> ErrorOutput.println(err, "skipped " + file.displayName() + ": " + file.reason()));
            ErrorOutput.println(err, nothingFound(sources.paths, selection, found));
            return null;
        }
        IngestSummary summary;
        engine.awaitLoaded();
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
                        + " skipped" + excluded(summary) + "): "
                        + count(summary.dataRows(), "row") + ", " + count(summary.connectionsStored(), "connection")
                        + " completed, " + summary.connectionsUnfinished()
                        + " still open (stored as pending until a later"
                        + " run sees them end), " + count(summary.rejectedLines(), "malformed line") + ", "
                        + count(summary.problems(), "problem") + "; " + progress.summary() + ". Database: "
                        + databaseFile);
        if (summary.completedWithProblems()) {
            ErrorOutput.println(
                    err,
                    "tlsaudit: completed with problems: "
                            + count(summary.filesUnreadable(), "file or folder", "files or folders")
                            + " could not be read (see the warnings; --verbose names every one); what could be read is"
                            + " stored");
        }
        err.flush();
        return summary;
    }

    private static String excluded(IngestSummary summary) {
        return summary.filesExcluded() == 0 ? "" : ", " + summary.filesExcluded() + " excluded by --exclude/--include";
    }

    /** Why nothing was read: where it looked, which globs chose the files, and how many they left out. */
    static String nothingFound(List<Path> paths, FileSelection selection, LogFileFinder.Found found) {
        String message = "tlsaudit: no Exchange SMTP protocol logs or IIS logs found under " + paths;
        if (!selection.takesAll()) {
            long leftOut = found.skipped().stream()
                    .filter(file -> file.kind() == SkippedFile.Kind.EXCLUDED)
                    .count();
            message += " with " + selection.describe() + ", which left out "
                    + count(leftOut, "file or folder", "files or folders");
        }
        return message + " (files are recognised by their #Software/#Log-type header)";
    }
}
