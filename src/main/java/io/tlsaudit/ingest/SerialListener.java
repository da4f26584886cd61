package io.tlsaudit.ingest;

import io.tlsaudit.discover.LogFile;
import io.tlsaudit.discover.SkippedFile;
import io.tlsaudit.parse.LineProblem;

/**
 * Hands a listener the calls of several reading threads one at a time, so a listener needs no locking of its own and
 * a line of progress is never cut by a warning from another thread.
 */
final class SerialListener implements IngestListener {

    private final IngestListener listener;

    SerialListener(IngestListener listener) {
        this.listener = listener;
    }

    @Override
    public synchronized void problem(LineProblem problem) {
        listener.problem(problem);
    }

    @Override
    public synchronized void skipped(SkippedFile file) {
        listener.skipped(file);
    }

    @Override
    public synchronized void planned(long files, long bytesToRead) {
        listener.planned(files, bytesToRead);
    }

    @Override
    public synchronized void fileDone(LogFile file, FileResult result) {
        listener.fileDone(file, result);
    }

    @Override
    public synchronized void committed(long connectionsStored, long dataRows) {
        listener.committed(connectionsStored, dataRows);
    }
}
