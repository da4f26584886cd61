package io.tlsaudit.report.render;

import java.util.Arrays;
import java.util.List;

/**
 * How the columns of a table share a line of at most {@code width} display columns, decided from the column names and
 * the widths of the cells read ahead.
 *
 * <p>A table that fits keeps its natural widths. One that does not is narrowed in two steps, the cheaper first: column
 * names wider than their cells wrap after {@code _} ({@code legacy_} over {@code connections}: one more header line),
 * then the widest text columns wrap their cells, down to {@link #NARROWEST_TEXT} columns. Numbers, yes/no, timestamps
 * and text no wider than that are never wrapped. A table that still does not fit has too many columns for the line: it
 * is printed as one block per row, every cell whole, rather than with cells cut to a few characters.
 */
final class TableLayout {

    /** Text columns are not wrapped narrower than this: peer names and ciphers stay readable. */
    static final int NARROWEST_TEXT = 18;

    static final String SEPARATOR = "  ";

    private final int[] widths;
    private final boolean blocks;

    private TableLayout(int[] widths, boolean blocks) {
        this.widths = widths;
        this.blocks = blocks;
    }

    /** Column widths; meaningless for {@link #blocks()}. */
    int[] widths() {
        return widths.clone();
    }

    /** True when the table is printed one block per row. */
    boolean blocks() {
        return blocks;
    }

    /** Every column as wide as its widest cell or name, however wide the line: {@code --wide}. */
    static TableLayout natural(List<String> names, int[] cellWidths) {
        return new TableLayout(naturalWidths(names, cellWidths), false);
    }

    /**
     * The layout of a table in {@code width} columns.
     *
     * @param names the column names as printed
     * @param cellWidths per column, the widest cell read ahead, 0 for none
     * @param wrappable per column, true for text that may wrap onto more lines
     */
    static TableLayout fit(List<String> names, int[] cellWidths, boolean[] wrappable, int width) {
        int[] natural = naturalWidths(names, cellWidths);
        if (total(natural) <= width) {
            return new TableLayout(natural, false);
        }
        int count = names.size();
        // nameFloors: the narrowest a column gets with only its name wrapped; floors: with its cells wrapped too
        int[] nameFloors = new int[count];
        int[] floors = new int[count];
        for (int i = 0; i < count; i++) {
            int name = TextWrap.narrowest(names.get(i), TextWrap.Breaks.SPACES_AND_UNDERSCORES);
            if (wrappable[i]) {
                // a text column's name is text too: one longer than a wrapped column is broken like its cells
                nameFloors[i] = Math.max(cellWidths[i], Math.min(name, NARROWEST_TEXT));
                floors[i] = Math.min(Math.max(cellWidths[i], name), NARROWEST_TEXT);
            } else {
                nameFloors[i] = Math.max(cellWidths[i], name);
                floors[i] = nameFloors[i];
            }
        }
        if (total(floors) > width) {
            return new TableLayout(natural, true);
        }
        int[] widths = natural.clone();
        boolean[] nameWider = new boolean[count];
        for (int i = 0; i < count; i++) {
            nameWider[i] = DisplayWidth.of(names.get(i)) > cellWidths[i];
        }
        narrow(widths, nameWider, nameFloors, width);
        for (int i = 0; i < count; i++) {
            if (nameWider[i]) {
                // A name wrapped after '_' may need less than the width it was given; the rest goes to the text.
                widths[i] = Math.max(cellWidths[i], widest(names.get(i), widths[i]));
            }
        }
        narrow(widths, wrappable, floors, width);
        return new TableLayout(widths, false);
    }

    /**
     * Narrows the widest {@code chosen} columns to a common width, never below their {@code floors}, until the line is
     * no wider than {@code width}; as far as the floors allow when it cannot be.
     */
    static void narrow(int[] widths, boolean[] chosen, int[] floors, int width) {
        if (total(widths) <= width) {
            return;
        }
        int widest = 0;
        for (int i = 0; i < widths.length; i++) {
            if (chosen[i]) {
                widest = Math.max(widest, widths[i]);
            }
        }
        for (int cap = widest; cap >= 0; cap--) {
            int[] capped = widths.clone();
            for (int i = 0; i < capped.length; i++) {
                if (chosen[i]) {
                    capped[i] = Math.max(floors[i], Math.min(widths[i], cap));
                }
            }
            long spare = width - total(capped);
            if (spare >= 0 || cap == 0) {
                // the columns cut to the cap share what is left, one column each, from the left
                for (int i = 0; i < capped.length && spare > 0; i++) {
                    if (chosen[i] && capped[i] == cap && widths[i] > cap) {
                        capped[i]++;
                        spare--;
                    }
                }
                System.arraycopy(capped, 0, widths, 0, widths.length);
                return;
            }
        }
    }

    /** The width of a line of {@code widths} columns with their separators. */
    static long total(int[] widths) {
        long total = (long) SEPARATOR.length() * Math.max(0, widths.length - 1);
        for (int width : widths) {
            total += width;
        }
        return total;
    }

    private static int[] naturalWidths(List<String> names, int[] cellWidths) {
        int[] widths = Arrays.copyOf(cellWidths, names.size());
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(widths[i], DisplayWidth.of(names.get(i)));
        }
        return widths;
    }

    private static int widest(String name, int width) {
        int widest = 0;
        for (String line : TextWrap.lines(name, width, TextWrap.Breaks.SPACES_AND_UNDERSCORES)) {
            widest = Math.max(widest, DisplayWidth.of(line.stripTrailing()));
        }
        return widest;
    }
}
