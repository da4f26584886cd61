package io.tlsaudit.report.render;

import io.tlsaudit.report.Report;
import io.tlsaudit.store.ResultRows;
import io.tlsaudit.store.ResultTable;
import java.io.PrintWriter;
import java.sql.SQLException;

/** Turns format-neutral results into one output format. Renderers never close the writer. */
public interface Renderer {

    /**
     * Rows a table renderer reads ahead to size and align its columns; later rows are printed as they come, so a
     * result of any size is printed with bounded memory.
     */
    int FIRST_PAGE = 1000;

    /** Renders a whole report. */
    void renderReport(Report report, PrintWriter out);

    /** Renders the result of one query, reading its rows as they come. */
    void renderRows(ResultRows rows, PrintWriter out) throws SQLException;

    /** Renders the result of one query held in memory. */
    default void renderTable(ResultTable table, PrintWriter out) {
        try {
            renderRows(table.cursor(), out);
        } catch (SQLException e) {
            throw new IllegalStateException("an in-memory table cannot fail", e);
        }
    }
}
