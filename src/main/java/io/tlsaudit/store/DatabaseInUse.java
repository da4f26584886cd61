package io.tlsaudit.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the user that another process holds the database, instead of DuckDB's lock error. DuckDB lets one process
 * write a database file, or several read it, and refuses an open that conflicts with a lock another process holds:
 *
 * <pre>
 * IO Error: Could not set lock on file "/data/audit.duckdb": Conflicting lock is held in
 * /usr/lib/jvm/java-17-openjdk-amd64/bin/java (PID 413). See also https://duckdb.org/docs/stable/connect/concurrency
 * </pre>
 *
 * (DuckDB 1.5.6, one line; some versions add {@code by user NAME}, and when the holder only reads, a hint about
 * read-only mode). A second ingest while one runs, or a report while an ingest writes, meets it. The holder named is
 * usually a JVM, that is another tlsaudit; when it is some other program (the DuckDB CLI) the message names that
 * program instead.
 */
final class DatabaseInUse {

    private static final String LOCK_REFUSED = "Could not set lock on file";
    /** What Windows says when another process holds the file; DuckDB names no holder there. */
    private static final String WINDOWS_SHARING = "being used by another process";

    private static final Pattern HOLDER = Pattern.compile("Conflicting lock is held in (.*?) \\(PID (\\d+)\\)");

    private DatabaseInUse() {}

    /**
     * Throws the in-use message when {@code failure}, raised while opening {@code file}, says another process holds
     * it; returns normally otherwise, so the caller reports the failure as it is.
     */
    static void throwIfInUse(Path file, Exception failure) {
        Optional<StoreException> inUse = explain(file, failure);
        if (inUse.isPresent()) {
            throw inUse.get();
        }
    }

    /** The in-use message for {@code failure}, or empty when it is another failure. */
    static Optional<StoreException> explain(Path file, Exception failure) {
        String message = failure.getMessage();
        if (message == null || !(message.contains(LOCK_REFUSED) || message.contains(WINDOWS_SHARING))) {
            return Optional.empty();
        }
        Matcher holder = HOLDER.matcher(message);
        String who;
        if (!holder.find()) {
            who = "another tlsaudit process";
        } else if (isJava(holder.group(1))) {
            who = "another tlsaudit process (PID " + holder.group(2) + ")";
        } else {
            who = "another program (" + programName(holder.group(1)) + ", PID " + holder.group(2) + ")";
        }
        return Optional.of(new StoreException(
                file + ": database in use by " + who + "; wait for it to finish or use another --db file", failure));
    }

    private static boolean isJava(String program) {
        String name = programName(program);
        return name.equals("java") || name.equals("java.exe") || name.equals("javaw.exe");
    }

    /** {@code duckdb} for {@code /usr/local/bin/duckdb}; the path is left out, it may be long and says little. */
    private static String programName(String program) {
        String name = program.substring(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1);
        return name.isEmpty() ? program : name;
    }
}
