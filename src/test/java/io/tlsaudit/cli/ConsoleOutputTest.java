package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.testing.JavaCommand;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command as a scheduler runs it: its own JVM, output that can fail, a locale that may be unset. */
class ConsoleOutputTest {

    @TempDir
    Path folder;

    private ProcessBuilder tlsaudit(String... args) {
        List<String> command = new ArrayList<>(JavaCommand.of(List.of(), TlsAuditCommand.class));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static int finish(Process process) throws Exception {
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "still running");
        return process.exitValue();
    }

    /** The sample logs of one server under a folder whose name is not ASCII. */
    private Path shareWithNonAsciiFolder() throws Exception {
        Path server = folder.resolve("share/EX02-München");
        Path samples = Path.of("sample-logs/EX02");
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = server.resolve(samples.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return folder.resolve("share");
    }

    @Test
    void fullDiskExitsOneWithAMessage() throws Exception {
        Path database = folder.resolve("audit.duckdb");
        Path share = shareWithNonAsciiFolder();
        assertEquals(
                0,
                finish(tlsaudit("ingest", "--db", database.toString(), share.toString())
                        .start()));
        Path errors = folder.resolve("err.txt");
        Process report = tlsaudit("report", "--db", database.toString())
                .redirectOutput(new File("/dev/full"))
                .redirectError(errors.toFile())
                .start();
        assertEquals(ExitCodes.FAILURE, finish(report));
        String message = Files.readString(errors);
        assertTrue(message.contains("tlsaudit: cannot write the output: No space left on device"), message);
        assertFalse(message.contains("\tat "), message);
    }

    @Test
    void stderrThatCannotBeWrittenDoesNotStopAnIngest() throws Exception {
        Path database = folder.resolve("audit.duckdb");
        Process ingest = tlsaudit(
                        "ingest",
                        "--db",
                        database.toString(),
                        shareWithNonAsciiFolder().toString())
                .redirectError(new File("/dev/full"))
                .start();
        assertEquals(ExitCodes.OK, finish(ingest));
        Process count = tlsaudit(
                        "query",
                        "--db",
                        database.toString(),
                        "--format",
                        "csv",
                        "SELECT count(*) AS files FROM ingested_files")
                .start();
        String files = new String(count.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, finish(count));
        assertEquals("files\r\n5\r\n", files, "every log was read although no warning could be printed");
    }

    @Test
    void readerThatStopsReadingEndsTheCommandQuietly() throws Exception {
        Path database = folder.resolve("audit.duckdb");
        assertEquals(
                0,
                finish(tlsaudit(
                                "ingest",
                                "--db",
                                database.toString(),
                                shareWithNonAsciiFolder().toString())
                        .start()));
        Path errors = folder.resolve("err.txt");
        Process query = tlsaudit(
                        "query", "--db", database.toString(), "--format", "csv", "SELECT * FROM range(5000000)")
                .redirectError(errors.toFile())
                .start();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(query.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("range", lines.readLine()); // what `| head -1` reads before it goes away
        }
        assertEquals(ExitCodes.OK, finish(query));
        assertEquals("", Files.readString(errors));
    }

    @Test
    void withoutALocaleNonAsciiFoldersAreReadAndOutputIsUtf8() throws Exception {
        Path database = folder.resolve("audit.duckdb");
        Path output = folder.resolve("out.txt");
        Path errors = folder.resolve("err.txt");
        ProcessBuilder analyze = tlsaudit(
                        "analyze",
                        "--db",
                        database.toString(),
                        // a non-ASCII argument too, not only folders found below it
                        shareWithNonAsciiFolder().resolve("EX02-München").toString())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile());
        Map<String, String> environment = analyze.environment();
        environment.keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
        assertEquals(ExitCodes.OK, finish(analyze.start()), Files.readString(errors));
        String messages = Files.readString(errors, StandardCharsets.UTF_8);
        assertTrue(messages.contains("Ingested 5 log files"), messages);
        assertTrue(messages.contains("0 malformed lines"), messages);
        assertFalse(messages.contains("cannot read"), messages);
        String report = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
        assertTrue(report.contains("EX02\\Scanner-Empfang Gebäude B"), report);
        assertTrue(report.contains("EX02-München"), "the server named by the folder given: " + report);
    }
}
