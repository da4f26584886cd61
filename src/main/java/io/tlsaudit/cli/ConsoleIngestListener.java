package io.tlsaudit.cli;

import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.ingest.IngestListener;
import io.tlsaudit.parse.LineProblem;
import java.io.PrintWriter;

/**
 * Progress and problems on stderr. Without {@code --verbose} it prints the first {@value #PROBLEMS_SHOWN} problems
 * and the files an admin must act on; the rest are counted and kept in {@code ingest_errors}.
 */
final class ConsoleIngestListener implements IngestListener {

    static final int PROBLEMS_SHOWN = 20;

    private final PrintWriter err;
    private final boolean verbose;
    private long problems;

    ConsoleIngestListener(PrintWriter err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void problem(LineProblem problem) {
        problems++;
        if (verbose || problems <= PROBLEMS_SHOWN) {
            ErrorOutput.println(err, "warning: " + problem.describe());
        } else if (problems == PROBLEMS_SHOWN + 1) {
            ErrorOutput.println(
                    err, "warning: more problems follow; they are counted below and kept in table ingest_errors");
        }
    }

    @Override
    public void skipped(SkippedFile file) {
        if (file.problem()) {
            ErrorOutput.println(err, "warning: " + file.displayName() + ": skipped: " + file.reason());
        } else if (verbose) {
            ErrorOutput.println(err, "skipped " + file.displayName() + ": " + file.reason());
        }
    }

    @Override
    public void fileDone(LogFile file, FileResult result) {
        if (!verbose) {
            return;
        }
        if (result.unchanged()) {
            ErrorOutput.println(err, "unchanged " + file.displayName() + " (read before)");
        } else {
            ErrorOutput.println(
                    err,
                    "read " + file.displayName() + ": " + IngestRunner.count(result.dataRows(), "row") + ", "
                            + IngestRunner.count(result.rejectedLines(), "rejected line"));
        }
    }
}
