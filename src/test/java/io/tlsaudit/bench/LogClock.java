package io.tlsaudit.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The corpus calendar: UTC epoch milliseconds from the first day at 00:00 and the text forms the two log formats
 * write, appended digit by digit (the generator's hot loop; {@code String.format} would dominate it). Days are
 * cached as prefixes, so only days inside the corpus (plus two) can be formatted.
 */
final class LogClock {

    static final long SECOND = 1_000L;
    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;

    /** The servers' local time zone (the banner text): Central European Time, UTC+1 in November. */
    private static final long LOCAL_OFFSET = HOUR;

    private final long startMillis;
    private final String[] isoDay; // 2026-11-02T
    private final String[] w3cDay; // 2026-11-02 + space
    private final String[] compactDay; // 20261102
    private final String[] iisDay; // 261102
    private final String[] bannerDay; // Mon, 2 Nov 2026 + space

    LogClock(LocalDate start, int days) {
        this.startMillis = start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        int cached = days + 2;
        isoDay = new String[cached];
        w3cDay = new String[cached];
        compactDay = new String[cached];
        iisDay = new String[cached];
        bannerDay = new String[cached];
        for (int d = 0; d < cached; d++) {
            LocalDate date = start.plusDays(d);
            String iso = date.toString();
            isoDay[d] = iso + "T";
            w3cDay[d] = iso + " ";
            compactDay[d] = iso.replace("-", "");
            iisDay[d] = compactDay[d].substring(2);
            bannerDay[d] = date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT) + ", "
                    + date.getDayOfMonth() + " "
                    + date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT) + " " + date.getYear() + " ";
        }
    }

    long startMillis() {
        return startMillis;
    }

    /** {@code 2026-11-02T10:02:13.204Z}: Exchange's {@code date-time}. */
    void appendIso(StringBuilder out, long millis) {
        long sinceStart = millis - startMillis;
        out.append(isoDay[(int) (sinceStart / DAY)]);
        appendTimeOfDay(out, sinceStart % DAY);
        out.append('.');
        int fraction = (int) (sinceStart % SECOND);
        out.append((char) ('0' + fraction / 100))
                .append((char) ('0' + fraction / 10 % 10))
                .append((char) ('0' + fraction % 10))
                .append('Z');
    }

    /** {@code 2026-11-02 10:02:13}: the IIS {@code date} and {@code time} fields, or its {@code #Date} line. */
    void appendW3c(StringBuilder out, long millis) {
        long sinceStart = millis - startMillis;
        out.append(w3cDay[(int) (sinceStart / DAY)]);
        appendTimeOfDay(out, sinceStart % DAY);
    }

    /** {@code Mon, 2 Nov 2026 11:02:13 +0100}: the server's local time in an SMTP banner. */
    void appendBanner(StringBuilder out, long millis) {
        long local = millis - startMillis + LOCAL_OFFSET;
        out.append(bannerDay[(int) (local / DAY)]);
        appendTimeOfDay(out, local % DAY);
        out.append(" +0100");
    }

    /** {@code 2026110208}: the date and hour of an hourly SMTP log name ({@code RECV2026110208-1.LOG}). */
    String compactHour(long millis) {
        long sinceStart = millis - startMillis;
        return compactDay[(int) (sinceStart / DAY)] + twoDigits((int) (sinceStart % DAY / HOUR));
    }

    /** {@code 20261102}: the date of a daily SMTP log name ({@code RECV20261102-1.LOG}). */
    String compactDay(long millis) {
        return compactDay[(int) ((millis - startMillis) / DAY)];
    }

    /** {@code 26110208}: the date and hour of an hourly IIS log name ({@code u_ex26110208_x.log}). */
    String iisHour(long millis) {
        long sinceStart = millis - startMillis;
        return iisDay[(int) (sinceStart / DAY)] + twoDigits((int) (sinceStart % DAY / HOUR));
    }

    /** The hour of the day (0-23, UTC) of {@code millis}. */
    int hourOfDay(long millis) {
        return (int) ((millis - startMillis) % DAY / HOUR);
    }

    private static void appendTimeOfDay(StringBuilder out, long millisOfDay) {
        int seconds = (int) (millisOfDay / SECOND);
        appendTwoDigits(out, seconds / 3600);
        out.append(':');
        appendTwoDigits(out, seconds / 60 % 60);
        out.append(':');
        appendTwoDigits(out, seconds % 60);
    }

    private static void appendTwoDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
