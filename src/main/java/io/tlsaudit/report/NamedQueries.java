package io.tlsaudit.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SQL files of {@code queries/}: users run them by name ({@code tlsaudit query legacy-peers}) and the report runs
 * the same files, so what the report shows is always a query a user can run and adapt. A {@code queries/} folder in
 * the working directory wins over the copies inside the jar, so edited queries take effect.
 */
public final class NamedQueries {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private final Path folder;

    /** Looks in {@code folder} first, then in the jar. */
    public NamedQueries(Path folder) {
        this.folder = folder;
    }

    /** Looks in {@code ./queries} first, then in the jar. */
    public static NamedQueries standard() {
        return new NamedQueries(Path.of("queries"));
    }

    /** True when {@code text} has the form of a query name rather than of SQL. */
    public static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }

    /** The SQL of query {@code name}, or empty when there is no such query. */
    public Optional<String> find(String name) throws IOException {
        if (!isName(name)) {
            return Optional.empty();
        }
        Path file = folder.resolve(name + ".sql");
        if (Files.isRegularFile(file)) {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        }
        try (InputStream input = NamedQueries.class.getResourceAsStream("/queries/" + name + ".sql")) {
            return input == null
                    ? Optional.empty()
                    : Optional.of(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Where query {@code name} is read from: the folder's copy, which wins, or the jar's. */
    public String describe(String name) {
        Path file = folder.resolve(name + ".sql");
        return Files.isRegularFile(file) ? "from " + file.toAbsolutePath() : "from the jar";
    }

    /** The SQL of a query the report needs; its absence is a packaging error. */
    public String require(String name) {
        try {
            return find(name).orElseThrow(() -> new IllegalStateException("query " + name + ".sql is missing"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read query " + name + ".sql: " + e.getMessage(), e);
        }
    }
}
