package io.tlsaudit.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress line of an ingest run on stderr: {@code files 120/666  MB 310/1,102  48.2 MB/s  connections 41,230
 * ETA 0:17}. On a terminal it is one live line, rewritten at most {@value #LIVE_UPDATES_PER_SECOND} times a second; in a
 * log (scheduled runs, CI) a full line at most every {@value #LOG_INTERVAL_SECONDS} s; with {@code --quiet} none. It
 * also keeps the run's time and bytes for the final summary, which is printed in every mode.
 *
 * <p>MB are 10<sup>6</sup> bytes. The rate and the ETA count from the moment the work is planned (walking the share and
 * comparing the ledger come before), so a slow walk does not make the read look slow. Lines are drawn when the run
 * reports something (a file done, a commit), never from a timer: a single huge file holds the line still until it is
 * done.
 *
 * <p>Not thread-safe: the ingest hands its listener one call at a time.
 */
final class IngestProgress {

    static final int LIVE_UPDATES_PER_SECOND = 4;
    static final int LOG_INTERVAL_SECONDS = 10;

    private static final long LIVE_INTERVAL = TimeUnit.SECONDS.toNanos(1) / LIVE_UPDATES_PER_SECOND;
    private static final long LOG_INTERVAL = TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS);
    private static final double MB = 1_000_000.0;

    /** How progress shows. */
    enum Display {
        /** One line rewritten in place: stderr is a terminal. */
        LIVE,
        /** A line every {@value IngestProgress#LOG_INTERVAL_SECONDS} s: stderr is a file or a pipe. */
        LOG,
        /** No progress lines ({@code --quiet}); the summary still comes. */
        NONE;

        /** {@code --quiet} wins; otherwise live when stderr is a terminal ({@link #stderrIsTerminal()}). */
        static Display of(boolean quiet) {
            if (quiet) {
                return NONE;
            }
            return stderrIsTerminal() ? LIVE : LOG;
        }
    }

    private final PrintWriter err;
    private final Display display;
    private final LongSupplier nanos;
    private final long startedAt;

    private boolean planned;
    private long plannedAt;
    private long filesTotal;
    private long bytesTotal;
    private long filesDone;
    private long bytesDone;
    private long connections;

    /** When the last line was drawn, or the run started: the throttle counts from there. */
    private long drawnAt;
    /** The length of the live line on screen, 0 when there is none (before the first draw, after a message). */
    private int liveLength;

    /**
     * @param err where the lines go; flushed after each
     * @param display how they show
     * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass a fake one); the run starts
     *     when this object is made
     */
    IngestProgress(PrintWriter err, Display display, LongSupplier nanos) {
        this.err = err;
        this.display = display;
        this.nanos = nanos;
        this.startedAt = nanos.getAsLong();
        this.drawnAt = startedAt;
    }

    /** The work of the run: every log file, and the bytes that will be read. Draws the first live line. */
    void planned(long files, long bytesToRead) {
        planned = true;
        plannedAt = nanos.getAsLong();
        filesTotal = files;
        bytesTotal = bytesToRead;
        if (display == Display.LIVE) {
            drawLive(plannedAt);
        }
    }

    /** A file was read ({@code bytesRead} of it), or found unchanged (0 bytes). */
    void fileDone(long bytesRead) {
        filesDone++;
        bytesDone += bytesRead;
        update();
    }

    /** The connections stored so far, after a commit. */
    void committed(long connectionsStored) {
        connections = connectionsStored;
        update();
    }

    /**
     * Call before printing a message line of one's own: the live line is wiped, so the message starts at the left
     * margin and no remnant of the progress text trails it. {@link #afterMessage()} draws the line again below.
     */
    void beforeMessage() {
        if (liveLength > 0) {
            err.print("\r" + " ".repeat(liveLength) + "\r");
            liveLength = 0;
        }
    }

    /** Call after a message line of one's own: the live line comes back under it at once. */
    void afterMessage() {
        if (display == Display.LIVE && planned) {
            drawLive(nanos.getAsLong());
        }
    }

    /**
     * The run is over (done or failed): the live line is drawn a last time with the final figures and ended with a
     * newline, so whatever follows (the summary, an error) starts on a line of its own. Safe to call twice.
     */
    void finish() {
        if (display == Display.LIVE && liveLength > 0) {
            drawLive(nanos.getAsLong());
            err.println();
            liveLength = 0;
            err.flush();
        }
    }

    /**
     * For the summary: {@code 310.2 MB read in 6.4 s (48.2 MB/s)}, timed over the whole run, the walk of the share
     * included.
     */
    String summary() {
        long elapsed = Math.max(0, nanos.getAsLong() - startedAt);
        double seconds = elapsed / 1e9;
        String rate = elapsed == 0 ? "--" : format("%.1f", bytesDone / MB / seconds);
        return megabytes(bytesDone, bytesDone) + " MB read in " + format("%.1f", seconds) + " s (" + rate + " MB/s)";
    }

    /** The progress text as of {@code now}, without line control characters. */
    String line(long now) {
        long elapsed = now - plannedAt;
        boolean hasRate = bytesDone > 0 && elapsed > 0;
        double bytesPerSecond = hasRate ? bytesDone / (elapsed / 1e9) : 0;
        String rate = hasRate ? format("%.1f", bytesPerSecond / MB) : "--";
        String eta = hasRate ? duration(Math.max(0, bytesTotal - bytesDone) / bytesPerSecond) : "--";
        return "files " + format("%,d", filesDone) + "/" + format("%,d", filesTotal)
                + "  MB " + megabytes(bytesDone, bytesTotal) + "/" + megabytes(bytesTotal, bytesTotal)
                + "  " + rate + " MB/s  connections " + format("%,d", connections) + "  ETA " + eta;
    }

    private void update() {
        if (!planned) {
            return;
        }
        long now = nanos.getAsLong();
        switch (display) {
            case LIVE -> {
                if (liveLength == 0 || now - drawnAt >= LIVE_INTERVAL) {
                    drawLive(now);
                }
            }
            case LOG -> {
                if (now - drawnAt >= LOG_INTERVAL) {
                    err.println(line(now));
                    err.flush();
                    drawnAt = now;
                }
            }
            case NONE -> {}
        }
    }

    /**
     * Rewrites the live line. The rest of a longer previous text is blanked with spaces rather than the ANSI
     * erase-to-end-of-line sequence, which a Windows console without virtual terminal processing prints as text.
     */
    private void drawLive(long now) {
        String text = line(now);
        String blank = " ".repeat(Math.max(0, liveLength - text.length()));
        err.print("\r" + text + blank);
        err.flush();
        liveLength = text.length();
        drawnAt = now;
    }

    /** Whole MB once the run is 10 MB or more, one decimal below that (a small run would show {@code MB 0/0}). */
    private static String megabytes(long bytes, long scale) {
        return scale >= 10 * MB ? format("%,d", Math.round(bytes / MB)) : format("%.1f", bytes / MB);
    }

    /** {@code 0:17}, {@code 12:05}, {@code 3:02:09}. */
    static String duration(double seconds) {
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total / 60 % 60;
        long rest = total % 60;
        return hours > 0 ? format("%d:%02d:%02d", hours, minutes, rest) : format("%d:%02d", minutes, rest);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    /**
     * Whether stderr is a terminal. Java 17 cannot ask that of stderr itself: {@link System#console()} is non-null
     * when stdin and stdout are the terminal, which says nothing about stderr ({@code tlsaudit ... 2>ingest.log} from
     * a shell, {@code tlsaudit analyze ... | less}). On Linux the link {@code /proc/self/fd/2} names what stderr is,
     * so a terminal device there ({@code /dev/pts/N}, {@code /dev/ttyN}, {@code /dev/console}) decides; where that link
     * cannot be read (Windows, macOS) the console check stands in, with {@code Console.isTerminal()} where Java has it
     * (22+, whose {@code System.console()} is non-null when redirected, too). {@code TERM=dumb} (Emacs shells and
     * other line-only terminals) counts as not a terminal.
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | RuntimeException noProc) {
            // not Linux, or /proc not mounted: fall back to the console check
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException beforeJava22) {
            return true;
        }
    }
}
