package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.testing.JavaCommand;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code query} prints rows as they come: a result far larger than the heap is printed whole. Runs the command in a
 * JVM with a small heap, where holding the result in memory fails with OutOfMemoryError.
 */
class QueryStreamingTest {

    private static final int ROWS = 1_000_000;

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"csv", "table", "json", "markdown"})
    void printsAResultLargerThanTheHeap(String format) throws Exception {
        Path database = folder.resolve("audit.duckdb");
        AuditDatabase.openForWriting(database).close();
        Path output = folder.resolve("out." + format);
        Path errors = folder.resolve("err.txt");
        List<String> command = new ArrayList<>(
                JavaCommand.of(List.of("-Xmx32m", "-XX:+ExitOnOutOfMemoryError"), TlsAuditCommand.class));
        command.addAll(List.of(
                "query",
                "--db",
                database.toString(),
                "--format",
                format,
                "SELECT i, 'peer-' || i || '.fabrikam.com' AS peer_name FROM range(" + ROWS + ") t(i)"));
        Process process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        assertTrue(finished, "still running after two minutes: the result is held in memory");
        assertEquals(0, process.exitValue(), Files.readString(errors));
        assertEquals(ROWS, dataLines(output, format), format);
    }

    /** Output lines that hold a data row. */
    private static long dataLines(Path output, String format) throws Exception {
        try (BufferedReader lines = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
            return lines.lines()
                    .filter(line -> switch (format) {
                        case "csv" -> !line.startsWith("i,");
                        case "json" -> line.startsWith("  {\"i\": ");
                        case "markdown" -> line.startsWith("| ") && !line.startsWith("| i |");
                        default ->
                            !line.isEmpty() && Character.isDigit(line.strip().charAt(0));
                    })
                    .count();
        }
    }
}
