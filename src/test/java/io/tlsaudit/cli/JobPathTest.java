package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobPathTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "C:\\Reports|C:\\Reports",
                "c:/reports/weekly|c:/reports/weekly",
                "\\\\ex01\\logs|\\\\ex01\\logs",
                "\\\\ex01\\logs\\EX01|\\\\ex01\\logs\\EX01",
                "\\\\?\\C:\\very long|\\\\?\\C:\\very long"
            })
    void aWindowsPathIsKeptAsGiven(String given, String kept) {
        assertEquals(new JobPath(kept, true), JobPath.of(given));
    }

    @Test
    void anythingElseIsMadeAbsoluteHere() {
        assumeTrue(File.separatorChar == '/', "POSIX paths");
        Path here = Path.of("").toAbsolutePath();
        assertEquals(new JobPath("/srv/reports", false), JobPath.of("/srv//reports/"));
        assertEquals(new JobPath(here.resolve("out").toString(), false), JobPath.of("./reports/../out"));
        // a drive-relative path or a server without a share is no absolute Windows path
        assertEquals(new JobPath(here.resolve("C:reports").toString(), false), JobPath.of("C:reports"));
        assertEquals(new JobPath(here.resolve("\\\\ex01").toString(), false), JobPath.of("\\\\ex01"));
        assertThrows(IllegalArgumentException.class, () -> JobPath.of(" "));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "C:\\Reports|true|C:\\Reports\\x.log|C:\\Reports",
                "C:\\Reports\\\\|true|C:\\Reports\\x.log|C:\\Reports",
                "C:\\|true|C:\\x.log|C:\\",
                "C:/Reports/|true|C:/Reports/x.log|C:/Reports",
                "\\\\ex01\\share|true|\\\\ex01\\share\\x.log|\\\\ex01\\share",
                "/srv/reports|false|/srv/reports/x.log|/srv/reports",
                "/srv/reports/|false|/srv/reports/x.log|/srv/reports",
                "/|false|/x.log|/",
                "/srv/back\\slash\\|false|/srv/back\\slash\\/x.log|/srv/back\\slash\\"
            })
    void aFileInAFolderUsesThePathsOwnSeparator(String folder, boolean windows, String child, String folderText) {
        JobPath path = new JobPath(folder, windows);
        assertEquals(new JobPath(child, windows), path.child("x.log"));
        assertEquals(folderText, path.folderText());
        assertEquals(new JobPath(folderText, windows), path.child("x.log").parent());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "C:\\tlsaudit\\tlsaudit.jar|true|C:\\tlsaudit",
                "C:\\tlsaudit.jar|true|C:\\",
                "\\\\srv\\share\\tlsaudit.jar|true|\\\\srv\\share",
                "/opt/tlsaudit/tlsaudit.jar|false|/opt/tlsaudit",
                "/tlsaudit.jar|false|/"
            })
    void theFolderOfAFile(String file, boolean windows, String folder) {
        assertEquals(new JobPath(folder, windows), new JobPath(file, windows).parent());
    }
}
