package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.ingest.IngestListener;
import io.tlsaudit.ingest.IngestSummary;
import io.tlsaudit.ingest.Ingestor;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.testing.JavaCommand;
import io.tlsaudit.testing.SmtpLogFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Exit code 3: the run completed, but files or folders could not be read. Malformed lines and files that are not logs
 * leave it at 0; a {@code --fail-on} condition of {@code analyze} wins over it.
 */
class CompletedWithProblemsTest {

    private static final String RECEIVE = "TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive";
    private static final String ROW =
            "2024-03-12T%02d:00:0%d.000Z,EX01\\Default Frontend EX01,08DC3B4192B4C1%02d,%d,10.0.0.11:25,10.40.8.23:49162,";
    private static final String TLS10 = "*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded using bulk"
            + " encryption algorithm CALG_3DES with strength 168 bits, MAC hash algorithm CALG_SHA1 with strength 160"
            + " bits and key exchange algorithm CALG_RSA_KEYX with strength 2048 bits\"";
    /** Without these root reads and lists whatever the mode says, as everyone else does not. */
    private static final List<String> WITHOUT_ROOTS_READ_OVERRIDE =
            List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search");

    @TempDir
    Path folder;

    private Path share;
    private Path database;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeShare() {
        share = folder.resolve("share");
        database = folder.resolve("audit.duckdb");
        legacyLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
    }

    /** A Receive log of one TLS 1.0 connection in the given hour. */
    private static Path legacyLog(Path file, int hour) {
        return SmtpLogFiles.writeLog(
                file,
                "Receive",
                List.of(
                        String.format(ROW, hour, 0, hour, 0) + "+,,",
                        String.format(ROW, hour, 1, hour, 1) + "<,STARTTLS,",
                        String.format(ROW, hour, 2, hour, 2) + TLS10,
                        String.format(ROW, hour, 3, hour, 3) + "-,,Local"));
    }

    private int run(String... args) {
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private void brokenLink() throws IOException {
        Files.createSymbolicLink(
                share.resolve("EX01/" + RECEIVE + "/RECV2024031211-1.LOG"),
                folder.resolve("moved/RECV2024031211-1.LOG"));
    }

    @Test
    void ingestWithABrokenLinkStoresTheRestAndExitsThree() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs symbolic links");
        brokenLink();
        int exit = run("ingest", "--quiet", "--db", database.toString(), share.toString());
        assertEquals(ExitCodes.COMPLETED_WITH_PROBLEMS, exit, err.toString());
        String messages = err.toString();
        assertTrue(
                messages.contains("warning: " + share + "/EX01/" + RECEIVE + "/RECV2024031211-1.LOG: skipped: broken"
                        + " symbolic link: its target " + folder + "/moved/RECV2024031211-1.LOG is missing"),
                messages);
        assertTrue(messages.contains("Ingested 1 log file (0 unchanged since the last run, 1 other file skipped)"));
        assertTrue(
                messages.contains("tlsaudit: completed with problems: 1 file or folder could not be read"), messages);
        // The report's coverage names it: "no legacy TLS found" must not hide "not read".
        out.getBuffer().setLength(0);
        assertEquals(
                ExitCodes.OK, run("query", "--db", database.toString(), "--format", "csv", "coverage"), err.toString());
        assertTrue(
                out.toString().contains("file,," + share + "/EX01/" + RECEIVE + "/RECV2024031211-1.LOG,"),
                out.toString());
        assertTrue(out.toString().contains("not read: broken symbolic link"), out.toString());
    }

    @Test
    void analyzeExitsThreeUnlessFailOnHasItsSay() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs symbolic links");
        brokenLink();
        assertEquals(
                ExitCodes.COMPLETED_WITH_PROBLEMS,
                run("analyze", "--quiet", "--db", database.toString(), share.toString()),
                err.toString());
        assertTrue(out.toString().contains("10.40.8.23"), "the report is printed: " + out);
        assertEquals(
                ExitCodes.LEGACY_TLS,
                run("analyze", "--quiet", "--fail-on", "legacy", "--db", database.toString(), share.toString()),
                err.toString());
        assertEquals(
                ExitCodes.COMPLETED_WITH_PROBLEMS,
                run("analyze", "--quiet", "--fail-on", "plaintext", "--db", database.toString(), share.toString()),
                "a --fail-on condition that does not hold leaves 3: " + err);
    }

    @Test
    void malformedLinesAndFilesThatAreNoLogsExitZero() throws Exception {
        Files.writeString(share.resolve("EX01/notes.txt"), "moved EX02 to the new share\n");
        Path log = share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG");
        Files.writeString(log, "2024-03-12T10:00:09.000Z,broken line\r\n", StandardOpenOption.APPEND);
        assertEquals(ExitCodes.OK, run("ingest", "--quiet", "--db", database.toString(), share.toString()));
        assertTrue(err.toString().contains("1 malformed line"), err.toString());
        assertFalse(err.toString().contains("completed with problems"), err.toString());
    }

    private IngestSummary findThen(Runnable betweenFindAndRead) throws Exception {
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(share));
        betweenFindAndRead.run();
        try (AuditDatabase store = AuditDatabase.openForWriting(database)) {
            return new Ingestor(store, IngestListener.SILENT, IisFieldNames.standard(), 1)
                    .run(found.logs(), found.skipped());
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void newFileDeletedBetweenFindAndReadIsCountedAsUnreadable() throws Exception {
        Path doomed = legacyLog(share.resolve("EX02/" + RECEIVE + "/RECV2024031211-1.LOG"), 11);
        IngestSummary summary = findThen(() -> delete(doomed));
        assertEquals(2, summary.filesRead(), "both were planned and handed to a reader");
        assertEquals(1, summary.filesUnreadable());
        assertEquals(1, summary.connectionsStored(), "EX01's connection is stored");
        assertTrue(summary.completedWithProblems());
    }

    @Test
    void grownFileDeletedBetweenFindAndReadIsCountedAsUnreadable() throws Exception {
        Path grown = legacyLog(share.resolve("EX02/" + RECEIVE + "/RECV2024031211-1.LOG"), 11);
        assertEquals(0, findThen(() -> {}).filesUnreadable());
        Files.writeString(grown, String.format(ROW, 11, 9, 12, 0) + "+,,\r\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(grown, FileTime.from(Instant.now().plusSeconds(60)));
        // Known to the ledger and longer now: the plan reads its head to tell growth from replacement, and fails.
        IngestSummary summary = findThen(() -> delete(grown));
        assertEquals(1, summary.filesUnreadable());
        assertEquals(1, summary.filesUnchanged(), "EX01's file");
        assertTrue(summary.completedWithProblems());
    }

    @Test
    void fileAndFolderWithoutReadPermissionExitThreeFromTheJar() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path lockedFile = legacyLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031211-1.LOG"), 11);
        Path lockedFolder = share.resolve("EX02");
        legacyLog(lockedFolder.resolve(RECEIVE + "/RECV2024031210-1.LOG"), 12);
        Files.setPosixFilePermissions(lockedFile, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(lockedFolder, PosixFilePermissions.fromString("---------"));
        try {
            List<String> command = new ArrayList<>();
            if (canRead(List.of(), lockedFile)) {
                // Root reads files of any mode; without the two capabilities that let it, it is held to them.
                Path readable = share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG");
                assumeTrue(
                        canRead(WITHOUT_ROOTS_READ_OVERRIDE, readable)
                                && !canRead(WITHOUT_ROOTS_READ_OVERRIDE, lockedFile),
                        "this user reads files of mode 000 and setpriv cannot take that away here (not on PATH, or"
                                + " no CAP_SETPCAP): permission denied cannot be made to happen");
                command.addAll(WITHOUT_ROOTS_READ_OVERRIDE);
            }
            command.addAll(JavaCommand.of(List.of(), TlsAuditCommand.class));
            command.addAll(List.of("ingest", "--quiet", "--db", database.toString(), share.toString()));
            Path output = folder.resolve("output.txt");
            Process ingest = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            assertTrue(ingest.waitFor(120, TimeUnit.SECONDS), "ingest ended");
            String messages = Files.readString(output);
            assertEquals(ExitCodes.COMPLETED_WITH_PROBLEMS, ingest.exitValue(), messages);
            assertTrue(
                    messages.contains("warning: " + lockedFile + ": skipped: cannot read: permission denied"),
                    messages);
            assertTrue(
                    messages.contains(
                            "warning: " + lockedFolder + "/: skipped: cannot read the folder: permission denied"),
                    messages);
            assertTrue(messages.contains("Ingested 1 log file"), messages);
            assertTrue(messages.contains("completed with problems: 2 files or folders could not be read"), messages);
        } finally {
            Files.setPosixFilePermissions(lockedFile, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(lockedFolder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * True when this JVM ({@code prefix} empty) or {@code cat file} started with {@code prefix} reads the file; false
     * when that is denied, or {@code prefix} cannot be run.
     */
    private static boolean canRead(List<String> prefix, Path file) throws InterruptedException {
        if (prefix.isEmpty()) {
            try (var input = Files.newInputStream(file)) {
                return true;
            } catch (AccessDeniedException e) {
                return false;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("cat", file.toString()));
        try {
            Process cat = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return cat.waitFor(30, TimeUnit.SECONDS) && cat.exitValue() == 0;
        } catch (IOException notThere) {
            return false;
        }
    }
}
