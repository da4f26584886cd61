package io.tlsaudit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code tlsaudit schedule} prints: a block per scheduler, each opening with a one-line comment, in that
 * scheduler's comment syntax, saying where it goes; a note where the paths are not of the kind the block's machine
 * uses (the lines for a Windows machine printed on Linux, or the other way round).
 */
final class ScheduleText {

    private ScheduleText() {}

    static void print(ScheduledJob job, PrintWriter out) {
        lines(job).forEach(out::println);
    }

    static List<String> lines(ScheduledJob job) {
        List<String> lines = new ArrayList<>();
        lines.add("# tlsaudit weekly report, " + job.description()
                + " (the machine's local time). Nothing has been installed: paste the block for the machine's"
                + " scheduler.");
        lines.add("");
        Optional<JobPath> windowsPath =
                job.paths().stream().filter(JobPath::windows).findFirst();
        windowsPath.ifPresent(path -> lines.add("# note: " + path
                + " is a Windows path, kept as given; the cron and systemd lines are for a Linux machine: give"
                + " its paths"));

        lines.add("# cron: add this line with crontab -e, as the user that runs the job; the output goes to "
                + job.logFile());
        if (CronSchedule.tooLongForEveryCron(job)) {
            lines.add("# note: this command is longer than the " + CronSchedule.LONGEST_SAFE_COMMAND
                    + " bytes that Vixie-derived crons (Debian's, Ubuntu's, the BSDs') keep: there, use the"
                    + " systemd timer");
        }
        lines.add(CronSchedule.line(job));
        lines.add("");

        lines.add("# systemd: save as /etc/systemd/system/" + SystemdSchedule.UNIT + ".service");
        lines.addAll(SystemdSchedule.service(job));
        lines.add("");
        lines.add("# systemd: save as /etc/systemd/system/" + SystemdSchedule.UNIT
                + ".timer, then run: systemctl daemon-reload && systemctl enable --now " + SystemdSchedule.UNIT
                + ".timer");
        lines.addAll(SystemdSchedule.timer(job));
        lines.add("");

        Optional<String> problem = WindowsSchedule.problem(job);
        if (problem.isPresent()) {
            lines.add("REM Windows: no task: " + problem.get() + ".");
            return lines;
        }
        Optional<JobPath> otherPath =
                job.paths().stream().filter(path -> !path.windows()).findFirst();
        otherPath.ifPresent(path -> lines.add("REM note: " + ScheduleQuoting.batch(path.text())
                + " is not a Windows path; the lines below are for a Windows machine: give its paths (--java, --jar,"
                + " --workdir, --logs, --db, --out)"));
        lines.addAll(WindowsSchedule.scriptLines(job));
        lines.add("");
        Optional<String> schtasks = WindowsSchedule.schtasks(job);
        if (schtasks.isPresent()) {
            lines.add("REM schtasks: run in a Command Prompt opened with \"Run as administrator\"");
            lines.add(schtasks.get());
        } else {
            lines.add("REM schtasks: the script's path is too long for schtasks /TR ("
                    + WindowsSchedule.LONGEST_TASK_RUN + " characters); use the PowerShell lines");
        }
        lines.add("");
        lines.add("# PowerShell, instead of schtasks: run in a PowerShell opened with \"Run as administrator\"");
        lines.addAll(WindowsSchedule.powershell(job));
        return lines;
    }
}
