package io.tlsaudit.export;

import java.util.Optional;

/**
 * The tables {@code export} writes, each with the query that gives its rows plus the two partition columns:
 * {@code day} (a DATE, UTC like every stored time) and {@code server}. The folder layout and the README's engine
 * statements follow this list.
 */
public enum ExportTable {
    /** A connection's day is the day it started. */
    SMTP_SESSIONS("smtp_sessions", "started_at", "SELECT *, CAST(started_at AS DATE) AS day FROM smtp_sessions"),
    /** A request group's day is that of its first request; groups never span an hour. */
    IIS_REQUESTS("iis_requests", "logged_at", "SELECT *, CAST(logged_at AS DATE) AS day FROM iis_requests"),
    /**
     * A problem belongs to the day and server of the log it was found in; a file the walk could not read has no
     * ledger entry, so its problem goes to the day it was recorded, with no server.
     */
    INGEST_ERRORS(
            "ingest_errors",
            null,
            "SELECT problem.*, file.server, coalesce(file.day, CAST(problem.recorded_at AS DATE)) AS day"
                    + " FROM ingest_errors problem LEFT JOIN (" + ExportTable.FILE_DAYS + ") file"
                    + " ON file.path = problem.source_file"),
    /** Logs whose location names no server (their rows do) have no server. */
    INGESTED_FILES("ingested_files", null, ExportTable.FILE_DAYS);

    /**
     * The ledger with each log's day: that of the first connection or request it holds, so a log sits beside its
     * data, or, for a log that holds none, the day it was last written to. (The modification time alone would put a
     * copied or restored share on the day of the copy.)
     */
    private static final String FILE_DAYS = "SELECT ledger.*, coalesce(first.day, CAST(ledger.modified_at AS DATE))"
            + " AS day FROM ingested_files ledger LEFT JOIN (SELECT source_file, CAST(min(first_at) AS DATE) AS day"
            + " FROM (SELECT source_file, started_at AS first_at FROM smtp_sessions UNION ALL SELECT source_file,"
            + " logged_at FROM iis_requests) GROUP BY source_file) first ON first.source_file = ledger.path";

    /**
     * The server as its partition folder names it: the server itself, unless that cannot come back from a folder
     * name. An engine reads an empty value, {@code NULL} (any case) and {@code __HIVE_DEFAULT_PARTITION__} as a
     * missing server, and a name of more than 82 bytes may not fit the 255 bytes of a folder name once
     * percent-encoded (each byte may take three). Those take {@code PREFIX~HASH}: up to 40 characters of the name
     * with all but letters, digits, {@code .}, {@code _} and {@code -} as {@code _}, and 16 hex digits of its MD5.
     * Exchange server names are NetBIOS or DNS names, so this is for names a location gave by mistake.
     */
    static final String PARTITION_SERVER = "CASE WHEN server IS NULL THEN NULL"
            + " WHEN server <> '' AND strlen(server) <= 82 AND lower(server) NOT IN ('null', '__hive_default_partition__')"
            + " THEN server"
            + " ELSE regexp_replace(left(server, 40), '[^A-Za-z0-9._-]', '_', 'g') || '~' || left(md5(server), 16) END";

    private final String tableName;
    private final String dayColumn;
    private final String rows;

    ExportTable(String tableName, String dayColumn, String rows) {
        this.tableName = tableName;
        this.dayColumn = dayColumn;
        this.rows = rows;
    }

    /**
     * The stored timestamp column that {@code day} is the date of, for a large table: a COPY of a few days filters
     * on it, which DuckDB answers from its row groups' minimum and maximum instead of reading the whole table (on
     * 1.5 million connections over two years, 2 ms instead of 30-50 ms per scan, for each of hundreds of COPYs).
     * Empty for the small tables, whose day comes from a join.
     */
    Optional<String> dayColumn() {
        return Optional.ofNullable(dayColumn);
    }

    /** The stored table, and the name of its folder in the export. */
    public String tableName() {
        return tableName;
    }

    /** The rows to export, with {@code day} and {@code server} as the partition folders name them. */
    String select() {
        return "SELECT * REPLACE (" + PARTITION_SERVER + " AS server) FROM (" + rows + ")";
    }

    /** Each server whose partition folder names it otherwise, with that name. */
    String renamedServers() {
        return "SELECT DISTINCT server, " + PARTITION_SERVER + " FROM (" + rows + ") WHERE server IS DISTINCT FROM ("
                + PARTITION_SERVER + ") ORDER BY 1";
    }
}
