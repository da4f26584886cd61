package io.tlsaudit.ingest;

import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.LineProblemSink;
import io.tlsaudit.store.ProblemWriter;

/**
 * Counts every problem of one file, passes each to the listener, and keeps the first
 * {@value Ingestor#PROBLEM_SAMPLE_PER_FILE} in {@code ingest_errors} under the file's stored (absolute) name.
 */
final class FileProblems implements LineProblemSink {

    private final String displayName;
    private final String storedName;
    private final ProblemWriter rows;
    private final IngestListener listener;
    private long count;

    FileProblems(String displayName, String storedName, ProblemWriter rows, IngestListener listener) {
        this.displayName = displayName;
        this.storedName = storedName;
        this.rows = rows;
        this.listener = listener;
    }

    @Override
    public void report(LineProblem problem) {
        count++;
        // Whoever reported it, people read the name they gave the run; the database keeps the absolute path.
        listener.problem(new LineProblem(displayName, problem.lineNumber(), problem.reason(), problem.excerpt()));
        if (count <= Ingestor.PROBLEM_SAMPLE_PER_FILE) {
            rows.write(new LineProblem(storedName, problem.lineNumber(), problem.reason(), problem.excerpt()));
        }
    }

    long count() {
        return count;
    }

    void flush() {
        rows.flush();
    }
}
