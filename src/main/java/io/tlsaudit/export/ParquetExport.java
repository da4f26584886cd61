package io.tlsaudit.export;

import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ExportLedger;
import io.tlsaudit.store.ExportLedger.DayState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes the database's tables into an export folder as hive-partitioned Parquet, day by day. Within the days
 * asked for, every day that holds rows is written (with {@code incremental}, only those whose rows changed since
 * they were last exported to this folder, or that are missing from it), and every day that holds none now is
 * removed from the folder; days outside are left as they are. Each table's days are recorded in
 * {@code exported_days} once they are in place.
 */
public final class ParquetExport {

    /** What one table's export did. */
    public record TableResult(ExportTable table, int written, int removed, int unchanged, long rows, long bytes) {}

    private final ExportLedger ledger;

    public ParquetExport(AuditDatabase database) {
        this.ledger = database.exportLedger();
    }

    /** Exports {@code days} of every table into {@code out}; returns what each table's export did, in table order. */
    public List<TableResult> run(Path out, ExportDays days, boolean incremental) {
        try {
            ExportFolder folder = ExportFolder.claim(out, ledger.databaseId());
            List<TableResult> results = new ArrayList<>();
            for (ExportTable table : ExportTable.values()) {
                results.add(export(folder, table, days, incremental));
            }
            folder.finish();
            return results;
        } catch (IOException e) {
            throw new ExportFailure("cannot write the export in " + out + ": " + e, e);
        }
    }

    private TableResult export(ExportFolder folder, ExportTable table, ExportDays days, boolean incremental)
            throws IOException {
        Path location = folder.root();
        // Every table has its folder, also a table without rows (ingest_errors of logs that all read cleanly): Spark's
        // MSCK REPAIR TABLE and Trino's sync_partition_metadata fail on a location that does not exist.
        Files.createDirectories(location.resolve(table.tableName()));
        List<DayState> current = ledger.currentDays(table.select(), days.first(), days.end());
        Map<LocalDate, DayState> before = ledger.exportedDays(location, table.tableName(), days.first(), days.end());
        TreeSet<LocalDate> present = new TreeSet<>(folder.days(table));
        present.removeIf(day -> !days.contains(day));

        List<DayState> toWrite = new ArrayList<>();
        TreeSet<LocalDate> toRemove = new TreeSet<>(before.keySet());
        toRemove.addAll(present);
        for (DayState day : current) {
            toRemove.remove(day.day());
            boolean unchanged = day.equals(before.get(day.day())) && present.contains(day.day());
            if (!incremental || !unchanged) {
                toWrite.add(day);
            }
        }

        long rows = 0;
        long bytes = 0;
        if (!toWrite.isEmpty()) {
            Path staging = folder.stagingFor(table);
            rows = ledger.copyDays(
                    table.select(), toWrite.stream().map(DayState::day).toList(), staging);
            long expected = toWrite.stream().mapToLong(DayState::rows).sum();
            if (rows != expected) {
                throw new ExportFailure(table.tableName() + ": DuckDB wrote " + rows + " rows where the days hold "
                        + expected + "; nothing of this table was replaced");
            }
            bytes = ExportFolder.size(staging);
            for (DayState day : toWrite) {
                Optional<Path> staged = folder.staged(table, day.day());
                if (staged.isEmpty()) {
                    throw new ExportFailure(table.tableName() + ": DuckDB wrote no folder for " + day.day()
                            + ", which holds " + day.rows() + " rows; nothing of this table was replaced");
                }
            }
            for (DayState day : toWrite) {
                folder.replace(table, day.day(), folder.staged(table, day.day()).orElseThrow());
            }
        }
        for (LocalDate day : toRemove) {
            folder.remove(table, day);
        }
        ledger.record(location, table.tableName(), toWrite, toRemove);
        return new TableResult(table, toWrite.size(), toRemove.size(), current.size() - toWrite.size(), rows, bytes);
    }
}
