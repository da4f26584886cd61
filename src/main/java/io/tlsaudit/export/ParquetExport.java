package io.tlsaudit.export;

import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ExportLedger;
import io.tlsaudit.store.ExportLedger.DayState;
import io.tlsaudit.store.ExportLedger.PartitionState;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Writes the database's tables into an export folder as hive-partitioned Parquet, day by day.
 *
 * <p>Every day of the window that holds rows is written (with {@code incremental}, only those whose rows changed
 * since they were last exported to this folder, or that are missing from it, whole or in part). Days outside the
 * window are written only when the folder holds them and their rows changed: a row moved across the window's edge
 * by a later ingest would otherwise be in the export twice, or not at all. Every day the folder holds that holds no
 * rows now is removed. Each table's days are recorded in {@code exported_days} once they are in place.
 */
public final class ParquetExport {

    /**
     * Partitions (day and server folders) one COPY writes at most. DuckDB keeps every partition of a COPY open, each
     * with its own buffers: measured at the export's 256 MB, one COPY of 151 partitions of {@code smtp_sessions}
     * worked and one of 250 ran out of memory, whatever {@code partitioned_write_max_open_files} said. A COPY per
     * 64 keeps memory flat for years of logs from hundreds of servers.
     */
    static final int PARTITIONS_PER_COPY = 64;

    /** What one table's export did; {@code outside} counts the written days that lie outside the window. */
    public record TableResult(
            ExportTable table, int written, int outside, int removed, int unchanged, long rows, long bytes) {}

    /** Where the folder is, and what each table's export did, in table order. */
    public record Result(Path folder, boolean takenOver, List<TableResult> tables) {}

    private final AuditDatabase database;
    private final ExportLedger ledger;

    public ParquetExport(AuditDatabase database) {
        this.database = database;
        this.ledger = database.exportLedger();
    }

    /**
     * Exports {@code days} of every table into {@code out}; {@code takeOver} claims a folder another database or a
     * copy of this one exported to. Warnings (servers renamed for their folders) go to {@code warn}.
     */
    public Result run(Path out, ExportDays days, boolean incremental, boolean takeOver, Consumer<String> warn) {
        Path databaseFile;
        try {
            databaseFile = database.file().toRealPath();
        } catch (IOException e) {
            databaseFile = database.file().toAbsolutePath().normalize();
        }
        try (ExportFolder folder = ExportFolder.claim(out, ledger.databaseId(), databaseFile, takeOver)) {
            if (folder.takenOver()) {
                ledger.forget(folder.root());
            }
            List<TableResult> results = new ArrayList<>();
            for (ExportTable table : ExportTable.values()) {
                ledger.renamedServers(table.renamedServers())
                        .forEach((server, partition) -> warn.accept(table.tableName() + ": server '" + capped(server)
                                + "' cannot be a partition folder's name as it is; exported as server=" + partition));
                results.add(export(folder, table, days, incremental));
            }
            folder.finish();
            return new Result(folder.root(), folder.takenOver(), results);
        } catch (IOException e) {
            throw ExportFolder.failure(out, e);
        }
    }

    private TableResult export(ExportFolder folder, ExportTable table, ExportDays days, boolean incremental)
            throws IOException {
        Path location = folder.root();
        folder.createTableFolder(table);
        List<PartitionState> partitions = ledger.partitions(table.select());
        Map<LocalDate, List<PartitionState>> byDay = new TreeMap<>();
        partitions.forEach(
                p -> byDay.computeIfAbsent(p.day(), day -> new ArrayList<>()).add(p));
        Map<LocalDate, DayState> before = ledger.exportedDays(location, table.tableName());
        TreeSet<LocalDate> present = folder.days(table);

        List<DayState> toWrite = new ArrayList<>();
        Map<LocalDate, List<PartitionState>> toCopy = new TreeMap<>();
        int outside = 0;
        int unchanged = 0;
        for (Map.Entry<LocalDate, List<PartitionState>> day : byDay.entrySet()) {
            DayState state = dayState(day.getKey(), day.getValue());
            boolean inFolder = present.contains(state.day());
            boolean changed = !state.equals(before.get(state.day()))
                    || !inFolder
                    || folder.serverFolders(table, state.day())
                            != day.getValue().size();
            boolean inWindow = days.contains(state.day());
            boolean write =
                    inWindow ? !incremental || changed : changed && (inFolder || before.containsKey(state.day()));
            if (write) {
                toWrite.add(state);
                toCopy.put(day.getKey(), day.getValue());
                outside += inWindow ? 0 : 1;
            } else if (inWindow || inFolder) {
                unchanged++;
            }
        }
        Set<LocalDate> toRemove = new TreeSet<>(before.keySet());
        toRemove.addAll(present);
        toRemove.removeAll(byDay.keySet());

        long rows = copy(folder, table, toCopy);
        long bytes = folder.stagedBytes(table);
        for (DayState day : toWrite) {
            folder.replace(table, day.day());
        }
        for (LocalDate day : toRemove) {
            folder.remove(table, day);
        }
        ledger.record(location, table.tableName(), toWrite, toRemove);
        return new TableResult(table, toWrite.size(), outside, toRemove.size(), unchanged, rows, bytes);
    }

    /**
     * Writes the partitions of {@code days} into the staging folder, whole days together up to
     * {@link #PARTITIONS_PER_COPY} partitions a COPY and a day with more in parts by server, gathers them into their
     * days, and checks that every row and every day arrived; returns the rows written.
     */
    private long copy(ExportFolder folder, ExportTable table, Map<LocalDate, List<PartitionState>> days)
            throws IOException {
        long rows = 0;
        int batch = 0;
        List<LocalDate> together = new ArrayList<>();
        int partitions = 0;
        for (Map.Entry<LocalDate, List<PartitionState>> day : days.entrySet()) {
            int size = day.getValue().size();
            if (!together.isEmpty() && partitions + size > PARTITIONS_PER_COPY) {
                rows += copyBatch(folder, table, together, Optional.empty(), batch++);
                together = new ArrayList<>();
                partitions = 0;
            }
            if (size <= PARTITIONS_PER_COPY) {
                together.add(day.getKey());
                partitions += size;
                continue;
            }
            List<String> servers =
                    day.getValue().stream().map(PartitionState::server).toList();
            for (int from = 0; from < servers.size(); from += PARTITIONS_PER_COPY) {
                List<String> part = servers.subList(from, Math.min(servers.size(), from + PARTITIONS_PER_COPY));
                rows += copyBatch(folder, table, List.of(day.getKey()), Optional.of(part), batch++);
            }
        }
        if (!together.isEmpty()) {
            rows += copyBatch(folder, table, together, Optional.empty(), batch);
        }
        long expected = days.values().stream()
                .flatMap(List::stream)
                .mapToLong(PartitionState::rows)
                .sum();
        Set<LocalDate> gathered = folder.gather(table);
        if (rows != expected || !gathered.equals(days.keySet())) {
            throw new ExportFailure(table.tableName() + ": DuckDB wrote " + rows + " rows in " + gathered.size()
                    + " days where the database holds " + expected + " rows in " + days.size()
                    + "; nothing of this table was replaced");
        }
        return rows;
    }

    /** One COPY of {@code table}'s rows of {@code days} (with {@code servers}, only theirs) into batch {@code number}. */
    private long copyBatch(
            ExportFolder folder, ExportTable table, List<LocalDate> days, Optional<List<String>> servers, int number)
            throws IOException {
        return ledger.copy(table.select(), table.dayColumn(), days, servers, folder.batch(table, number));
    }

    /** A name from a share's folders, cut for a message: it may be of any length. */
    private static String capped(String server) {
        return server.length() <= 100 ? server : server.substring(0, 100) + "...";
    }

    private static DayState dayState(LocalDate day, List<PartitionState> partitions) {
        long rows = 0;
        BigInteger fingerprint = BigInteger.ZERO;
        for (PartitionState partition : partitions) {
            rows += partition.rows();
            fingerprint = fingerprint.add(partition.fingerprint());
        }
        return new DayState(day, rows, fingerprint);
    }
}
