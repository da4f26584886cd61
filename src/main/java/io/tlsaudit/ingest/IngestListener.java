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

    /**
     * The work of the run, once it is planned and before any file is read.
     *
     * @param files every log file of the run, unchanged ones included
     * @param bytesToRead the bytes that will be read: new files whole, grown files from where the last read stopped
     */
    default void planned(long files, long bytesToRead) {}

    /** A file was read (or found unchanged); called in the order files are stored, from one thread. */
    void fileDone(LogFile file, FileResult result);

    /** Connections and rows stored so far, after each commit: for progress lines. */
    default void committed(long connectionsStored, long dataRows) {}

    /** Ignores everything; for tests and quiet runs. */
    IngestListener SILENT = new IngestListener() {
        @Override
        public void problem(LineProblem problem) {}

        @Override
        public void skipped(SkippedFile file) {}

        @Override
        public void fileDone(LogFile file, FileResult result) {}
    };

    /**
     * The yield of one file.
     *
     * @param bytesRead bytes read from the file in this run (0 for an unchanged file)
     */
    record FileResult(long dataRows, long rejectedLines, long problems, boolean unchanged, long bytesRead) {}
}
