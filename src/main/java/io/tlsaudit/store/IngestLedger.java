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

    /** The entry for {@code path}, if it was ingested before. */
    public Optional<FileRecord> find(String path) {
        String sql = "SELECT kind, server, service, direction, size_bytes, complete_bytes, modified_at, data_rows,"
                + " rejected_lines, problems, lines_read, fields_line, log_type_line, head_crc, tail_crc, checkpointed, content_crc"
                + " FROM ingested_files WHERE path = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, path);
            try (ResultSet r = statement.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new FileRecord(
                        path,
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getLong(5),
                        r.getLong(6),
                        r.getObject(7, LocalDateTime.class),
                        r.getLong(8),
                        r.getLong(9),
                        r.getLong(10),
                        r.getLong(11),
                        Optional.ofNullable(r.getString(12)),
                        Optional.ofNullable(r.getString(13)),
                        r.getLong(14),
                        r.getObject(15) == null ? FileRecord.UNKNOWN_CRC : r.getLong(15),
                        r.getBoolean(16),
                        r.getObject(17) == null ? FileRecord.UNKNOWN_CRC : r.getLong(17)));
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot read the ledger entry of " + path + ": " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Removes what an earlier read of {@code path} stored (the connections that began in it, its requests, its
     * problems and its entry), so a file that changed can be read again without duplicates. Connections that began
     * in an earlier file and ran on into this one are the caller's to undo.
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
        String sql =
                "INSERT OR REPLACE INTO ingested_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
            statement.setLong(13, file.linesRead());
            statement.setString(14, file.fieldsLine().orElse(null));
            statement.setString(15, file.logTypeLine().orElse(null));
            statement.setLong(16, file.headCrc());
            statement.setLong(17, file.tailCrc());
            statement.setBoolean(18, file.checkpointed());
            if (file.contentCrc() == FileRecord.UNKNOWN_CRC) {
                statement.setNull(19, java.sql.Types.BIGINT);
            } else {
                statement.setLong(19, file.contentCrc());
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot record " + file.path() + " in the ledger: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
    }

    /**
     * One row of {@code ingested_files}. Server and service are null when unknown, direction for IIS logs. Counts are
     * totals over every read of the file; {@code completeBytes}, {@code linesRead}, {@code fieldsLine} and
     * {@code logTypeLine} say where the next read goes on; {@code headCrc} and {@code tailCrc} are the CRC-32s of
     * the file's first kilobyte and of the 4 KiB before {@code completeBytes} (of what was read, if less), which tell
     * a file that only grew from one that was replaced or rewritten. {@code sizeBytes} is -1 for a file whose read
     * failed or was overtaken by a change to the file: it is read again whole. {@code checkpointed} says that the
     * open connections of its stream at its start were recorded ({@link ConnectionCheckpoints}), none open included.
     * {@code contentCrc} is the CRC-32 of all of the first {@code completeBytes}, so a file whose modification time
     * alone changed is not read again.
     */
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
            long problems,
            long linesRead,
            Optional<String> fieldsLine,
            Optional<String> logTypeLine,
            long headCrc,
            long tailCrc,
            boolean checkpointed,
            long contentCrc) {

        /** A CRC not recorded (versions that kept none, a read that failed): judged without it. */
        public static final long UNKNOWN_CRC = -1;

        /** This entry with another modification time, for a file whose content did not change. */
        public FileRecord withModifiedAt(LocalDateTime time) {
            return new FileRecord(
                    path,
                    kind,
                    server,
                    service,
                    direction,
                    sizeBytes,
                    completeBytes,
                    time,
                    dataRows,
                    rejectedLines,
                    problems,
                    linesRead,
                    fieldsLine,
                    logTypeLine,
                    headCrc,
                    tailCrc,
                    checkpointed,
                    contentCrc);
        }
    }
}
