package io.tlsaudit.store;

import io.tlsaudit.parse.LineProblem;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Appends the sample of problems kept per file to {@code ingest_errors}. */
public final class ProblemWriter implements AutoCloseable {

    private final DuckDBAppender appender;
    private final LocalDateTime recordedAt = LocalDateTime.now(ZoneOffset.UTC);

    ProblemWriter(DuckDBConnection connection) {
        try {
            this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ingest_errors");
        } catch (SQLException e) {
            throw new StoreException("cannot open an appender on ingest_errors: " + e.getMessage(), e);
        }
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

    public void flush() {
        try {
            appender.flush();
        } catch (SQLException e) {
            throw new StoreException("cannot flush ingest_errors: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        try {
            appender.flush();
            appender.close();
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot close the ingest_errors appender: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }
}
