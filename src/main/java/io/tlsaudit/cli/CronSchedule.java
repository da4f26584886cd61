package io.tlsaudit.cli;

import java.util.List;

/**
 * The crontab line of a {@link ScheduledJob}. Cron runs it with {@code /bin/sh}, a minimal environment (no locale,
 * a short {@code PATH}) and mails whatever it prints, so the line sets a UTF-8 locale and a {@code PATH} itself, uses
 * absolute paths only, and appends the output to a log in the report folder.
 */
final class CronSchedule {

    /**
     * Vixie cron and the crons derived from it (Debian's and Ubuntu's cron, the BSDs') keep at most 999 bytes of
     * a command ({@code MAX_COMMAND} 1000) and drop the rest without a word.
     */
    static final int LONGEST_SAFE_COMMAND = 999;

    static final String ENVIRONMENT = "export LC_ALL=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin;";

    private CronSchedule() {}

    /**
     * {@code m h * * dow command}. Cron starts it in the user's home directory, so the command first changes to the
     * job's working directory, where report finds the admin's {@code queries/}; when that fails, {@code &&} stops
     * the line there and cron mails the shell's complaint. The report folder is made next, since the shell opens the
     * log in it before either program runs; the report runs only when the ingest exited 0, or 3 (completed, some files
     * could not be read: the report's coverage section names them).
     */
    static String line(ScheduledJob job) {
        return schedule(job) + " " + command(job);
    }

    /** The five time fields: minute, hour, any day of the month, any month, the day of the week. */
    static String schedule(ScheduledJob job) {
        return job.at().getMinute() + " " + job.at().getHour() + " * * "
                + job.day().cronField();
    }

    /** The command part of the line, as cron reads it ({@code %} escaped). */
    static String command(ScheduledJob job) {
        String java = ScheduleQuoting.cron(job.java().text());
        String jar = ScheduleQuoting.cron(job.jar().text());
        String ingest = ScheduledJob.commandLine(java, List.of(), jar, job.ingestArguments(ScheduleQuoting::cron));
        String report = ScheduledJob.commandLine(java, List.of(), jar, job.reportArguments(ScheduleQuoting::cron));
        return ENVIRONMENT + " cd -- "
                + ScheduleQuoting.cron(job.workingDirectory().text()) + " && mkdir -p "
                + ScheduleQuoting.cron(job.reports().text()) + " && { " + ingest
                + "; ingest_exit=$?; [ $ingest_exit -eq "
                + ExitCodes.OK + " ] || [ $ingest_exit -eq " + ExitCodes.COMPLETED_WITH_PROBLEMS + " ] && " + report
                + "; } >>"
                + ScheduleQuoting.cron(job.logFile().text()) + " 2>&1";
    }

    /** True when some crons would cut the command. */
    static boolean tooLongForEveryCron(ScheduledJob job) {
        // The limit is of bytes: a path of CJK characters takes three per character.
        return command(job).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > LONGEST_SAFE_COMMAND;
    }
}
