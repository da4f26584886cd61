package io.tlsaudit.store;

import io.tlsaudit.parse.LineProblem;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.duckdb.DuckDBConnection;

/** Appends the sample of problems kept per file to {@code ingest_errors}. */
public final class ProblemWriter extends TableAppender {
    private final LocalDateTime recordedAt = LocalDateTime.now(ZoneOffset.UTC);

    /** A writer into a temporary table with the columns of {@code ingest_errors}. */
    ProblemWriter(DuckDBConnection connection, String temporaryTable) {
        super(connection, "temp", "main", temporaryTable);
    }

    public void write(LineProblem problem) {
        try {
            appender.beginRow();
            appender.append(problem.file());
            appender.append(problem.lineNumber());
            appender.append(problem.reason());
            appender.append(problem.excerpt());
            appender.append(recordedAt);
            appender.endRow();
        } catch (SQLException e) {
            throw new StoreException("cannot record a problem of " + problem.file() + ": " + e.getMessage(), e);
        }
    }
}
