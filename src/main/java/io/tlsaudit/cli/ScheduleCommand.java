package io.tlsaudit.cli;

import io.tlsaudit.report.render.OutputFormat;
import io.tlsaudit.text.InertText;
import java.io.File;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tlsaudit schedule}: prints the lines that run the weekly job (ingest, then the report of the last full ISO
 * week) from cron, systemd or the Windows Task Scheduler. It installs and runs nothing.
 */
@Command(
        name = "schedule",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prints, ready to paste, what runs the weekly job from a scheduler: ingest of the logs into the database,"
                    + " then, when the ingest exited 0, the report of the last full ISO week into the report folder,"
                    + " keeping the reports of the last weeks. For cron: one crontab line; for systemd: a service and"
                    + " a timer; for Windows: a batch script and the schtasks command, or the PowerShell lines, that"
                    + " register a task running it.",
            "Every scheduler runs the job in one working directory, --workdir, so that report reads the named"
                    + " queries of its queries/ folder, as report run there by hand does; if it is missing when the"
                    + " job runs, the job fails rather than run elsewhere.",
            "Every path is made absolute and quoted for its scheduler. A Windows path (C:\\..., \\\\server\\share) is"
                    + " kept as given, so the lines for a Windows machine can be printed on another one. Nothing is"
                    + " installed or run.",
            "",
            "Example:",
            "  java -jar tlsaudit.jar schedule --every monday --at 06:00 --logs /mnt/exchange-logs --db audit.duckdb"
                    + " --out reports"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE})
final class ScheduleCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--every",
            paramLabel = "DAY",
            defaultValue = "monday",
            converter = ScheduleDay.Converter.class,
            description = "The day the job runs: monday ... sunday (or mon ... sun), or day for every day (default:"
                    + " ${DEFAULT-VALUE}).")
    ScheduleDay every;

    @Option(
            names = "--at",
            paramLabel = "HH:MM",
            defaultValue = "06:00",
            converter = TimeOfDay.class,
            description = "The time it runs, 24-hour, in the machine's local time (default: ${DEFAULT-VALUE}).")
    LocalTime at;

    @Option(
            names = "--logs",
            paramLabel = "PATH",
            required = true,
            description = "A log folder or file to ingest, as for ingest. Repeatable.")
    List<String> logs;

    @Mixin
    DatabaseOption database;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "The report folder: report --out DIR, which writes tlsaudit-YYYY-Www files there. The cron"
                    + " line and the Windows script append their output to DIR/" + ScheduledJob.LOG_FILE + ".")
    String out;

    @Option(
            names = "--keep",
            paramLabel = "N",
            defaultValue = "26",
            description = "Weeks of reports to keep in DIR: report --keep N (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            split = ",",
            description = "A report format to write: ${COMPLETION-CANDIDATES}. Repeatable (default: none given to"
                    + " report, which then writes every format).")
    List<OutputFormat> formats = new ArrayList<>();

    @Option(
            names = "--java",
            paramLabel = "PATH",
            description = "The java executable the job runs (default: the one running this command).")
    String java;

    @Option(
            names = "--jar",
            paramLabel = "PATH",
            description = "tlsaudit.jar as the job finds it (default: the jar running this command).")
    String jar;

    @Option(
            names = "--workdir",
            paramLabel = "DIR",
            description = "The directory the job runs in: report reads DIR/queries/NAME.sql before the query of that"
                    + " name inside the jar (default: the directory schedule is run from).")
    String workdir;

    @Override
    public Integer call() {
        ScheduledJob job = job();
        PrintWriter out = spec.commandLine().getOut();
        ScheduleText.print(job, out);
        out.flush();
        return ExitCodes.OK;
    }

    /** The job the options describe; a usage error for anything the lines could not hold. */
    ScheduledJob job() {
        if (keep < 1) {
            throw usage("--keep " + keep + ": expected at least 1 (the weeks of reports to keep)");
        }
        List<JobPath> logPaths = new ArrayList<>();
        for (String log : logs) {
            logPaths.add(path("--logs", log));
        }
        return new ScheduledJob(
                path("--java", java != null ? java : currentJava()),
                path("--jar", jar != null ? jar : runningJar()),
                path("--workdir", workdir != null ? workdir : currentDirectory()),
                logPaths,
                path("--db", database.database.toString()),
                path("--out", out),
                keep,
                reportFormats(),
                every,
                at);
    }

    /** The names report's {@code --format} takes; none leaves report its own default, every format. */
    private List<String> reportFormats() {
        Set<String> chosen = new LinkedHashSet<>();
        formats.forEach(format -> chosen.add(format.name().toLowerCase(Locale.ROOT)));
        return List.copyOf(chosen);
    }

    private JobPath path(String option, String given) {
        int unsafe = given.codePoints().filter(InertText::isUnsafe).findFirst().orElse(-1);
        if (unsafe >= 0) {
            throw usage(option + " '" + InertText.of(given) + "' holds "
                    + String.format(Locale.ROOT, "U+%04X", unsafe)
                    + ", a control or invisible character: no crontab line, unit file or batch file can hold it"
                    + " safely; rename the path");
        }
        try {
            return JobPath.of(given);
        } catch (IllegalArgumentException e) {
            throw usage(option + " '" + given + "': " + e.getMessage());
        }
    }

    private String runningJar() {
        CodeSource source = ScheduleCommand.class.getProtectionDomain().getCodeSource();
        Optional<Path> location = Optional.empty();
        if (source != null) {
            try {
                location = Optional.of(Path.of(source.getLocation().toURI()));
            } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
                location = Optional.empty();
            }
        }
        Optional<Path> running = location.flatMap(ScheduleCommand::asJar);
        if (running.isEmpty()) {
            throw usage("tlsaudit is not running from a jar here"
                    + location.map(path -> " (its classes are in " + path + ")").orElse("")
                    + ", so where the job finds tlsaudit.jar is unknown; give --jar PATH");
        }
        return running.get().toString();
    }

    /** {@code location} when it is a jar file, not a folder of classes. */
    static Optional<Path> asJar(Path location) {
        return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
    }

    /** Where {@code schedule} runs, which is where the admin's {@code report} runs too, reading its queries/. */
    private static String currentDirectory() {
        return Path.of("").toAbsolutePath().toString();
    }

    private static String currentJava() {
        String executable = File.separatorChar == '\\' ? "java.exe" : "java";
        return Path.of(System.getProperty("java.home"), "bin", executable).toString();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** {@code HH:MM}, 24-hour; one digit for the hour will do. */
    static final class TimeOfDay implements CommandLine.ITypeConverter<LocalTime> {
        private static final Pattern HOURS_MINUTES = Pattern.compile("(\\d{1,2}):(\\d{2})");

        @Override
        public LocalTime convert(String value) {
            Matcher time = HOURS_MINUTES.matcher(value.strip());
            if (time.matches()) {
                int hour = Integer.parseInt(time.group(1));
                int minute = Integer.parseInt(time.group(2));
                if (hour < 24 && minute < 60) {
                    return LocalTime.of(hour, minute);
                }
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a time of day: expected HH:MM, 24-hour, e.g. 06:00 or 18:30");
        }
    }
}
