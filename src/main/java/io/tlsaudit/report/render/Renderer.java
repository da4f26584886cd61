package io.tlsaudit.report.render;

import io.tlsaudit.report.Report;
import io.tlsaudit.store.ResultTable;
import java.io.PrintWriter;

/** Turns format-neutral results into one output format. Renderers never close the writer. */
public interface Renderer {

    /** Renders a whole report. */
    void renderReport(Report report, PrintWriter out);

    /** Renders the result of one query. */
    void renderTable(ResultTable table, PrintWriter out);
}
