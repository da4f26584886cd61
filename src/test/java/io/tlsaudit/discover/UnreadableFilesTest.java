package io.tlsaudit.discover;

import static io.tlsaudit.discover.ShareFiles.RECEIVE;
import static io.tlsaudit.discover.ShareFiles.link;
import static io.tlsaudit.discover.ShareFiles.receiveLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and folders the run may not read are named with the reason, and the walk goes on. As root, {@code chmod 000}
 * stops nothing, so the test that needs it is skipped there; {@code io.tlsaudit.cli.CompletedWithProblemsTest} runs
 * the same case in a JVM without root's power to read everything.
 */
class UnreadableFilesTest {

    @TempDir
    Path folder;

    private Path share;
    private final List<Path> locked = new ArrayList<>();

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        share = folder.resolve("share");
    }

    @AfterEach
    void unlock() throws IOException {
        for (Path path : locked) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private void lock(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
        locked.add(path);
    }

    /** True when this process reads {@code file} although its mode forbids it (root, or CAP_DAC_OVERRIDE). */
    static boolean readsDespiteMode(Path file) {
        try (InputStream input = Files.newInputStream(file)) {
            return true;
        } catch (AccessDeniedException e) {
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> skipped(LogFileFinder.Found found) {
        String prefix = share + "/";
        return found.skipped().stream()
                .map(file -> file.displayName().replace(prefix, "") + ": " + file.reason() + " (" + file.kind() + ")")
                .toList();
    }

    @Test
    void fileAndFolderWithoutReadPermissionAreNamedAndTheRestIsFound() throws Exception {
        Path receive = share.resolve("EX01/" + RECEIVE);
        receiveLog(receive.resolve("RECV2024031210-1.LOG"), 10);
        Path lockedFile = receiveLog(receive.resolve("RECV2024031211-1.LOG"), 11);
        receiveLog(share.resolve("EX02/" + RECEIVE + "/RECV2024031210-1.LOG"), 12);
        Path lockedFolder = share.resolve("EX02");
        lock(lockedFile);
        lock(lockedFolder);
        assumeFalse(
                readsDespiteMode(lockedFile),
                "this user reads files with mode 000 (root): permission denied cannot happen here; CompletedWithProblemsTest"
                        + " covers it in a JVM without CAP_DAC_OVERRIDE");
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(share));
        assertEquals(
                List.of(receive.resolve("RECV2024031210-1.LOG")),
                found.logs().stream().map(LogFile::path).toList());
        assertEquals(
                List.of(
                        "EX01/" + RECEIVE + "/RECV2024031211-1.LOG: cannot read: permission denied (UNREADABLE)",
                        "EX02/: cannot read the folder: permission denied (UNREADABLE)"),
                skipped(found));
    }

    @Test
    void excludedFolderIsNotWalkedSoWhatItHoldsCannotFailTheRun() throws Exception {
        receiveLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        Path system = share.resolve("System Volume Information");
        // Were it walked, the dangling link would be reported (readable or not, as root).
        link(system.resolve("tracking.log"), folder.resolve("gone"));
        lock(system);
        LogFileFinder.Found found = new LogFileFinder(
                        LogLocation.byFirstFolder(),
                        FileSelection.of(List.of(), List.of("**/System Volume Information")))
                .find(List.of(share));
        assertEquals(1, found.logs().size());
        assertEquals(
                List.of("System Volume Information/: excluded by --exclude '**/System Volume Information' (EXCLUDED)"),
                skipped(found));
    }
}
