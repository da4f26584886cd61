package io.tlsaudit.discover;

import static io.tlsaudit.testing.Archives.gzip;
import static io.tlsaudit.testing.Archives.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs inside archives are found where they would have unpacked: a zip at the share's root is a server's folder. */
class ArchivedLogsFinderTest {

    @TempDir
    Path folder;

    private static final String RECEIVE = "TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/";

    private static byte[] smtpLog(String date) {
        return ("\uFEFF#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Receive Protocol"
                        + " Log\r\n#Date: " + date + "\r\n#Fields: date-time,connector-id,session-id,sequence-number,"
                        + "local-endpoint,remote-endpoint,event,data,context\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aZipAtTheRootIsAServersFolderAndAGzipIsTheLogItHolds() throws Exception {
        Path share = Files.createDirectories(folder.resolve("share"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(RECEIVE + "RECV2024031110-1.LOG", smtpLog("2024-03-11T10:00:00.000Z"));
        entries.put(RECEIVE + "RECV2024031111-1.LOG.gz", gzip(smtpLog("2024-03-11T11:00:00.000Z")));
        entries.put("notes.txt", "not a log".getBytes(StandardCharsets.UTF_8));
        Files.write(share.resolve("EX01.zip"), zip(entries));
        Path ex02 = Files.createDirectories(share.resolve("EX02/" + RECEIVE));
        Files.write(ex02.resolve("RECV2024031112-1.LOG.gz"), gzip(smtpLog("2024-03-11T12:00:00.000Z")));
        Files.write(share.resolve("broken.zip"), "PK\u0003\u0004 cut".getBytes(StandardCharsets.ISO_8859_1));

        LogFileFinder.Found found = new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(share));

        assertEquals(
                List.of(
                        share.resolve("EX01.zip") + "!/" + RECEIVE + "RECV2024031110-1.LOG",
                        share.resolve("EX01.zip") + "!/" + RECEIVE + "RECV2024031111-1.LOG.gz",
                        share.resolve("EX02/" + RECEIVE + "RECV2024031112-1.LOG.gz")
                                .toString()),
                found.logs().stream().map(LogFile::storedName).toList());
        assertEquals(
                List.of(Optional.of("EX01"), Optional.of("EX01"), Optional.of("EX02")),
                found.logs().stream().map(LogFile::server).toList());
        assertEquals(
                List.of("FrontEnd", "FrontEnd", "FrontEnd"),
                found.logs().stream().map(LogFile::service).toList());
        assertTrue(found.logs().stream().allMatch(LogFile::archived));
        assertEquals(
                List.of("2024031110000000001", "2024031111000000001", "2024031112000000001"),
                found.logs().stream().map(LogFile::orderKey).toList(),
                "ordered by the names they stand for");
        SkippedFile broken = found.skipped().stream()
                .filter(file -> file.displayName().endsWith("broken.zip"))
                .findFirst()
                .orElseThrow();
        assertEquals(SkippedFile.Kind.UNREADABLE, broken.kind());
        assertTrue(broken.reason().startsWith("broken zip file"), broken.reason());
        assertTrue(
                found.skipped().stream().anyMatch(file -> file.displayName().endsWith("EX01.zip!/notes.txt")),
                found.skipped().toString());
    }

    @Test
    void aGzippedCopyOfAPlainLogFoundInTheSameRunIsReadOnce() throws Exception {
        Path receive = Files.createDirectories(folder.resolve("share/EX01/" + RECEIVE));
        byte[] log = smtpLog("2024-03-11T10:00:00.000Z");
        Files.write(receive.resolve("RECV2024031110-1.LOG"), log);
        Path old = Files.createDirectories(folder.resolve("share/EX01/old"));
        Files.write(old.resolve("RECV2024031110-1.LOG.gz"), gzip(log));
        LogFileFinder.Found found =
                new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(folder.resolve("share")));
        assertEquals(1, found.logs().size(), found.logs().toString());
        assertTrue(
                found.skipped().stream().anyMatch(file -> file.kind() == SkippedFile.Kind.COPY),
                found.skipped().toString());
    }

    @Test
    void globsJudgeMembersByWhereTheyWouldHaveUnpacked() throws Exception {
        Path share = Files.createDirectories(folder.resolve("share"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(RECEIVE + "RECV2024031110-1.LOG", smtpLog("2024-03-11T10:00:00.000Z"));
        entries.put(
                "TransportRoles/Logs/Hub/ProtocolLog/SmtpReceive/RECV2024031110-1.LOG",
                smtpLog("2024-03-11T10:00:01.000Z"));
        Files.write(share.resolve("EX01.zip"), zip(entries));
        LogFileFinder.Found found = new LogFileFinder(
                        LogLocation.byFirstFolder(), FileSelection.of(List.of("EX01/**/FrontEnd/**/*.LOG"), List.of()))
                .find(List.of(share));
        assertEquals(
                List.of(share.resolve("EX01.zip") + "!/" + RECEIVE + "RECV2024031110-1.LOG"),
                found.logs().stream().map(LogFile::storedName).toList());
        assertTrue(
                found.skipped().stream()
                        .anyMatch(file -> file.kind() == SkippedFile.Kind.EXCLUDED
                                && file.displayName().contains("Hub/ProtocolLog")),
                found.skipped().toString());
    }
}
