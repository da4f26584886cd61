package io.tlsaudit.cli;

import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.ingest.IngestListener;
import io.tlsaudit.parse.LineProblem;
import java.io.PrintWriter;

/**
 * Progress and problems on stderr. Without {@code --verbose} it prints the first {@value #PROBLEMS_SHOWN} problems
 * and the files an admin must act on; the rest are counted and kept in {@code ingest_errors}. Progress goes to an
 * {@link IngestProgress}, which wipes its live line before each message printed here and draws it again after, so a
 * warning is never cut by it.
 */
final class ConsoleIngestListener implements IngestListener {

    static final int PROBLEMS_SHOWN = 20;

    private final PrintWriter err;
    private final boolean verbose;
    private final IngestProgress progress;
    private long problems;

    ConsoleIngestListener(PrintWriter err, boolean verbose, IngestProgress progress) {
        this.err = err;
        this.verbose = verbose;
        this.progress = progress;
    }

    @Override
    public void problem(LineProblem problem) {
        problems++;
        if (verbose || problems <= PROBLEMS_SHOWN) {
            print("warning: " + problem.describe());
        } else if (problems == PROBLEMS_SHOWN + 1) {
            print("warning: more problems follow; they are counted below and kept in table ingest_errors");
        }
    }

    @Override
    public void skipped(SkippedFile file) {
        if (file.problem()) {
            print("warning: " + file.displayName() + ": skipped: " + file.reason());
        } else if (verbose) {
            print("skipped " + file.displayName() + ": " + file.reason());
        }
    }

    @Override
    public void planned(long files, long bytesToRead) {
        progress.planned(files, bytesToRead);
    }

    @Override
    public void fileDone(LogFile file, FileResult result) {
        if (verbose) {
            if (result.unchanged()) {
                print("unchanged " + file.displayName() + " (read before)");
            } else {
                print("read " + file.displayName() + ": " + IngestRunner.count(result.dataRows(), "row") + ", "
                        + IngestRunner.count(result.rejectedLines(), "rejected line"));
            }
        }
        progress.fileDone(result.bytesRead());
    }

    @Override
    public void committed(long connectionsStored, long dataRows) {
        progress.committed(connectionsStored);
    }

    private void print(String message) {
        progress.beforeMessage();
        ErrorOutput.println(err, message);
        progress.afterMessage();
    }
}
