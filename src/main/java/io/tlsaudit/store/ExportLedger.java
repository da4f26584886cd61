package io.tlsaudit.store;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The database side of {@code export}: what each table holds per partition (day and server) now, what was last
 * exported per folder, table and day ({@code exported_days}), and the {@code COPY} that writes partitions as
 * Parquet. A partition's fingerprint is the count and the sum of DuckDB's {@code hash()} of its rows, so any change
 * to a row, a row added or removed, and a pending connection replaced by its later state all change it, whatever
 * path the ingest took. (DuckDB's hash may differ between DuckDB versions; then every day reads as changed once,
 * and is written again.)
 */
public final class ExportLedger {

    /** One partition of one table now: its rows and fingerprint. {@code server} may be null. */
    public record PartitionState(LocalDate day, String server, long rows, BigInteger fingerprint) {}

    /** One day of one table: its rows and fingerprint, the sums over its partitions. */
    public record DayState(LocalDate day, long rows, BigInteger fingerprint) {}

    private final AuditDatabase database;
    private final Connection connection;

    ExportLedger(AuditDatabase database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    /** The partitions of {@code select} (a query with a DATE column {@code day} and {@code server}), in order. */
    public List<PartitionState> partitions(String select) {
        String sql = "SELECT day, server, count(*), sum(hash(exported)::HUGEINT) FROM (" + select + ") exported"
                + " GROUP BY day, server ORDER BY day, server NULLS FIRST";
        List<PartitionState> partitions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery(sql)) {
            while (r.next()) {
                partitions.add(new PartitionState(
                        r.getObject(1, LocalDate.class), r.getString(2), r.getLong(3), bigInteger(r.getObject(4))));
            }
        } catch (SQLException e) {
            throw failure("read the partitions to export", e);
        }
        return partitions;
    }

    /**
     * The servers an export names otherwise, each with its partition name: the rows of {@code select}, a query of
     * two text columns.
     */
    public Map<String, String> renamedServers(String select) {
        Map<String, String> pairs = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery(select)) {
            while (r.next()) {
                pairs.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw failure("read the server names to export", e);
        }
        return pairs;
    }

    /** The days of {@code table} last exported to {@code location}, by day. */
    public Map<LocalDate, DayState> exportedDays(Path location, String table) {
        Map<LocalDate, DayState> days = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT day, row_count, fingerprint FROM"
                + " exported_days WHERE location = ? AND table_name = ? ORDER BY day")) {
            statement.setString(1, location.toString());
            statement.setString(2, table);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    LocalDate day = r.getObject(1, LocalDate.class);
                    days.put(day, new DayState(day, r.getLong(2), bigInteger(r.getObject(3))));
                }
            }
        } catch (SQLException e) {
            throw failure("read what was exported to " + location, e);
        }
        return days;
    }

    /**
     * Writes the rows of {@code select} on {@code days} into {@code folder} as Parquet files partitioned by
     * {@code day} and {@code server} ({@code folder/day=2024-03-11/server=EX01/data_0.parquet}), the partition
     * columns only in the path, values URL-encoded and NULL as {@code __HIVE_DEFAULT_PARTITION__}, as Hive, Spark
     * and Trino expect. With {@code servers}, only their rows (a day with too many servers for one COPY is written
     * in parts). {@code dayColumn}, the timestamp {@code day} is the date of, narrows the scan to the days. Returns
     * the rows written.
     */
    public long copy(
            String select,
            Optional<String> dayColumn,
            List<LocalDate> days,
            Optional<List<String>> servers,
            Path folder) {
        StringJoiner dayList = new StringJoiner(", ", "(", ")");
        days.forEach(day -> dayList.add("DATE '" + day + "'"));
        StringBuilder where = new StringBuilder(" WHERE exported.day IN " + dayList);
        // Numbered parameters: DuckDB binds a COPY's target before the parameters of its query.
        dayColumn.ifPresent(
                column -> where.append(" AND exported.\"" + column + "\" >= $2 AND exported.\"" + column + "\" < $3"));
        if (servers.isPresent()) {
            stageServers(servers.get());
            where.append(" AND (exported.server IN (SELECT server FROM export_servers)"
                    + (servers.get().contains(null) ? " OR exported.server IS NULL)" : ")"));
        }
        // zstd, read by Spark, Trino and DuckDB: the benchmark share's smtp_sessions in 9.1 MB against snappy's
        // 15.6 MB. It costs about 6 ms more per file, which shows only with partitions of a few hundred rows.
        String sql = "COPY (SELECT exported.* FROM (" + select + ") exported" + where
                + ") TO $1 (FORMAT parquet, PARTITION_BY (day, server), COMPRESSION zstd)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, folder.toString());
            if (dayColumn.isPresent()) {
                statement.setObject(
                        2, days.stream().min(LocalDate::compareTo).orElseThrow().atStartOfDay());
                statement.setObject(
                        3,
                        days.stream()
                                .max(LocalDate::compareTo)
                                .orElseThrow()
                                .plusDays(1)
                                .atStartOfDay());
            }
            statement.execute();
            return statement.getLargeUpdateCount();
        } catch (SQLException e) {
            throw failure("write Parquet files to " + folder, e);
        }
    }

    /** Server names go through a table, never into SQL text: they come from folder names on a share. */
    private void stageServers(List<String> servers) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE export_servers (server VARCHAR)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO export_servers VALUES (?)")) {
                for (String server : servers) {
                    insert.setString(1, server);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw failure("list the servers to export", e);
        }
    }

    /**
     * Records that {@code written} days of {@code table} are now in {@code location} as they are, and that
     * {@code removed} days are gone from it, then commits.
     */
    public void record(Path location, String table, List<DayState> written, Collection<LocalDate> removed) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM exported_days WHERE location = ? AND table_name = ? AND day = ?");
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO exported_days VALUES (?, ?, ?, ?, ?::HUGEINT, ?)")) {
            List<LocalDate> replaced = new ArrayList<>(removed);
            written.forEach(state -> replaced.add(state.day()));
            for (LocalDate day : replaced) {
                delete.setString(1, location.toString());
                delete.setString(2, table);
                delete.setObject(3, day);
                delete.addBatch();
            }
            delete.executeBatch();
            for (DayState state : written) {
                insert.setString(1, location.toString());
                insert.setString(2, table);
                insert.setObject(3, state.day());
                insert.setLong(4, state.rows());
                insert.setString(5, state.fingerprint().toString());
                insert.setObject(6, now);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw failure("record what was exported to " + location, e);
        }
        database.commit();
    }

    /** Forgets what was exported to {@code location}, so every day of it is written again; commits. */
    public void forget(Path location) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM exported_days WHERE location = ?")) {
            delete.setString(1, location.toString());
            delete.execute();
        } catch (SQLException e) {
            throw failure("forget what was exported to " + location, e);
        }
        database.commit();
    }

    /** This database's identity, made at the first call and kept. */
    public String databaseId() {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet r = statement.executeQuery("SELECT min(id) FROM database_identity")) {
                r.next();
                String id = r.getString(1);
                if (id != null) {
                    return id;
                }
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO database_identity VALUES (?)")) {
                insert.setString(1, id);
                insert.execute();
            }
            database.commit();
            return id;
        } catch (SQLException e) {
            throw failure("read the database's identity", e);
        }
    }

    private static BigInteger bigInteger(Object value) {
        return value instanceof BigInteger big ? big : new BigInteger(String.valueOf(value));
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException(
                "cannot " + what + " in " + database.file() + ": " + AuditDatabase.firstLine(e.getMessage()), e);
    }
}
