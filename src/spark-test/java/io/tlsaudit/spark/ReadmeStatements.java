package io.tlsaudit.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL statements of README.md that the Spark profile proves, so the README cannot drift from what was run. A
 * statement block is the fenced block (indented or not) right after a marker line {@code <!-- ENGINE: PURPOSE -->} (for example
 * {@code <!-- spark-sql: create -->}); the blocks of one marker are taken in README order. In a block, statements end
 * with a semicolon at the end of a line, and {@link #LOCATION} stands for the export's root.
 */
final class ReadmeStatements {

    /** The export's root as the README writes it; the tests put their own export folder in its place. */
    static final String LOCATION = "/data/tlsaudit-export";

    private final List<String> lines;

    private ReadmeStatements(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The README of the working directory, the project root under Maven. */
    static ReadmeStatements load() throws IOException {
        return new ReadmeStatements(Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8));
    }

    /**
     * The statements of the blocks marked {@code <!-- marker -->}, in README order, with {@link #LOCATION} replaced
     * by {@code location}.
     *
     * @throws IllegalStateException when no block has that marker, or a marker is not followed by a fenced block
     */
    List<String> statements(String marker, Path location) {
        String markerLine = "<!-- " + marker + " -->";
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(markerLine)) {
                statements.addAll(split(block(i + 1, markerLine)));
            }
        }
        if (statements.isEmpty()) {
            throw new IllegalStateException("README.md has no SQL block after " + markerLine);
        }
        String root = location.toAbsolutePath().toString();
        return statements.stream().map(s -> s.replace(LOCATION, root)).toList();
    }

    /** The lines of the fenced block that starts on the first non-blank line from {@code from} (0-based). */
    private List<String> block(int from, String markerLine) {
        int open = from;
        while (open < lines.size() && lines.get(open).isBlank()) {
            open++;
        }
        if (open == lines.size()) {
            throw new IllegalStateException("README.md ends after " + markerLine + " without a fenced block");
        }
        if (!lines.get(open).strip().startsWith("```")) {
            throw new IllegalStateException(
                    "README.md line " + (open + 1) + ": expected a fenced block (```sql) after " + markerLine);
        }
        List<String> body = new ArrayList<>();
        for (int i = open + 1; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("```")) {
                return body;
            }
            body.add(lines.get(i));
        }
        throw new IllegalStateException(
                "README.md line " + (open + 1) + ": the block after " + markerLine + " is not closed");
    }

    /** The statements of a block: split after each line that ends with a semicolon, which is dropped. */
    private static List<String> split(List<String> block) {
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : block) {
            String trimmed = line.stripTrailing();
            if (trimmed.endsWith(";")) {
                statement.append(trimmed, 0, trimmed.length() - 1);
                statements.add(statement.toString().strip());
                statement.setLength(0);
            } else {
                statement.append(line).append('\n');
            }
        }
        if (!statement.toString().isBlank()) {
            statements.add(statement.toString().strip());
        }
        return statements;
    }
}
