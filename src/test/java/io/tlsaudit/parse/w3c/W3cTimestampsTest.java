package io.tlsaudit.parse.w3c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.parse.UtcTimestamps;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The W3C {@code time} value alone (under a {@code #Date} line) and with its {@code date}, read from a line's bytes. */
class W3cTimestampsTest {

    private final W3cTimestamps timestamps = new W3cTimestamps();

    private long timeOfDay(String time) {
        // Inside a line, as the reader sees it: other columns on both sides.
        byte[] line = ("GET " + time + " 443").getBytes(StandardCharsets.UTF_8);
        return timestamps.timeOfDay(line, 4, 4 + time.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"00:00:00, 0", "07:15:02, 26102", "23:59:59, 86399"})
    void readsTheTimeOfDayAlone(String time, long seconds) {
        assertEquals(seconds * 1_000_000L, timeOfDay(time));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {"24:00:00", "07:60:00", "7:15:02", "07:15:02.123", "07-15-02", "", "2024-03-12", "٠٧:١٥:٠٢"})
    void rejectsWhatIsNoTimeOfDay(String time) {
        assertEquals(UtcTimestamps.INVALID, timeOfDay(time));
    }

    @Test
    void readsADateAndTimeAsTheIsoFormOfTheSameInstant() {
        byte[] line = "2024-03-12 07:15:02 10.0.0.5".getBytes(StandardCharsets.US_ASCII);
        assertEquals(UtcTimestamps.parseIso("2024-03-12T07:15:02"), timestamps.dateAndTime(line, 0, 10, 11, 19));
        assertEquals(
                UtcTimestamps.parseDateAndTime("2024-03-12", "07:15:02"), timestamps.dateAndTime(line, 0, 10, 11, 19));
    }

    @Test
    void rejectsADateOutsideTheYearsLogsCanHave() {
        byte[] line = "1989-12-31 23:59:59".getBytes(StandardCharsets.US_ASCII);
        assertEquals(UtcTimestamps.INVALID, timestamps.dateAndTime(line, 0, 10, 11, 19));
    }
}
