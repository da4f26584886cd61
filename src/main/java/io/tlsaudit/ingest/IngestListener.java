package io.tlsaudit.ingest;

import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.parse.LineProblem;

/** What an ingest run tells its caller as it goes (progress and problems on stderr, in the command line). */
public interface IngestListener {

    /** A line or file problem, in the order met. Messages name files relative to the working directory. */
    void problem(LineProblem problem);

    /** A file was not read. */
    void skipped(SkippedFile file);

    /** A file was read and committed. */
    void fileDone(LogFile file, FileResult result);

    /** Ignores everything; for tests and quiet runs. */
    IngestListener SILENT = new IngestListener() {
        @Override
        public void problem(LineProblem problem) {}

        @Override
        public void skipped(SkippedFile file) {}

        @Override
        public void fileDone(LogFile file, FileResult result) {}
    };

    /** The yield of one file. */
    record FileResult(long dataRows, long rejectedLines, long problems, boolean unchanged) {}
}
