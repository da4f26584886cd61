package io.tlsaudit.discover;

import static io.tlsaudit.discover.ShareFiles.RECEIVE;
import static io.tlsaudit.discover.ShareFiles.link;
import static io.tlsaudit.discover.ShareFiles.receiveLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links in a share are followed, each target is read once (under its real path when the share holds it,
 * else under the first link in name order), and links that lead nowhere or back to where they are are reported.
 */
@Timeout(30) // a walk that follows a loop would not end
class SymbolicLinksTest {

    @TempDir
    Path folder;

    private Path share;

    @BeforeEach
    void needsSymbolicLinks() {
        // Windows lets only administrators and developer mode create them.
        assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs a POSIX file system");
        share = folder.resolve("share");
    }

    private LogFileFinder.Found find(Path... roots) throws Exception {
        return new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(roots));
    }

    /** Each log found as {@code path below the folder -> server}. */
    private List<String> logs(LogFileFinder.Found found) {
        return found.logs().stream()
                .map(log ->
                        folder.relativize(log.path()) + " -> " + log.server().orElse("?"))
                .sorted()
                .toList();
    }

    /** Each skipped entry as {@code path below the folder: reason (kind)}. */
    private List<String> skipped(LogFileFinder.Found found) {
        String prefix = folder + File.separator;
        return found.skipped().stream()
                .map(file -> file.displayName().replace(prefix, "") + ": " + file.reason() + " (" + file.kind() + ")")
                .toList();
    }

    @Test
    void fileLinkIsReadUnderTheLinksPath() throws Exception {
        Path elsewhere = receiveLog(folder.resolve("archive/RECV2024031210-1.LOG"), 10);
        link(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), elsewhere);
        LogFileFinder.Found found = find(share);
        assertEquals(List.of("share/EX01/" + RECEIVE + "/RECV2024031210-1.LOG -> EX01"), logs(found));
        assertEquals(List.of(), skipped(found));
        assertEquals(elsewhere.toFile().length(), found.logs().get(0).size(), "the target's size");
    }

    @Test
    void folderLinkIsWalkedAsIfTheFolderLayThere() throws Exception {
        receiveLog(folder.resolve("disk2/ex02-logs/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        receiveLog(folder.resolve("disk2/ex02-logs/" + RECEIVE + "/RECV2024031211-1.LOG"), 11);
        link(share.resolve("EX02"), folder.resolve("disk2/ex02-logs"));
        LogFileFinder.Found found = find(share);
        assertEquals(
                List.of(
                        "share/EX02/" + RECEIVE + "/RECV2024031210-1.LOG -> EX02",
                        "share/EX02/" + RECEIVE + "/RECV2024031211-1.LOG -> EX02"),
                logs(found));
        assertEquals(List.of(), skipped(found));
    }

    @Test
    void symlinkedRootIsWalkedAndNamesTheServersBelowIt() throws Exception {
        receiveLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        Path linkedRoot = link(folder.resolve("current"), share);
        LogFileFinder.Found found = find(linkedRoot);
        assertEquals(List.of("current/EX01/" + RECEIVE + "/RECV2024031210-1.LOG -> EX01"), logs(found));
    }

    @Test
    void symlinkedRootThatIsAFileIsRead() throws Exception {
        Path log = receiveLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        LogFileFinder.Found found = find(link(folder.resolve("latest.LOG"), log));
        assertEquals(List.of("latest.LOG -> ?"), logs(found));
    }

    @Test
    void linkToAFolderThatHoldsItIsReportedOnceAsALoop() throws Exception {
        receiveLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        link(share.resolve("EX01/TransportRoles/Logs/up"), share.resolve("EX01"));
        link(share.resolve("EX01/TransportRoles/Logs/root"), share);
        LogFileFinder.Found found = find(share);
        assertEquals(List.of("share/EX01/" + RECEIVE + "/RECV2024031210-1.LOG -> EX01"), logs(found));
        assertEquals(
                List.of(
                        "share/EX01/TransportRoles/Logs/root/: symbolic link loop: it leads back to " + share
                                + "/, which holds it (LINK_LOOP)",
                        "share/EX01/TransportRoles/Logs/up/: symbolic link loop: it leads back to " + share
                                + "/EX01/, which holds it (LINK_LOOP)"),
                skipped(found));
        assertTrue(found.skipped().stream().allMatch(SkippedFile::unreadable), "a loop means files were not read");
    }

    @Test
    void linksThatPointAtEachOtherAreALoop() throws Exception {
        receiveLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        link(share.resolve("EX01/a"), Path.of("b"));
        link(share.resolve("EX01/b"), Path.of("a"));
        LogFileFinder.Found found = find(share);
        assertEquals(1, found.logs().size());
        assertEquals(
                List.of(
                        "share/EX01/a: symbolic link loop: its links lead back to each other (LINK_LOOP)",
                        "share/EX01/b: symbolic link loop: its links lead back to each other (LINK_LOOP)"),
                skipped(found));
    }

    @Test
    void twoLinksToOneFileAndTheRealPathYieldTheFileOnceUnderTheRealPath() throws Exception {
        Path receive = share.resolve("EX01/" + RECEIVE);
        Path log = receiveLog(receive.resolve("RECV2024031210-1.LOG"), 10);
        // Named to sort before the real file: the real path still wins.
        link(receive.resolve("A-latest.LOG"), log);
        link(receive.resolve("B-latest.LOG"), Path.of("RECV2024031210-1.LOG")); // relative
        LogFileFinder.Found found = find(share);
        assertEquals(List.of("share/EX01/" + RECEIVE + "/RECV2024031210-1.LOG -> EX01"), logs(found));
        String real = log.toString();
        assertEquals(
                List.of(
                        "share/EX01/" + RECEIVE + "/A-latest.LOG: same file as " + real + ", which is read (SAME_FILE)",
                        "share/EX01/" + RECEIVE + "/B-latest.LOG: same file as " + real
                                + ", which is read (SAME_FILE)"),
                skipped(found));
        assertTrue(found.skipped().stream().noneMatch(SkippedFile::problem), "not a problem");
    }

    @Test
    void twoLinksToOneFolderOutsideTheShareWalkItOnceUnderTheFirstInNameOrder() throws Exception {
        receiveLog(folder.resolve("disk2/ex02-logs/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        link(share.resolve("EX02"), folder.resolve("disk2/ex02-logs"));
        link(share.resolve("EX02-old"), folder.resolve("disk2/ex02-logs"));
        LogFileFinder.Found found = find(share);
        assertEquals(List.of("share/EX02/" + RECEIVE + "/RECV2024031210-1.LOG -> EX02"), logs(found));
        assertEquals(
                List.of("share/EX02-old/: same folder as " + share + "/EX02/, which is read (SAME_FILE)"),
                skipped(found));
    }

    @Test
    void linkToAFolderOfTheShareAndOverlappingRootsReadEachFileOnce() throws Exception {
        receiveLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        link(share.resolve("AAA-EX01"), share.resolve("EX01"));
        LogFileFinder.Found found = find(share, share.resolve("EX01"));
        assertEquals(List.of("share/EX01/" + RECEIVE + "/RECV2024031210-1.LOG -> EX01"), logs(found));
        assertEquals(
                List.of(
                        "share/AAA-EX01/: same folder as " + share + "/EX01/, which is read (SAME_FILE)",
                        "share/EX01/: same folder as " + share + "/EX01/, which is read (SAME_FILE)"),
                skipped(found));
    }

    @Test
    void danglingLinkIsAProblem() throws Exception {
        receiveLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        link(share.resolve("EX01/" + RECEIVE + "/RECV2024031211-1.LOG"), folder.resolve("moved/RECV2024031211-1.LOG"));
        LogFileFinder.Found found = find(share);
        assertEquals(1, found.logs().size());
        assertEquals(
                List.of("share/EX01/" + RECEIVE + "/RECV2024031211-1.LOG: broken symbolic link: its target " + folder
                        + "/moved/RECV2024031211-1.LOG is missing (BROKEN_LINK)"),
                skipped(found));
        SkippedFile broken = found.skipped().get(0);
        assertTrue(broken.problem() && broken.unreadable(), "the admin should act; files were not read");
    }

    @Test
    void danglingLinkGivenAsTheRootFailsTheRunWithItsName() {
        Path root = link(folder.resolve("logs"), folder.resolve("unmounted/share"));
        NoSuchFileException failure = assertThrows(NoSuchFileException.class, () -> find(root));
        assertEquals(
                root + ": broken symbolic link: its target " + folder + "/unmounted/share is missing",
                failure.getMessage());
    }

    @Test
    void excludedLinkIsNeitherFollowedNorReported() throws Exception {
        receiveLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        link(share.resolve("EX01/offline"), folder.resolve("unmounted"));
        LogFileFinder.Found found = new LogFileFinder(
                        LogLocation.byFirstFolder(), FileSelection.of(List.of(), List.of("**/offline")))
                .find(List.of(share));
        assertEquals(1, found.logs().size());
        assertEquals(List.of("share/EX01/offline: excluded by --exclude '**/offline' (EXCLUDED)"), skipped(found));
        assertEquals(
                Optional.empty(),
                found.skipped().stream().filter(SkippedFile::problem).findAny());
    }
}
