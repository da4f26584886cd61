package io.tlsaudit.export;

/**
 * The tables {@code export} writes, each with the query that gives its rows plus the two partition columns:
 * {@code day} (a DATE, UTC like every stored time) and {@code server}. The folder layout and the README's engine
 * statements follow this list.
 */
public enum ExportTable {
    /** A connection's day is the day it started. */
    SMTP_SESSIONS("smtp_sessions", "SELECT *, CAST(started_at AS DATE) AS day FROM smtp_sessions"),
    /** A request group's day is that of its first request; groups never span an hour. */
    IIS_REQUESTS("iis_requests", "SELECT *, CAST(logged_at AS DATE) AS day FROM iis_requests"),
    /**
     * A problem belongs to the day and server of the log it was found in; a file the walk could not read has no
     * ledger entry, so its problem goes to the day it was recorded, with no server.
     */
    INGEST_ERRORS(
            "ingest_errors",
            "SELECT problem.*, file.server, coalesce(file.day, CAST(problem.recorded_at AS DATE)) AS day"
                    + " FROM ingest_errors problem LEFT JOIN (" + ExportTable.FILE_DAYS + ") file"
                    + " ON file.path = problem.source_file"),
    /** Logs whose location names no server (their rows do) have no server. */
    INGESTED_FILES("ingested_files", ExportTable.FILE_DAYS);

    /**
     * The ledger with each log's day: that of the first connection or request it holds, so a log sits beside its
     * data, or, for a log that holds none, the day it was last written to. (The modification time alone would put a
     * copied or restored share on the day of the copy.)
     */
    private static final String FILE_DAYS = "SELECT ledger.*, coalesce(first.day, CAST(ledger.modified_at AS DATE))"
            + " AS day FROM ingested_files ledger LEFT JOIN (SELECT source_file, CAST(min(first_at) AS DATE) AS day"
            + " FROM (SELECT source_file, started_at AS first_at FROM smtp_sessions UNION ALL SELECT source_file,"
            + " logged_at FROM iis_requests) GROUP BY source_file) first ON first.source_file = ledger.path";

    private final String tableName;
    private final String select;

    ExportTable(String tableName, String select) {
        this.tableName = tableName;
        this.select = select;
    }

    /** The stored table, and the name of its folder in the export. */
    public String tableName() {
        return tableName;
    }

    /** The rows to export, with {@code day} and {@code server}. */
    String select() {
        return select;
    }
}
