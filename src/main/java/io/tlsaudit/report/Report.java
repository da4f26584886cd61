package io.tlsaudit.report;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A whole report, format-neutral: renderers in {@code report.render} turn it into a table, CSV, JSON or Markdown.
 *
 * @param title the report's heading
 * @param database the database file it was built from
 * @param generatedAt when it was built, UTC
 * @param window the time range it covers, as asked
 * @param bounds the same with open ends closed on the data
 * @param overview one row of headline numbers
 * @param sections the detailed sections, in reading order
 */
public record Report(
        String title,
        String database,
        LocalDateTime generatedAt,
        ReportWindow window,
        WindowBounds bounds,
        ReportSection overview,
        List<ReportSection> sections) {
    public Report {
        requireNonNull(title, "title is null");
        requireNonNull(database, "database is null");
        requireNonNull(generatedAt, "generatedAt is null");
        requireNonNull(window, "window is null");
        requireNonNull(bounds, "bounds is null");
        requireNonNull(overview, "overview is null");
        sections = List.copyOf(sections);
    }

    /** The section with this id, the overview included. */
    public Optional<ReportSection> section(String id) {
        return Stream.concat(Stream.of(overview), sections.stream())
                .filter(section -> section.id().equals(id))
                .findFirst();
    }
}
