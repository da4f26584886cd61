package io.tlsaudit.cli;

import static java.util.Objects.requireNonNull;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The weekly job {@code tlsaudit schedule} prints for each scheduler: {@code ingest} of the logs into the database,
 * then, when it exited 0, {@code report} of the last full ISO week into the report folder, both in one working
 * directory, whose {@code queries/} folder {@code report} reads before the queries inside the jar.
 *
 * @param java the {@code java} executable
 * @param jar {@code tlsaudit.jar}
 * @param workingDirectory the directory the job runs in; when it is missing, the job fails rather than run elsewhere
 * @param logs the log folders or files to ingest, at least one
 * @param database the database file
 * @param reports the report folder ({@code report --out})
 * @param keepWeeks weeks of reports {@code report} keeps ({@code --keep}), at least 1
 * @param formats the report formats, one {@code --format} each; none lets report write every format
 * @param day the day it runs, or every day
 * @param at the time of day it runs, to the minute, in the machine's local time
 */
record ScheduledJob(
        JobPath java,
        JobPath jar,
        JobPath workingDirectory,
        List<JobPath> logs,
        JobPath database,
        JobPath reports,
        int keepWeeks,
        List<String> formats,
        ScheduleDay day,
        LocalTime at) {

    /** The file in the report folder that the cron line and the Windows script append their output to. */
    static final String LOG_FILE = "tlsaudit-schedule.log";

    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    ScheduledJob {
        requireNonNull(java, "java is null");
        requireNonNull(jar, "jar is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        logs = List.copyOf(logs);
        requireNonNull(database, "database is null");
        requireNonNull(reports, "reports is null");
        formats = List.copyOf(formats);
        requireNonNull(day, "day is null");
        requireNonNull(at, "at is null");
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("no logs to ingest");
        }
        if (keepWeeks < 1) {
            throw new IllegalArgumentException("keepWeeks is " + keepWeeks + "; at least 1");
        }
        for (String format : formats) {
            if (!format.matches("[a-z]+")) {
                throw new IllegalArgumentException("format '" + format + "' is not a plain word");
            }
        }
    }

    /** Every path the job's lines hold. */
    List<JobPath> paths() {
        List<JobPath> paths = new ArrayList<>(List.of(java, jar, workingDirectory, database, reports));
        paths.addAll(logs);
        return paths;
    }

    JobPath logFile() {
        return reports.child(LOG_FILE);
    }

    /** {@code 06:00}. */
    String time() {
        return HOURS_MINUTES.format(at);
    }

    /** "every Monday at 06:00". */
    String description() {
        return day.description() + " at " + time();
    }

    /**
     * The arguments after {@code -jar tlsaudit.jar} of the ingest, each path written by {@code quote}. Progress lines
     * are left out: the output goes to a log; warnings, errors and the summary still come.
     */
    List<String> ingestArguments(Function<String, String> quote) {
        List<String> arguments = new ArrayList<>(List.of("ingest", "--quiet", "--db", quote.apply(database.text())));
        logs.forEach(path -> arguments.add(quote.apply(path.text())));
        return arguments;
    }

    /**
     * The arguments after {@code -jar tlsaudit.jar} of the report, each path written by {@code quote}: no window, since
     * the report of the last full ISO week is {@code report}'s own default.
     */
    List<String> reportArguments(Function<String, String> quote) {
        List<String> arguments = new ArrayList<>(List.of(
                "report",
                "--db",
                quote.apply(database.text()),
                "--out",
                quote.apply(reports.text()),
                "--keep",
                Integer.toString(keepWeeks)));
        formats.forEach(format -> arguments.addAll(List.of("--format", format)));
        return arguments;
    }

    /** {@code java -jar tlsaudit.jar} and {@code arguments}, as one line of words. */
    static String commandLine(String java, List<String> javaOptions, String jar, List<String> arguments) {
        return String.join(
                " ",
                Stream.of(Stream.of(java), javaOptions.stream(), Stream.of("-jar", jar), arguments.stream())
                        .flatMap(words -> words)
                        .toList());
    }
}
