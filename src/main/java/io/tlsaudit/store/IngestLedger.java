package io.tlsaudit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code ingested_files} table: which files were read, how far, and what they yielded. A file unchanged since
 * it was read is skipped, so ingesting the same share twice stores each connection once.
 */
public final class IngestLedger {

    private final Connection connection;

    IngestLedger(Connection connection) {
        this.connection = connection;
    }

    /** What the ledger knows of one file. */
    public record Entry(String path, long sizeBytes, long completeBytes, LocalDateTime modifiedAt) {}

    /** The entry for {@code path}, if it was ingested before. */
    public Optional<Entry> find(String path) {
        String sql = "SELECT size_bytes, complete_bytes, modified_at FROM ingested_files WHERE path = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, path);
            try (ResultSet results = statement.executeQuery()) {
                if (!results.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(
                        path, results.getLong(1), results.getLong(2), results.getObject(3, LocalDateTime.class)));
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot read the ledger entry of " + path + ": " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Removes what an earlier read of {@code path} stored (its connections, its problems and its entry), so a file
     * that changed can be read again without duplicates.
     */
    public void forget(String path) {
        for (String sql : new String[] {
            "DELETE FROM smtp_sessions WHERE source_file = ?",
            "DELETE FROM iis_requests WHERE source_file = ?",
            "DELETE FROM ingest_errors WHERE source_file = ?",
            "DELETE FROM ingested_files WHERE path = ?"
        }) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, path);
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException(
                        "cannot remove earlier rows of " + path + ": " + AuditDatabase.firstLine(e.getMessage()), e);
            }
        }
    }

    /** Records one file as read; committed with the file's rows by the caller. */
    public void record(FileRecord file) {
        String sql = "INSERT OR REPLACE INTO ingested_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, file.path());
            statement.setString(2, file.kind());
            statement.setString(3, file.server());
            statement.setString(4, file.service());
            statement.setString(5, file.direction());
            statement.setLong(6, file.sizeBytes());
            statement.setLong(7, file.completeBytes());
            statement.setObject(8, file.modifiedAt());
            statement.setLong(9, file.dataRows());
            statement.setLong(10, file.rejectedLines());
            statement.setLong(11, file.problems());
            statement.setObject(12, LocalDateTime.now(ZoneOffset.UTC));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot record " + file.path() + " in the ledger: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }

    /** One row of {@code ingested_files}. Server, service and direction are null for files that are not SMTP logs. */
    public record FileRecord(
            String path,
            String kind,
            String server,
            String service,
            String direction,
            long sizeBytes,
            long completeBytes,
            LocalDateTime modifiedAt,
            long dataRows,
            long rejectedLines,
            long problems) {}
}
