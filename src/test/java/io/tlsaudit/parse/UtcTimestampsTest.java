package io.tlsaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected epoch microseconds are computed independently with java.time. */
class UtcTimestampsTest {

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /**
     * {@link UtcTimestamps#parseIso(byte[], int, int)} over the text placed inside a larger buffer, checked against
     * {@link IsoTimestamps}, which caches the minute: fresh, with that minute cached, and with another cached.
     */
    private static long iso(String text) {
        byte[] bytes = ("xx," + text + ",yy").getBytes(StandardCharsets.UTF_8);
        int from = 3;
        int to = from + text.getBytes(StandardCharsets.UTF_8).length;
        long direct = UtcTimestamps.parseIso(bytes, from, to);
        IsoTimestamps cached = new IsoTimestamps();
        assertEquals(direct, cached.parse(bytes, from, to), text);
        assertEquals(direct, cached.parse(bytes, from, to), text + ", its minute cached");
        IsoTimestamps otherMinute = new IsoTimestamps();
        byte[] other = "2024-03-12T07:00:00.000Z".getBytes(StandardCharsets.US_ASCII);
        otherMinute.parse(other, 0, other.length);
        assertEquals(direct, otherMinute.parse(bytes, from, to), text + ", another minute cached");
        return direct;
    }

    @Test
    void readsConsecutiveRowsOfOneMinuteFromItsCacheAndStillChecksTheirSeconds() {
        IsoTimestamps timestamps = new IsoTimestamps();
        byte[] rows = "2024-03-12T08:59:47.305Z2024-03-12T08:59:59.999Z2024-03-12T08:59x00.000Z2024-03-12T08:59:60.000Z"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(micros(Instant.parse("2024-03-12T08:59:47.305Z")), timestamps.parse(rows, 0, 24));
        assertEquals(micros(Instant.parse("2024-03-12T08:59:59.999Z")), timestamps.parse(rows, 24, 48));
        assertEquals(UtcTimestamps.INVALID, timestamps.parse(rows, 48, 72), "no colon before the seconds");
        assertEquals(micros(Instant.parse("2024-03-12T09:00:00.000Z")), timestamps.parse(rows, 72, 96), "second 60");
    }

    @Test
    void parsesExchangeTimestampOfExampleE1() {
        long expected = micros(Instant.parse("2024-03-12T08:59:47.305Z"));
        assertEquals(1_710_233_987_305_000L, expected); // 2024-03-12T08:59:47Z = 1710233987 s
        assertEquals(expected, iso("2024-03-12T08:59:47.305Z"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "2024-03-12T08:59:47.305Z",
                "2024-03-12T09:00:02.871Z",
                "2016-10-11T09:26:40.118Z",
                "2020-06-09T00:00:04.612Z",
                "1990-01-01T00:00:00.000Z",
                "2100-12-31T23:59:59.999999Z",
                "2024-02-29T23:59:59.999Z",
                "2000-02-29T12:00:00.000Z",
                "2024-12-31T23:59:59.000Z",
                "2024-03-12T08:59:47Z",
                "2024-03-12T08:59:47.3Z",
                "2024-03-12T08:59:47.305123Z",
            })
    void parsesIsoTimestampLikeJavaTime(String text) {
        assertEquals(micros(Instant.parse(text)), iso(text));
    }

    @Test
    void truncatesSevenFractionDigitsToMicroseconds() {
        // .NET "o" format writes 7 digits (100 ns ticks); microseconds keep the first six.
        long expected = micros(Instant.parse("2024-03-12T08:59:47.305123Z"));
        assertEquals(expected, iso("2024-03-12T08:59:47.3051239Z"));
    }

    @Test
    void acceptsMissingZone() {
        assertEquals(micros(Instant.parse("2024-03-12T08:59:47.305Z")), iso("2024-03-12T08:59:47.305"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "yyyy-MM-ddTHH:mm:ss.fffZ", // placeholder of documentation-style excerpts
                "2024-13-12T08:59:47.305Z",
                "2024-00-12T08:59:47.305Z",
                "2024-02-30T08:59:47.305Z",
                "2023-02-29T08:59:47.305Z",
                "2100-02-29T08:59:47.305Z",
                "2024-04-31T08:59:47.305Z",
                "2024-03-00T08:59:47.305Z",
                "2024-03-12T24:00:00.000Z",
                "2024-03-12T08:60:47.305Z",
                "2024-03-12T08:59:47.305Zjunk",
                "2024-03-12T08:59:47.305Z ",
                "2024-03-12T08:59:47.305 ",
                "2024-03-12T08:59:47.Z",
                "2024-03-12T08:59:47.30512345Z",
                "2024-03-12T08:59:47,305Z",
                "2024-03-12 08:59:47.305Z",
                "2024/03/12T08:59:47.305Z",
                "2024-3-12T08:59:47.305Z",
                "2024-03-12T8:59:47.305Z",
                "2024-03-12T08:59",
                "2024-03-12",
                "",
            })
    void rejectsInvalidIsoTimestamp(String text) {
        assertEquals(UtcTimestamps.INVALID, iso(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "0001-01-01T00:00:00.000Z", // .NET DateTime.MinValue, written for a time never set
                "0001-01-01T00:00:00.0000000Z",
                "9999-12-31T23:59:59.999Z", // DateTime.MaxValue
                "1970-01-01T00:00:00.000Z", // a zero Unix time
                "1601-01-01T00:00:00.000Z", // a zero FILETIME
                "1989-12-31T23:59:59.999Z",
                "2101-01-01T00:00:00.000Z",
            })
    void rejectsPlaceholderYearsOutsideTheLogEra(String text) {
        assertEquals(UtcTimestamps.INVALID, iso(text));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "2024-03-12, 07:15:02",
        "2024-03-12, 09:41:30",
        "2024-02-29, 23:59:59",
        "2024-01-01, 00:00:00",
        "1999-12-31, 23:59:59",
        "1990-01-01, 00:00:00",
        "2100-12-31, 23:59:59",
    })
    void parsesW3cDateAndTimeLikeJavaTime(String date, String time) {
        Instant expected =
                LocalDateTime.of(LocalDate.parse(date), LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
        assertEquals(micros(expected), UtcTimestamps.parseDateAndTime(date, time));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "2023-02-29, 12:00:00",
        "2024-02-30, 12:00:00",
        "2024-13-01, 12:00:00",
        "2024-3-12, 07:15:02",
        "2024-03-12, 24:00:00",
        "2024-03-12, 07:60:00",
        "2024-03-12, 07:15:02.123",
        "2024-03-12, 7:15:02",
        "2024-03-12T, 07:15:02",
        "date-only, 07:15:02",
        "0001-01-01, 00:00:00",
        "9999-12-31, 23:59:59",
        "1989-12-31, 23:59:59",
        "2101-01-01, 00:00:00",
    })
    void rejectsInvalidW3cDateOrTime(String date, String time) {
        assertEquals(UtcTimestamps.INVALID, UtcTimestamps.parseDateAndTime(date, time));
    }

    @Test
    void convertsParsedMicrosBackToTheSameLocalDateTime() {
        assertEquals(
                LocalDateTime.parse("2024-03-12T08:59:47.305"),
                UtcTimestamps.toLocalDateTime(iso("2024-03-12T08:59:47.305Z")));
        assertEquals(LocalDateTime.parse("1969-12-31T23:59:59.999"), UtcTimestamps.toLocalDateTime(-1000));
    }
}
