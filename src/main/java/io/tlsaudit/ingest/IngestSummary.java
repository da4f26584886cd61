package io.tlsaudit.ingest;

/**
 * The totals of one ingest run.
 *
 * @param filesRead log files read (new files, and files changed since the last run, read again whole)
 * @param filesUnchanged log files skipped because the ledger shows them read and unchanged
 * @param filesSkipped files and folders that are not logs tlsaudit reads, or could not be read; excluded ones apart
 * @param filesWithProblems files skipped for a reason the admin should act on (unreadable, wrong encoding), and
 *     log files whose read failed
 * @param dataRows usable data rows read
 * @param rejectedLines lines skipped as malformed
 * @param problems all problems reported (rejected lines, damaged bytes, broken TLS texts, unreadable files)
 * @param connectionsStored finished connections written to {@code smtp_sessions} (disconnected, or idle for an hour)
 * @param connectionsUnfinished connections still open at the end of the run: stored with {@code pending = true}, and
 *     completed by a later run that reads their remaining rows
 * @param filesExcluded files and folders left out by {@code --include} and {@code --exclude}
 * @param filesUnreadable files and folders that could not be read at all: permission denied, I/O errors, gone
 *     between the walk and the read, broken symbolic links and link loops; also log files whose read failed
 */
public record IngestSummary(
        long filesRead,
        long filesUnchanged,
        long filesSkipped,
        long filesWithProblems,
        long dataRows,
        long rejectedLines,
        long problems,
        long connectionsStored,
        long connectionsUnfinished,
        long filesExcluded,
        long filesUnreadable) {

    /** True when files or folders could not be read: the run completed, with problems. */
    public boolean completedWithProblems() {
        return filesUnreadable > 0;
    }
}
