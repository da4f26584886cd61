package io.tlsaudit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBAppender;

/**
 * The {@code ingested_files} table: which files were read, how far, and what they yielded. A file unchanged since
 * it was read is skipped, so ingesting the same share twice stores each connection once.
 */
public final class IngestLedger {

    private final Connection connection;

    IngestLedger(Connection connection) {
        this.connection = connection;
    }

    private static final String COLUMNS = "path, kind, server, service, direction, size_bytes, complete_bytes,"
            + " modified_at, data_rows, rejected_lines, problems, lines_read, fields_line, log_type_line, head_crc,"
            + " tail_crc, checkpointed, content_crc";

    /**
     * Every entry, by path: a run plans all its files against the ledger with one query, where one lookup per file
     * would cost more than reading an unchanged share's file list.
     */
    public Map<String, FileRecord> all() {
        Map<String, FileRecord> entries = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery("SELECT " + COLUMNS + " FROM ingested_files")) {
            while (r.next()) {
                FileRecord entry = read(r);
                entries.put(entry.path(), entry);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the ledger: " + AuditDatabase.firstLine(e.getMessage()), e);
        }
        return entries;
    }

    private static FileRecord read(ResultSet r) throws SQLException {
        return new FileRecord(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getLong(6),
                r.getLong(7),
                r.getObject(8, LocalDateTime.class),
                r.getLong(9),
                r.getLong(10),
                r.getLong(11),
                r.getLong(12),
                Optional.ofNullable(r.getString(13)),
                Optional.ofNullable(r.getString(14)),
                r.getLong(15),
                r.getObject(16) == null ? FileRecord.UNKNOWN_CRC : r.getLong(16),
                r.getBoolean(17),
                r.getObject(18) == null ? FileRecord.UNKNOWN_CRC : r.getLong(18));
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

    static final String TABLE = "ingested_files";

    /** Paths per DELETE statement. */
    private static final int PATHS_PER_STATEMENT = 200;

    /** Removes the entries of {@code paths}, before their new ones are appended. */
    void deleteEntries(Collection<String> paths) {
        List<String> all = new ArrayList<>(paths);
        for (int from = 0; from < all.size(); from += PATHS_PER_STATEMENT) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + PATHS_PER_STATEMENT));
            String sql = "DELETE FROM " + TABLE + " WHERE path IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException(
                        "cannot replace ledger entries: " + AuditDatabase.firstLine(e.getMessage()), e);
            }
        }
    }

    /** Appends one entry in the column order of {@code ingested_files}. */
    static void append(DuckDBAppender appender, FileRecord file, LocalDateTime ingestedAt) throws SQLException {
        appender.beginRow();
        appender.append(file.path());
        appender.append(file.kind());
        appender.append(file.server());
        appender.append(file.service());
        appender.append(file.direction());
        appender.append(file.sizeBytes());
        appender.append(file.completeBytes());
        appender.append(file.modifiedAt());
        appender.append(file.dataRows());
        appender.append(file.rejectedLines());
        appender.append(file.problems());
        appender.append(ingestedAt);
        appender.append(file.linesRead());
        appender.append(file.fieldsLine().orElse(null));
        appender.append(file.logTypeLine().orElse(null));
        appender.append(file.headCrc());
        appender.append(file.tailCrc());
        appender.append(file.checkpointed());
        if (file.contentCrc() == FileRecord.UNKNOWN_CRC) {
            appender.appendNull();
        } else {
            appender.append(file.contentCrc());
        }
        appender.endRow();
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

        /**
         * This entry as the entry of the same log found under another name (moved, renamed, copied): the same content
         * read up to the same point, but no connections recorded at its start under the new name.
         */
        public FileRecord withoutCheckpoint() {
            return copy(path, sizeBytes, modifiedAt, false);
        }

        /**
         * This entry for a file whose bytes read are unchanged, found as {@code atPath} with {@code size} and
         * {@code time}: a file only touched, or the same log moved, renamed or packed into an archive.
         */
        public FileRecord foundAs(String atPath, long size, LocalDateTime time) {
            return copy(atPath, size, time, checkpointed);
        }

        private FileRecord copy(String atPath, long size, LocalDateTime time, boolean withCheckpoint) {
            return new FileRecord(
                    atPath,
                    kind,
                    server,
                    service,
                    direction,
                    size,
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
                    withCheckpoint,
                    contentCrc);
        }
    }
}
