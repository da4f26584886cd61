package io.tlsaudit.report.render;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.store.ResultRows;
import io.tlsaudit.store.ResultTable;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Aligned plain-text tables for a terminal, every line at most {@link #DEFAULT_WIDTH} display columns (see
 * {@link DisplayWidth}) unless built {@link #wide()}. A table wider than that wraps, as {@link TableLayout} decides; one
 * with too many columns for any table to fit is printed one block per row. Nothing is cut: every cell is printed
 * whole.
 */
final class TextTableRenderer implements Renderer {

    /** Display columns a line may take. */
    static final int DEFAULT_WIDTH = 120;

    private static final int NO_LIMIT = Integer.MAX_VALUE;
    /** The explanation paragraphs wrap here: prose reads better narrower than a table. */
    private static final int TEXT_WIDTH = 100;
    /** Column names in blocks and in the overview wrap beyond this, so long names leave room for the values. */
    private static final int LABEL_LIMIT = 32;

    private static final String INDENT = "  ";
    private static final String BLOCKS_NOTE =
            "(one block per row: the table does not fit %d columns; --wide prints it as a table)";

    private final int width;

    TextTableRenderer() {
        this(DEFAULT_WIDTH);
    }

    /** Lines of at most {@code width} display columns. */
    TextTableRenderer(int width) {
        if (width < 40) {
            throw new IllegalArgumentException("a line of " + width + " columns is too narrow for a table");
        }
        this.width = width;
    }

    /** One line per row, every cell whole, however wide: {@code --wide}. */
    static TextTableRenderer wide() {
        return new TextTableRenderer(NO_LIMIT);
    }

    private boolean limited() {
        return width != NO_LIMIT;
    }

    @Override
    public void renderReport(Report report, PrintWriter out) {
        out.println(report.title());
        out.println("=".repeat(DisplayWidth.of(report.title())));
        out.println("Database:  " + Cells.visible(report.database()));
        out.println("Window:    " + Windows.describe(report.window()));
        out.println();
        renderOverview(report.overview(), out);
        for (ReportSection section : report.sections()) {
            out.println();
            String heading = section.title() + " (" + section.id() + ")";
            out.println(heading);
            out.println("-".repeat(DisplayWidth.of(heading)));
            for (String line : wrap(section.explanation())) {
                out.println(line);
            }
            out.println();
            if (section.table().rows().isEmpty()) {
                for (String line : limited() ? wrap(section.whenEmpty()) : List.of(section.whenEmpty())) {
                    out.println(INDENT + line);
                }
            } else {
                renderTable(section.table(), out);
            }
        }
    }

    private void renderOverview(ReportSection overview, PrintWriter out) {
        ResultTable table = overview.table();
        out.println(overview.title());
        out.println("-".repeat(DisplayWidth.of(overview.title())));
        if (table.rows().isEmpty()) {
            out.println(INDENT + overview.whenEmpty());
            return;
        }
        // An edited overview.sql can name its columns from data: they are shown like cells.
        List<String> names = table.columns().stream().map(Cells::visible).toList();
        printFields(names, texts(table.rows().get(0)), labelWidth(names), out);
    }

    /**
     * Columns are sized and aligned from the first {@value Renderer#FIRST_PAGE} rows; a later, longer cell widens
     * only its own line, and text wraps where the line would grow wider than the limit.
     */
    @Override
    public void renderRows(ResultRows rows, PrintWriter out) throws SQLException {
        List<List<Object>> firstPage = FirstPage.read(rows);
        render(rows.columns(), firstPage, rows, out);
    }

    /** A table in memory is sized from all its rows, so none of its lines is wider than the others. */
    @Override
    public void renderTable(ResultTable table, PrintWriter out) {
        try {
            render(table.columns(), table.rows(), new ResultTable(table.columns(), List.of()).cursor(), out);
        } catch (SQLException e) {
            throw new IllegalStateException("an in-memory table cannot fail", e);
        }
    }

    private void render(List<String> columnNames, List<List<Object>> readAhead, ResultRows rest, PrintWriter out)
            throws SQLException {
        // Column names can come from data too (a PIVOT over peer names): shown like cells.
        List<String> names = columnNames.stream().map(Cells::visible).toList();
        int count = names.size();
        int[] cellWidths = new int[count];
        boolean[] numeric = new boolean[count];
        boolean[] wrappable = new boolean[count];
        Arrays.fill(numeric, true);
        boolean[] seen = new boolean[count];
        List<String[]> texts = new ArrayList<>(readAhead.size());
        for (List<Object> row : readAhead) {
            String[] cells = texts(row);
            for (int i = 0; i < count; i++) {
                cellWidths[i] = Math.max(cellWidths[i], DisplayWidth.of(cells[i]));
                Object value = row.get(i);
                numeric[i] &= value == null || Cells.isNumber(value);
                wrappable[i] |= value != null && !isShort(value);
                seen[i] |= value != null;
            }
            texts.add(cells);
        }
        for (int i = 0; i < count; i++) {
            // a column of nulls so far may hold text later: only values decide that a column never wraps
            wrappable[i] |= !seen[i];
        }
        TableLayout layout = limited()
                ? TableLayout.fit(names, cellWidths, wrappable, width)
                : TableLayout.natural(names, cellWidths);
        long printed = layout.blocks()
                ? printBlocks(names, texts, rest, out)
                : printTable(names, layout.widths(), numeric, wrappable, texts, rest, out);
        out.println("(" + printed + (printed == 1 ? " row)" : " rows)"));
    }

    private long printTable(
            List<String> names,
            int[] widths,
            boolean[] numeric,
            boolean[] wrappable,
            List<String[]> readAhead,
            ResultRows rest,
            PrintWriter out)
            throws SQLException {
        int count = names.size();
        List<List<String>> header = new ArrayList<>(count);
        List<List<String>> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            header.add(
                    limited()
                            ? TextWrap.lines(names.get(i), widths[i], TextWrap.Breaks.SPACES_AND_UNDERSCORES)
                            : List.of(names.get(i)));
            rules.add(List.of("-".repeat(widths[i])));
        }
        boolean[] leftAligned = new boolean[count];
        TableLines.print(out, "", header, widths, leftAligned);
        TableLines.print(out, "", rules, widths, leftAligned);
        for (String[] cells : readAhead) {
            printRow(cells, widths, numeric, wrappable, out);
        }
        long printed = readAhead.size();
        List<Object> row;
        while ((row = rest.next()) != null) {
            printRow(texts(row), widths, numeric, wrappable, out);
            printed++;
        }
        return printed;
    }

    private void printRow(String[] cells, int[] widths, boolean[] numeric, boolean[] wrappable, PrintWriter out) {
        List<List<String>> lines = new ArrayList<>(cells.length);
        if (!limited()) {
            for (String cell : cells) {
                lines.add(List.of(cell));
            }
            TableLines.print(out, "", lines, widths, numeric);
            return;
        }
        // A cell longer than those read ahead widens its own line, as far as the line allows: a number always (the
        // text on its line gives room back), text up to the width, beyond which it wraps.
        int[] rowWidths = widths.clone();
        for (int i = 0; i < cells.length; i++) {
            if (!wrappable[i]) {
                rowWidths[i] = Math.max(rowWidths[i], DisplayWidth.of(cells[i]));
            }
        }
        int[] floors = new int[cells.length];
        Arrays.fill(floors, 1);
        TableLayout.narrow(rowWidths, wrappable, floors, width);
        long spare = width - TableLayout.total(rowWidths);
        for (int i = 0; i < cells.length && spare > 0; i++) {
            int overflow = DisplayWidth.of(cells[i]) - rowWidths[i];
            if (wrappable[i] && overflow > 0) {
                int grow = (int) Math.min(spare, overflow);
                rowWidths[i] += grow;
                spare -= grow;
            }
        }
        for (int i = 0; i < cells.length; i++) {
            lines.add(
                    wrappable[i] ? TextWrap.lines(cells[i], rowWidths[i], TextWrap.Breaks.SPACES) : List.of(cells[i]));
        }
        TableLines.print(out, "", lines, rowWidths, numeric);
    }

    /** Each row as {@code name  value} lines under a {@code row N} line: for a table too wide for any layout. */
    private long printBlocks(List<String> names, List<String[]> readAhead, ResultRows rest, PrintWriter out)
            throws SQLException {
        int labelWidth = labelWidth(names);
        long printed = 0;
        for (String[] cells : readAhead) {
            printBlock(++printed, names, cells, labelWidth, out);
        }
        List<Object> row;
        while ((row = rest.next()) != null) {
            printBlock(++printed, names, texts(row), labelWidth, out);
        }
        return printed;
    }

    private void printBlock(long number, List<String> names, String[] cells, int labelWidth, PrintWriter out) {
        if (number == 1) {
            out.println(String.format(Locale.ROOT, BLOCKS_NOTE, width));
        }
        out.println("row " + number);
        printFields(names, cells, labelWidth, out);
    }

    /** {@code name  value} lines, indented, the values aligned and wrapped to the line. */
    private void printFields(List<String> names, String[] cells, int labelWidth, PrintWriter out) {
        int[] widths = {labelWidth, width == NO_LIMIT ? NO_LIMIT : width - INDENT.length() - labelWidth - 2};
        boolean[] leftAligned = new boolean[2];
        for (int i = 0; i < names.size(); i++) {
            List<List<String>> field = limited()
                    ? List.of(
                            TextWrap.lines(names.get(i), labelWidth, TextWrap.Breaks.SPACES_AND_UNDERSCORES),
                            TextWrap.lines(cells[i], widths[1], TextWrap.Breaks.SPACES))
                    : List.of(List.of(names.get(i)), List.of(cells[i]));
            TableLines.print(out, INDENT, field, widths, leftAligned);
        }
    }

    private int labelWidth(List<String> names) {
        int widest = names.stream().mapToInt(DisplayWidth::of).max().orElse(0);
        return limited() ? Math.min(widest, LABEL_LIMIT) : widest;
    }

    /** Numbers, yes/no and timestamps: values that are never broken across lines. */
    private static boolean isShort(Object value) {
        return value instanceof Number || value instanceof Boolean || value instanceof Temporal;
    }

    private static String[] texts(List<Object> row) {
        String[] texts = new String[row.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = Cells.forPeople(row.get(i));
        }
        return texts;
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : TextWrap.lines(text, TEXT_WIDTH, TextWrap.Breaks.SPACES)) {
            lines.add(line.stripTrailing());
        }
        return lines;
    }
}
