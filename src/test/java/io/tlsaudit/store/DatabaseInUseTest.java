package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.cli.ExitCodes;
import io.tlsaudit.cli.TlsAuditCommand;
import io.tlsaudit.testing.JavaCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** A database another process holds is named as in use, with the holder's PID, and the command exits 1. */
class DatabaseInUseTest {

    private static final Path FILE = Path.of("audit.duckdb");

    @TempDir
    Path folder;

    /** Holds the database given as its argument open for writing, as an ingest does, until its stdin closes. */
    public static final class Holder {
        public static void main(String[] args) throws IOException {
            try (AuditDatabase database = AuditDatabase.openForWriting(Path.of(args[0]))) {
                System.out.println("open " + database.file());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the test to close stdin
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # what DuckDB 1.5.6 says when another JVM writes the database (the message is one line)
            IO Error: Could not set lock on file "/data/audit.duckdb": Conflicting lock is held in /usr/lib/jvm/java-17-openjdk-amd64/bin/java (PID 413). See also https://duckdb.org/docs/stable/connect/concurrency \
              | audit.duckdb: database in use by another tlsaudit process (PID 413); wait for it to finish or use another --db file
            # ... when the other JVM only reads it (a report), to a writer
            IO Error: Could not set lock on file "/data/audit.duckdb": Conflicting lock is held in /usr/lib/jvm/java-17-openjdk-amd64/bin/java (PID 490). However, you would be able to open this database in read-only mode, e.g. by using the -readonly parameter in the CLI. See also https://duckdb.org/docs/stable/connect/concurrency \
              | audit.duckdb: database in use by another tlsaudit process (PID 490); wait for it to finish or use another --db file
            # versions that name the user
            IO Error: Could not set lock on file "/data/audit.duckdb": Conflicting lock is held in /opt/java/bin/java (PID 12345) by user svc-audit. See also https://duckdb.org/docs/stable/connect/concurrency \
              | audit.duckdb: database in use by another tlsaudit process (PID 12345); wait for it to finish or use another --db file
            # Windows names the holder with .exe
            IO Error: Could not set lock on file "C:\\audit\\audit.duckdb": Conflicting lock is held in C:\\Program Files\\Java\\bin\\java.exe (PID 7720). \
              | audit.duckdb: database in use by another tlsaudit process (PID 7720); wait for it to finish or use another --db file
            # Windows file sharing, no holder named
            IO Error: Cannot open file "C:\\audit\\audit.duckdb": The process cannot access the file because it is being used by another process. \
              | audit.duckdb: database in use by another tlsaudit process; wait for it to finish or use another --db file
            # a lock without a holder named
            IO Error: Could not set lock on file "/data/audit.duckdb": Resource temporarily unavailable \
              | audit.duckdb: database in use by another tlsaudit process; wait for it to finish or use another --db file
            # not a JVM: the DuckDB CLI holds it
            IO Error: Could not set lock on file "/data/audit.duckdb": Conflicting lock is held in /usr/local/bin/duckdb (PID 999). See also https://duckdb.org/docs/stable/connect/concurrency \
              | audit.duckdb: database in use by another program (duckdb, PID 999); wait for it to finish or use another --db file
            """)
    void namesTheHolderOfTheLock(String duckdbMessage, String expected) {
        Optional<StoreException> inUse = DatabaseInUse.explain(FILE, new SQLException(duckdbMessage));
        assertEquals(Optional.of(expected), inUse.map(StoreException::getMessage));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            IO Error: Cannot open file "/data/audit.duckdb": Permission denied
            Serialization Error: Failed to deserialize: field id mismatch
            IO Error: The file "/data/audit.duckdb" exists, but it is not a valid DuckDB database file!
            """)
    void leavesOtherFailuresAlone(String duckdbMessage) {
        assertEquals(Optional.empty(), DatabaseInUse.explain(FILE, new SQLException(duckdbMessage)));
        DatabaseInUse.throwIfInUse(FILE, new SQLException(duckdbMessage)); // returns: not in use
        assertEquals(Optional.empty(), DatabaseInUse.explain(FILE, new SQLException((String) null)));
    }

    @Test
    void secondIngestAndReportsWhileAnIngestHoldsTheDatabaseExitOneNamingItsPid() throws Exception {
        Path database = folder.resolve("audit.duckdb");
        List<String> command = new ArrayList<>(JavaCommand.of(List.of(), Holder.class));
        command.add(database.toString());
        Process holder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader said =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("open " + database, said.readLine(), "the holder has the database open");
            String inUse = database + ": database in use by another tlsaudit process (PID " + holder.pid()
                    + "); wait for it to finish or use another --db file";

            Run ingest = run("ingest", "--db", database.toString(), "sample-logs/EX01");
            assertEquals(ExitCodes.FAILURE, ingest.exit, ingest.err);
            assertEquals("tlsaudit ingest: " + inUse + "\n", ingest.err);

            Run report = run("report", "--db", database.toString());
            assertEquals(ExitCodes.FAILURE, report.exit, report.err);
            assertEquals("tlsaudit report: " + inUse + "\n", report.err);

            Run query = run("query", "--db", database.toString(), "SELECT 1");
            assertEquals(ExitCodes.FAILURE, query.exit, query.err);
            assertTrue(query.err.contains(inUse), query.err);
        } finally {
            holder.getOutputStream().close(); // the holder closes the database and ends
            assertTrue(holder.waitFor(1, TimeUnit.MINUTES), "holder still running");
        }
        assertEquals(0, holder.exitValue());
        Run ingest = run("ingest", "--db", database.toString(), "sample-logs/EX01");
        assertEquals(ExitCodes.OK, ingest.exit, "free again once the holder is gone: " + ingest.err);
        assertFalse(ingest.err.contains("in use"), ingest.err);
    }

    private record Run(int exit, String err) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, err.toString().replace(System.lineSeparator(), "\n"));
    }
}
