package io.tlsaudit.spark;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A result value of either engine as text, so DuckDB's and Spark's rows compare cell by cell. Only two kinds of value
 * are normalised: timestamps become {@code yyyy-MM-dd HH:mm:ss.SSSSSS} (DuckDB's {@code LocalDateTime}, Spark's
 * {@code LocalDateTime} for {@code TIMESTAMP_NTZ} or {@code Instant} for {@code TIMESTAMP}, read in UTC), and
 * booleans {@code true}/{@code false}; dates are ISO ({@code 2024-03-12}) on both. Text and numbers are taken as they are ({@code Integer} and {@code Long} print
 * alike), lists item by item, NULL as {@code NULL}.
 */
final class CellText {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    private CellText() {}

    static String of(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof LocalDateTime time) {
            return TIMESTAMP.format(time);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof Instant instant) {
            return TIMESTAMP.format(instant.atOffset(ZoneOffset.UTC));
        }
        if (value instanceof Boolean flag) {
            return flag ? "true" : "false";
        }
        if (value instanceof String || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return of(CollectionConverters.asJava(seq));
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(of(item)));
            return items.toString();
        }
        // A type neither engine should return for the exported tables: fail rather than compare its toString().
        String shown = String.valueOf(value);
        throw new IllegalArgumentException(
                "no text form for " + value.getClass().getName() + " ("
                        + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown) + ")");
    }

    /** Each row of {@code rows} as its cells' text. */
    static List<List<String>> rows(List<List<Object>> rows) {
        List<List<String>> text = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>(row.size());
            row.forEach(cell -> cells.add(of(cell)));
            text.add(cells);
        }
        return text;
    }
}
