package io.tlsaudit.discover;

import static io.tlsaudit.testing.Archives.gzip;
import static io.tlsaudit.testing.Archives.zip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveContentsTest {

    @TempDir
    Path folder;

    private static byte[] log(String logType, String marker) {
        return ("#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: " + logType
                        + "\r\n#Date: 2024-03-12T10:00:00.000Z\r\n#Fields: date-time,connector-id,session-id\r\n"
                        + marker + "\r\nlast line without a terminator")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(ArchiveMember member) throws IOException {
        try (InputStream in = member.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aZippedServerListsItsLogsGzippedAndNestedOnesWhereTheyWouldHaveBeenUnpacked() throws Exception {
        byte[] receive = log("SMTP Receive Protocol Log", "receive");
        byte[] send = log("SMTP Send Protocol Log", "send");
        byte[] nested = log("SMTP Receive Protocol Log", "nested");
        byte[] nestedGz = log("SMTP Send Protocol Log", "nested gz");
        Map<String, byte[]> inner = new LinkedHashMap<>();
        inner.put("RECV2024031110-1.LOG", nested);
        inner.put("SEND2024031110-1.LOG.gz", gzip(nestedGz));
        inner.put("deeper.zip", zip(Map.of("x.LOG", receive)));
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("TransportRoles/", null);
        outer.put("TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031209-1.LOG", receive);
        outer.put("TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend/SEND2024031209-1.LOG.gz", gzip(send));
        outer.put("old/2024-03.zip", zip(inner));
        outer.put("../../escape/RECV2024031211-1.LOG", receive);
        Path archive = Files.write(folder.resolve("EX01.zip"), zip(outer));

        ArchiveContents.Contents contents = ArchiveContents.of(archive);

        Path ex01 = folder.resolve("EX01");
        assertEquals(
                List.of(
                        ex01.resolve("TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031209-1.LOG"),
                        ex01.resolve("TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend/SEND2024031209-1.LOG"),
                        ex01.resolve("old/2024-03/RECV2024031110-1.LOG"),
                        ex01.resolve("old/2024-03/SEND2024031110-1.LOG"),
                        ex01.resolve("escape/RECV2024031211-1.LOG")),
                contents.members().stream()
                        .map(ArchiveContents.Listed::standsFor)
                        .toList());
        assertEquals(
                List.of(
                        "SMTP Receive Protocol Log",
                        "SMTP Send Protocol Log",
                        "SMTP Receive Protocol Log",
                        "SMTP Send Protocol Log",
                        "SMTP Receive Protocol Log"),
                contents.members().stream()
                        .map(listed -> listed.header().logType().orElseThrow())
                        .toList());
        assertTrue(
                contents.members().stream().allMatch(listed -> listed.header().isSmtpProtocolLog()));
        List<byte[]> expected = List.of(receive, send, nested, nestedGz, receive);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), read(contents.members().get(i).member()), "member " + i);
        }
        assertEquals(
                archive + "!/old/2024-03.zip!/SEND2024031110-1.LOG.gz",
                contents.members().get(3).member().name());
        assertEquals(1, contents.broken().size(), contents.broken().toString());
        assertEquals(
                archive + "!/old/2024-03.zip!/deeper.zip",
                contents.broken().get(0).name());
        assertTrue(contents.broken().get(0).reason().contains("only one level of nesting"));
    }

    @Test
    void aGzippedLogStandsForTheLogBesideIt() throws Exception {
        byte[] receive = log("SMTP Receive Protocol Log", "receive");
        Path archive = Files.write(folder.resolve("RECV2024031110-1.LOG.gz"), gzip(receive));
        ArchiveContents.Contents contents = ArchiveContents.of(archive);
        assertEquals(1, contents.members().size());
        assertEquals(
                folder.resolve("RECV2024031110-1.LOG"),
                contents.members().get(0).standsFor());
        assertEquals(archive.toString(), contents.members().get(0).member().name());
        assertArrayEquals(receive, read(contents.members().get(0).member()));
    }

    @Test
    void brokenArchivesAreReportedByNameAndTheRestIsListed() throws Exception {
        byte[] receive = log("SMTP Receive Protocol Log", "receive");
        byte[] whole = zip(Map.of("RECV2024031110-1.LOG", receive));
        Path cut = Files.write(folder.resolve("cut.zip"), Arrays.copyOf(whole, whole.length / 2));
        ArchiveContents.Contents broken = ArchiveContents.of(cut);
        assertEquals(List.of(), broken.members());
        assertEquals(cut.toString(), broken.broken().get(0).name());
        assertTrue(
                broken.broken().get(0).reason().startsWith("broken zip file"),
                broken.broken().toString());

        byte[] gz = gzip(receive);
        Path cutGz = Files.write(folder.resolve("RECV2024031110-1.LOG.gz"), Arrays.copyOf(gz, 10));
        ArchiveContents.Contents brokenGz = ArchiveContents.of(cutGz);
        assertEquals(List.of(), brokenGz.members());
        assertTrue(
                brokenGz.broken().get(0).reason().startsWith("broken gzip file"),
                brokenGz.broken().toString());

        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("bad.LOG.gz", "not gzip at all".getBytes(StandardCharsets.US_ASCII));
        entries.put("RECV2024031110-1.LOG", receive);
        Path mixed = Files.write(folder.resolve("mixed.zip"), zip(entries));
        ArchiveContents.Contents partly = ArchiveContents.of(mixed);
        assertEquals(1, partly.members().size());
        assertEquals(mixed + "!/bad.LOG.gz", partly.broken().get(0).name());
        assertTrue(
                partly.broken().get(0).reason().startsWith("broken archive entry"),
                partly.broken().toString());
    }
}
