package io.tlsaudit.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The systemd service and timer of a {@link ScheduledJob}. The service is a oneshot with two {@code ExecStart=}
 * lines: systemd runs them in order and stops at the first that exits non-zero, so the report runs only after an
 * ingest that exited 0, which it does also when it counted malformed lines; not after 1 (failed) or 2 (usage error).
 * The output goes to the journal ({@code journalctl -u tlsaudit-report}). The service runs in the job's working
 * directory ({@code WorkingDirectory=}, without systemd's {@code -} that would let it run elsewhere when the
 * directory is missing), where {@code report} finds the admin's {@code queries/}.
 */
final class SystemdSchedule {

    static final String UNIT = "tlsaudit-report";

    /**
     * Starts the real executable when systemd would refuse its path as an {@code ExecStart=} executable: the shell
     * runs its {@code $0} with the other arguments, so the path is an argument, which may hold anything ({@code env}
     * would take a path with {@code =} for a variable).
     */
    static final String SHELL_EXEC = "/bin/sh -c " + ScheduleQuoting.systemdArgument("exec \"$0\" \"$@\"");

    private SystemdSchedule() {}

    static List<String> service(ScheduledJob job) {
        List<String> lines = new ArrayList<>(List.of(
                "[Unit]",
                "Description=tlsaudit: ingest the logs, then write the weekly legacy-TLS report",
                // the logs may be on a network share
                "Wants=network-online.target",
                "After=network-online.target",
                "",
                "[Service]",
                "Type=oneshot",
                "Environment=LC_ALL=C.UTF-8",
                "# report reads queries/ in the working directory first; if it is missing, the unit fails"
                        + " rather than run elsewhere."));
        lines.add("WorkingDirectory="
                + ScheduleQuoting.systemdPath(job.workingDirectory().text()));
        lines.add(
                "# The ExecStart lines run in order and stop at the first that fails: no report after a failed ingest;"
                        + " " + ExitCodes.COMPLETED_WITH_PROBLEMS
                        + " (some files could not be read) is not a failure.");
        lines.add("SuccessExitStatus=" + ExitCodes.COMPLETED_WITH_PROBLEMS);
        lines.add("ExecStart=" + execStart(job, job.ingestArguments(ScheduleQuoting::systemdArgument)));
        lines.add("ExecStart=" + execStart(job, job.reportArguments(ScheduleQuoting::systemdArgument)));
        return lines;
    }

    static List<String> timer(ScheduledJob job) {
        return List.of(
                "[Unit]",
                "Description=tlsaudit weekly report, " + job.description(),
                "",
                "[Timer]",
                "OnCalendar=" + onCalendar(job),
                // a run missed while the machine was off happens when it is back
                "Persistent=true",
                "",
                "[Install]",
                "WantedBy=timers.target");
    }

    /** {@code Mon *-*-* 06:00:00}; without the weekday for every day. */
    static String onCalendar(ScheduledJob job) {
        return job.day().systemdWeekday() + "*-*-* " + job.time() + ":00";
    }

    private static String execStart(ScheduledJob job, List<String> arguments) {
        String java = job.java().text();
        String jar = ScheduleQuoting.systemdArgument(job.jar().text());
        if (ScheduleQuoting.systemdCanExecute(java)) {
            return ScheduledJob.commandLine(ScheduleQuoting.systemdExecutable(java), List.of(), jar, arguments);
        }
        return ScheduledJob.commandLine(
                SHELL_EXEC + " " + ScheduleQuoting.systemdArgument(java), List.of(), jar, arguments);
    }
}
