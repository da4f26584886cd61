package io.tlsaudit.ingest;

import io.tlsaudit.assemble.IisRequestGroup;
import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpConnection;
import io.tlsaudit.discover.LogFile;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.store.IngestLedger;
import java.util.ArrayList;
import java.util.List;

/**
 * What reading one file yielded, handed from the thread that read it to the one that stores it: everything the file
 * adds to the database, committed together with its ledger entry.
 */
final class FileOutcome {

    /**
     * Rows a file hands over at most at a time: a file's outcome goes to the writer in parts, so memory holds the
     * connections open in a stream, not all that a large file finishes.
     */
    static final int PART_ROWS = 10_000;

    final LogFile log;
    final String storedName;
    final boolean unchanged;
    /** False for a part handed over while the file is still being read; the last part has the ledger entry. */
    boolean complete = true;

    List<SmtpConnection> finished = new ArrayList<>();
    List<IisRequestGroup> requests = new ArrayList<>();
    final FileProblems problems;
    /** The SMTP stream the file belongs to, once its rows (or its end) told; null for IIS logs and unread files. */
    LogStream stream;
    /** The stream's connections open before the file's first row, for a file read from its start; else null. */
    List<SmtpConnection> openAtStart;
    /** The stream's connections open after the file's last row; null when no stream was entered. */
    List<SmtpConnection> openAtEnd;

    IngestLedger.FileRecord ledgerEntry;
    long dataRows;
    long rejectedLines;
    long bytesRead;

    FileOutcome(LogFile log, String storedName, FileProblems problems, boolean unchanged) {
        this.log = log;
        this.storedName = storedName;
        this.problems = problems;
        this.unchanged = unchanged;
    }

    /** True when this outcome holds enough rows to be handed over before the file is finished. */
    boolean full() {
        return finished.size() + requests.size() >= PART_ROWS;
    }

    /** The rows gathered so far, as a part of the file to store now; this outcome goes on empty. */
    FileOutcome takePart() {
        FileOutcome part = new FileOutcome(log, storedName, problems, unchanged);
        part.complete = false;
        part.finished = finished;
        part.requests = requests;
        finished = new ArrayList<>();
        requests = new ArrayList<>();
        return part;
    }

    /** The problems of the file kept in {@code ingest_errors}. */
    List<LineProblem> problemSample() {
        return problems.sample();
    }
}
