package io.tlsaudit.report.render;

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
     * Replaces control characters, which peers can put into EHLO names and user agents, so that printing a report
     * cannot move the cursor or recolour a terminal.
     */
    static String visible(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                StringBuilder clean = new StringBuilder(text.length());
                for (int j = 0; j < text.length(); j++) {
                    char c = text.charAt(j);
                    clean.append(Character.isISOControl(c) ? '\uFFFD' : c);
                }
                return clean.toString();
            }
        }
        return text;
    }

    /** True for values that align to the right in a table. */
    static boolean isNumber(Object value) {
        return value instanceof Number;
    }
}
