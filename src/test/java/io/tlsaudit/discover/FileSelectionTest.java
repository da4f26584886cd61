package io.tlsaudit.discover;

import static io.tlsaudit.discover.ShareFiles.RECEIVE;
import static io.tlsaudit.discover.ShareFiles.SEND;
import static io.tlsaudit.discover.ShareFiles.note;
import static io.tlsaudit.discover.ShareFiles.receiveLog;
import static io.tlsaudit.discover.ShareFiles.sendLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --include} and {@code --exclude} as the walk applies them to a share of two servers. */
class FileSelectionTest {

    @TempDir
    Path folder;

    private Path share;

    @BeforeEach
    void writeShare() {
        share = folder.resolve("share");
        receiveLog(share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG"), 10);
        sendLog(share.resolve("EX01/" + SEND + "/SEND2024031210-1.LOG"), 11);
        receiveLog(share.resolve("EX02/" + RECEIVE + "/RECV2024031210-1.LOG"), 12);
        note(share.resolve("EX02/notes.txt"));
    }

    private LogFileFinder.Found find(List<String> includes, List<String> excludes) throws Exception {
        return new LogFileFinder(LogLocation.byFirstFolder(), FileSelection.of(includes, excludes))
                .find(List.of(share));
    }

    private List<String> logs(LogFileFinder.Found found) {
        return found.logs().stream()
                .map(log -> ShareWalker.relative(share, log.path()))
                .sorted()
                .toList();
    }

    private List<String> skipped(LogFileFinder.Found found) {
        String prefix = share + "/";
        return found.skipped().stream()
                .map(file -> file.displayName().replace(prefix, "") + ": " + file.reason() + " (" + file.kind() + ")")
                .toList();
    }

    @Test
    void includeTakesOnlyTheFilesItMatches() throws Exception {
        LogFileFinder.Found found = find(List.of("**/SmtpReceive/*.LOG"), List.of());
        assertEquals(
                List.of("EX01/" + RECEIVE + "/RECV2024031210-1.LOG", "EX02/" + RECEIVE + "/RECV2024031210-1.LOG"),
                logs(found));
        assertEquals(
                List.of(
                        "EX01/" + SEND
                                + "/SEND2024031210-1.LOG: matches no --include '**/SmtpReceive/*.LOG' (EXCLUDED)",
                        "EX02/notes.txt: matches no --include '**/SmtpReceive/*.LOG' (EXCLUDED)"),
                skipped(found));
        assertTrue(found.skipped().stream().noneMatch(SkippedFile::problem), "left out on purpose: no problem");
    }

    @Test
    void excludeOfAFolderLeavesItUnwalked() throws Exception {
        LogFileFinder.Found found = find(List.of(), List.of("EX02/**"));
        assertEquals(
                List.of("EX01/" + RECEIVE + "/RECV2024031210-1.LOG", "EX01/" + SEND + "/SEND2024031210-1.LOG"),
                logs(found));
        assertEquals(List.of("EX02/: excluded by --exclude 'EX02/**' (EXCLUDED)"), skipped(found));
    }

    @Test
    void excludeWinsOverInclude() throws Exception {
        LogFileFinder.Found found = find(List.of("**/*.LOG"), List.of("**/SmtpSend/**", "EX02/*.txt"));
        assertEquals(
                List.of("EX01/" + RECEIVE + "/RECV2024031210-1.LOG", "EX02/" + RECEIVE + "/RECV2024031210-1.LOG"),
                logs(found));
        assertEquals(
                List.of(
                        "EX01/" + SEND + "/: excluded by --exclude '**/SmtpSend/**' (EXCLUDED)",
                        "EX02/notes.txt: excluded by --exclude 'EX02/*.txt' (EXCLUDED)"),
                skipped(found));
    }

    @Test
    void includesAreAlternatives() throws Exception {
        LogFileFinder.Found found = find(List.of("EX02/**", "**/SEND*.LOG"), List.of());
        assertEquals(
                List.of("EX01/" + SEND + "/SEND2024031210-1.LOG", "EX02/" + RECEIVE + "/RECV2024031210-1.LOG"),
                logs(found));
        // notes.txt is taken, read and found to be no log.
        assertEquals(
                List.of(
                        "EX01/" + RECEIVE + "/RECV2024031210-1.LOG: matches no --include 'EX02/**' --include"
                                + " '**/SEND*.LOG' (EXCLUDED)",
                        "EX02/notes.txt: not an Exchange SMTP protocol log or IIS W3C log (NOT_A_LOG)"),
                skipped(found));
    }

    @Test
    void aSingleFileRootIsMatchedByItsName() throws Exception {
        Path log = share.resolve("EX01/" + RECEIVE + "/RECV2024031210-1.LOG");
        FileSelection onlySend = FileSelection.of(List.of("SEND*"), List.of());
        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder(), onlySend).find(List.of(log));
        assertEquals(List.of(), found.logs());
        assertEquals(SkippedFile.Kind.EXCLUDED, found.skipped().get(0).kind());
    }
}
