package io.tlsaudit.report;

import static java.util.Objects.requireNonNull;

import io.tlsaudit.store.ResultTable;

/**
 * One section of a report: a named query's result with the words that explain it.
 *
 * @param id stable identifier, the query name ({@code legacy-peers}); JSON and CSV consumers key on it
 * @param title heading for people
 * @param explanation what the rows mean and what to do about them
 * @param whenEmpty what an empty result means, said instead of an empty table
 */
public record ReportSection(String id, String title, String explanation, String whenEmpty, ResultTable table) {
    public ReportSection {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(explanation, "explanation is null");
        requireNonNull(whenEmpty, "whenEmpty is null");
        requireNonNull(table, "table is null");
    }
}
