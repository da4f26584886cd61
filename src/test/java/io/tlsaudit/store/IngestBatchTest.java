package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.parse.LineProblem;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch's rows become part of the database only with its commit, its ledger entries alongside. */
class IngestBatchTest {

    @TempDir
    Path folder;

    @Test
    void problemsOfABatchThatIsNotCommittedAreNotStored() throws SQLException {
        Path file = folder.resolve("audit.duckdb");
        try (AuditDatabase database = AuditDatabase.openForWriting(file);
                IngestBatch batch = database.ingestBatch()) {
            batch.commit(); // an earlier batch
            batch.problem(new LineProblem("/logs/RECV2026110208-1.LOG", 3, "expected 9 columns, found 4", "x"));
            // the run fails here: no commit
        }
        try (AuditDatabase database = AuditDatabase.openReadOnly(file)) {
            assertEquals(
                    List.of(List.of(0L)),
                    database.query("SELECT count(*) FROM ingest_errors", List.of())
                            .rows());
        }
    }

    @Test
    void problemsOfACommittedBatchAreStored() throws SQLException {
        Path file = folder.resolve("audit.duckdb");
        try (AuditDatabase database = AuditDatabase.openForWriting(file);
                IngestBatch batch = database.ingestBatch()) {
            batch.problem(new LineProblem("/logs/RECV2026110208-1.LOG", 3, "expected 9 columns, found 4", "x"));
            batch.commit();
        }
        try (AuditDatabase database = AuditDatabase.openReadOnly(file)) {
            assertEquals(
                    List.of(List.of("/logs/RECV2026110208-1.LOG", 3L, "expected 9 columns, found 4")),
                    database.query("SELECT source_file, line, reason FROM ingest_errors", List.of())
                            .rows());
        }
    }

    /**
     * A batch committed with one row of {@code table}, then a full part and more (a part is loaded before any commit)
     * that the run never commits: only the first row is stored.
     */
    private void onlyTheCommittedRowIsStored(String table, BiConsumer<IngestBatch, Integer> addRow)
            throws SQLException {
        Path file = folder.resolve("audit.duckdb");
        try (AuditDatabase database = AuditDatabase.openForWriting(file);
                IngestBatch batch = database.ingestBatch()) {
            addRow.accept(batch, 0);
            batch.commit();
            for (int i = 1; i <= TableLoader.PART_ROWS + 10; i++) {
                addRow.accept(batch, i);
            }
            // the run fails here: no commit; closing loads the rest of the part into the open transaction
        }
        try (AuditDatabase database = AuditDatabase.openReadOnly(file)) {
            assertEquals(
                    List.of(List.of(1L)),
                    database.query("SELECT count(*) FROM " + table, List.of()).rows());
        }
    }

    @Test
    void connectionsOfABatchThatIsNotCommittedAreNotStored() throws SQLException {
        onlyTheCommittedRowIsStored(
                "smtp_sessions", (batch, i) -> batch.finished(SmtpSessionColumnsTest.everyColumnDistinct(i % 2 == 0)));
    }

    @Test
    void requestsOfABatchThatIsNotCommittedAreNotStored() throws SQLException {
        onlyTheCommittedRowIsStored("iis_requests", (batch, i) -> batch.request(IisRequestColumnsTest.group(i)));
    }
}
