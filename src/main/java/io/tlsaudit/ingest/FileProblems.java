package io.tlsaudit.ingest;

import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.LineProblemSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts every problem of one file, passes each to the listener as it is met, and keeps the first
 * {@value Ingestor#PROBLEM_SAMPLE_PER_FILE} for {@code ingest_errors} under the file's stored (absolute) name: they
 * are stored with the file's rows.
 */
final class FileProblems implements LineProblemSink {

    private final String displayName;
    private final String storedName;
    private final IngestListener listener;
    private final List<LineProblem> sample = new ArrayList<>();
    private long count;

    FileProblems(String displayName, String storedName, IngestListener listener) {
        this.displayName = displayName;
        this.storedName = storedName;
        this.listener = listener;
    }

    @Override
    public void report(LineProblem problem) {
        count++;
        // Whoever reported it, people read the name they gave the run; the database keeps the absolute path.
        listener.problem(new LineProblem(displayName, problem.lineNumber(), problem.reason(), problem.excerpt()));
        if (count <= Ingestor.PROBLEM_SAMPLE_PER_FILE) {
            sample.add(new LineProblem(storedName, problem.lineNumber(), problem.reason(), problem.excerpt()));
        }
    }

    long count() {
        return count;
    }

    List<LineProblem> sample() {
        return sample;
    }
}
