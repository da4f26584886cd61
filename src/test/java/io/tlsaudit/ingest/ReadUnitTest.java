package io.tlsaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.discover.LogFileFinder;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.testing.IisLogFiles;
import io.tlsaudit.testing.SmtpLogFiles;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadUnitTest {

    @TempDir
    Path folder;

    private static List<ReadUnit> units(long... bytes) {
        return Arrays.stream(bytes)
                .mapToObj(size -> new ReadUnit(List.of(), size))
                .toList();
    }

    private static List<Long> sizes(List<ReadUnit> units) {
        return units.stream().map(ReadUnit::bytes).toList();
    }

    @Test
    void streamsAndSingleLogsAreTakenInTurnByTheShareOfTheirBytesAlreadyTaken() {
        // Streams of 1,000 bytes in all, single logs of 100: after the 600-byte stream (60% of the streams' bytes)
        // come single logs until they are past 60% of theirs (50, then 30: 80%), then the next stream (90%), and so on.
        List<ReadUnit> order = ReadUnit.inTurn(units(600, 300, 100), units(50, 30, 20));
        assertEquals(List.of(600L, 50L, 30L, 300L, 20L, 100L), sizes(order));
    }

    @Test
    void oneListAloneKeepsItsOrder() {
        assertEquals(List.of(5L, 3L, 1L), sizes(ReadUnit.inTurn(units(5, 3, 1), List.of())));
        assertEquals(List.of(5L, 3L, 1L), sizes(ReadUnit.inTurn(List.of(), units(5, 3, 1))));
        assertEquals(List.of(), sizes(ReadUnit.inTurn(List.of(), List.of())));
    }

    @Test
    void unitsThatReadNothingKeepTheirPlaceInTheirList() {
        // Touched files read no bytes; each list's own order stands and no unit is lost or taken twice.
        List<ReadUnit> streams = units(10, 0);
        List<ReadUnit> singles = units(0, 0);
        List<ReadUnit> order = ReadUnit.inTurn(streams, singles);
        assertEquals(4, order.size());
        assertEquals(List.of(streams.get(0), singles.get(0), singles.get(1), streams.get(1)), order);
    }

    /** {@code count} Receive rows of one session each, starting at {@code hour}. */
    private static List<String> receiveRows(String server, int hour, int count) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(String.format(
                    "2024-03-12T%02d:00:%02d.000Z,%s\\Default Frontend %s,%016X,0,10.0.0.11:25,198.51.100.7:%d,+,,",
                    hour, i % 60, server, server, 0x08DC000000000000L + hour * 1000L + i, 40000 + i));
        }
        return rows;
    }

    private Path receiveLog(String server, String name) {
        return folder.resolve("share/" + server + "/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/" + name);
    }

    @Test
    void aShareIsReadAsWholeStreamsInFileOrderWithItsIisLogsBetweenThem() throws Exception {
        // EX01's stream: two hourly files, 700 bytes and more each; EX02's: one, 300 rows of its own; two small IIS
        // logs.
        SmtpLogFiles.writeLog(receiveLog("EX01", "RECV2024031210-1.LOG"), "Receive", receiveRows("EX01", 10, 400));
        SmtpLogFiles.writeLog(receiveLog("EX01", "RECV2024031209-1.LOG"), "Receive", receiveRows("EX01", 9, 400));
        SmtpLogFiles.writeLog(receiveLog("EX02", "RECV2024031209-1.LOG"), "Receive", receiveRows("EX02", 9, 300));
        LocalDateTime at = LocalDateTime.of(2024, 3, 12, 9, 0);
        IisLogFiles.write(
                folder.resolve("share/EX01/W3SVC1/u_ex24031209.log"),
                true,
                List.of(new IisLogFiles.Request(
                        at, "/owa/", null, "203.0.113.9", "Mozilla/5.0", IisLogFiles.Crypto.TLS12)));
        IisLogFiles.write(
                folder.resolve("share/EX01/W3SVC1/u_ex24031210.log"),
                true,
                List.of(
                        new IisLogFiles.Request(
                                at.plusHours(1), "/owa/", null, "203.0.113.9", "Mozilla/5.0", IisLogFiles.Crypto.TLS12),
                        new IisLogFiles.Request(
                                at.plusHours(1),
                                "/ews/",
                                null,
                                "203.0.113.9",
                                "Mozilla/5.0",
                                IisLogFiles.Crypto.TLS12)));

        LogFileFinder.Found found =
                new LogFileFinder(LogLocation.byFirstFolder()).find(List.of(folder.resolve("share")));
        List<ReadUnit> units = ReadUnit.of(ReadPlan.make(found.logs(), Map.of()).steps());

        List<List<String>> files = units.stream()
                .map(unit -> unit.steps().stream()
                        .map(step -> Path.of(step.storedName()).getFileName().toString())
                        .toList())
                .toList();
        // The longest stream first, in the order of its files; the IIS logs, longest first, before EX02's stream,
        // which the longest-first order alone put before them.
        assertEquals(
                List.of(
                        List.of("RECV2024031209-1.LOG", "RECV2024031210-1.LOG"),
                        List.of("u_ex24031210.log"),
                        List.of("u_ex24031209.log"),
                        List.of("RECV2024031209-1.LOG")),
                files);
        assertEquals(
                List.of("EX01", "EX01", "EX01", "EX02"),
                units.stream()
                        .map(unit -> unit.steps().get(0).log().server().orElse("?"))
                        .toList());
    }
}
