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

    final LogFile log;
    final boolean unchanged;
    final List<SmtpConnection> finished = new ArrayList<>();
    final List<IisRequestGroup> requests = new ArrayList<>();
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

    FileOutcome(LogFile log, FileProblems problems, boolean unchanged) {
        this.log = log;
        this.problems = problems;
        this.unchanged = unchanged;
    }

    /** The problems of the file kept in {@code ingest_errors}. */
    List<LineProblem> problemSample() {
        return problems.sample();
    }
}
