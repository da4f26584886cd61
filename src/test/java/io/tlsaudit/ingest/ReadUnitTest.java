package io.tlsaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadUnitTest {

    private static List<ReadUnit> units(long... bytes) {
        return java.util.Arrays.stream(bytes)
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
    void unitsWithNothingToReadAreKeptInTheirPlace() {
        // Touched files read no bytes: they go with the list they belong to, none is lost.
        assertEquals(List.of(10L, 0L, 0L, 0L), sizes(ReadUnit.inTurn(units(10, 0), units(0, 0))));
    }
}
