package io.tlsaudit.report.render;

import io.tlsaudit.text.InertText;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** How values read as text, shared by the text formats so they agree. */
final class Cells {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Cells() {}

    /** The text of a value; booleans as {@code yes}/{@code no} for people. */
    static String forPeople(Object value) {
        if (value instanceof Boolean flag) {
            return flag ? "yes" : "no";
        }
        return visible(plain(value));
    }

    /** The text of a value for machines: booleans {@code true}/{@code false}, lists joined by {@code ;}. */
    static String forMachines(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(Cells::forMachines).collect(Collectors.joining(";"));
        }
        return plain(value);
    }

    private static String plain(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDateTime timestamp) {
            return TIMESTAMP.format(timestamp);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(Cells::plain).collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    /**
     * Shows control, bidirectional and zero-width characters, which peers can put into EHLO names and user agents,
     * as {@code <U+XXXX>} (see {@link InertText}), so that printing a report can neither steer a terminal nor reorder
     * what a reader sees.
     */
    static String visible(String text) {
        return InertText.of(text);
    }

    /** True for values that align to the right in a table. */
    static boolean isNumber(Object value) {
        return value instanceof Number;
    }
}
