package io.tlsaudit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Windows task of a {@link ScheduledJob}: a batch script beside {@code tlsaudit.jar} that runs the ingest and,
 * when it exited 0, the report; and the {@code schtasks} command, or the PowerShell lines, that register a task
 * running it.
 *
 * <p>The script exists because {@code schtasks /TR} holds at most 261 characters, less than the two commands, and
 * because a batch file is the one place where every path can be written safely ({@code %%} for {@code %}, the rest
 * in double quotes). The task starts it through {@code cmd.exe /s /c ""script""}, so cmd.exe takes the quoted path
 * as it is, also with {@code &} or spaces in it.
 *
 * <p>A task starts in {@code C:\Windows\System32} unless told otherwise, and {@code schtasks} cannot tell it, so the
 * script itself changes to the job's working directory, where {@code report} finds the admin's {@code queries\},
 * and exits 1 when that fails; the PowerShell lines also give the task that directory.
 */
final class WindowsSchedule {

    static final String TASK = "tlsaudit-report";
    static final String SCRIPT = "tlsaudit-weekly.cmd";

    /** What {@code schtasks /TR} can hold. */
    static final int LONGEST_TASK_RUN = 261;

    /** {@code %ComSpec%} as it usually expands, for the length check of {@code /TR}. */
    private static final String USUAL_COMSPEC = "C:\\WINDOWS\\system32\\cmd.exe";

    /** No AutoRun commands, no delayed expansion ({@code !}), the outer quotes stripped and the inner kept. */
    private static final String CMD_OPTIONS = "/d /v:off /s /c ";

    private static final List<String> JAVA_OPTIONS = List.of("-Dfile.encoding=UTF-8");

    private WindowsSchedule() {}

    /** Where the script goes: beside the jar, so it is as protected as the jar the task runs. */
    static JobPath script(ScheduledJob job) {
        return job.jar().parent().child(SCRIPT);
    }

    /** Why no Windows task can be printed for these paths, if so. */
    static Optional<String> problem(ScheduledJob job) {
        for (JobPath path : job.paths()) {
            if (path.text().indexOf('"') >= 0) {
                return Optional.of(path + " holds a double quote, which no Windows path can hold");
            }
        }
        JobPath workingDirectory = job.workingDirectory();
        if (workingDirectory.windows() && workingDirectory.text().startsWith("\\\\")) {
            return Optional.of("the working directory " + workingDirectory
                    + " is a UNC path, which cmd.exe cannot run in; give --workdir a folder on a drive");
        }
        if (script(job).text().indexOf('%') >= 0) {
            return Optional.of("the script's folder " + job.jar().parent()
                    + " holds a %, which cmd.exe expands on a command line; give --jar a path without one");
        }
        return Optional.empty();
    }

    /** The batch script, its first line a comment saying where it goes. */
    static List<String> scriptLines(ScheduledJob job) {
        String java = ScheduleQuoting.batchArgument(job.java().text());
        String jar = ScheduleQuoting.batchArgument(job.jar().text());
        String logFile = ScheduleQuoting.batch(job.logFile().text());
        String log = " >>" + logFile + " 2>&1";
        String reports = job.reports().folderText();
        String reportsFolder = reports.endsWith("\\") || reports.endsWith("/") ? reports : reports + "\\";
        List<String> lines = new ArrayList<>();
        lines.add("@REM Save as " + ScheduleQuoting.batch(script(job).text())
                + " (UTF-8, no BOM); the scheduled task below runs it.");
        lines.add("@echo off");
        lines.add("setlocal DisableDelayedExpansion");
        lines.add("REM From chcp 65001 on, cmd.exe reads this file as UTF-8, so non-ASCII paths stay intact.");
        lines.add("chcp 65001 >nul");
        lines.add("if not exist " + ScheduleQuoting.batch(reportsFolder) + " mkdir " + ScheduleQuoting.batch(reports));
        lines.add("REM The task starts in C:\\Windows\\System32: run in the working directory, whose queries\\ report"
                + " reads first, or not at all.");
        lines.add("cd /d " + ScheduleQuoting.batch(job.workingDirectory().text()) + " 2>>" + logFile + " || exit /b 1");
        lines.add(ScheduledJob.commandLine(java, JAVA_OPTIONS, jar, job.ingestArguments(ScheduleQuoting::batchArgument))
                + log);
        lines.add(
                "REM No report after a failed ingest: 1 failed, 2 usage error; 0 also when malformed lines were counted,"
                        + " 3 when some files could not be read (the report's coverage names them).");
        lines.add("if errorlevel " + (ExitCodes.COMPLETED_WITH_PROBLEMS + 1) + " exit /b %ERRORLEVEL%");
        lines.add("if errorlevel 1 if not errorlevel " + ExitCodes.COMPLETED_WITH_PROBLEMS + " exit /b %ERRORLEVEL%");
        lines.add(ScheduledJob.commandLine(java, JAVA_OPTIONS, jar, job.reportArguments(ScheduleQuoting::batchArgument))
                + log);
        lines.add("exit /b %ERRORLEVEL%");
        return lines;
    }

    /** What the task runs: the script through cmd.exe, quoted for cmd.exe's {@code /s /c}. */
    private static String cmdArguments(ScheduledJob job) {
        return CMD_OPTIONS + "\"\"" + script(job).text() + "\"\"";
    }

    /**
     * The {@code schtasks /Create} command for an elevated Command Prompt; empty when its {@code /TR} would be longer
     * than schtasks takes (the PowerShell lines have no such limit). In {@code /TR} a quote is {@code \"}; cmd.exe,
     * which counts the quotes, sees the script's path between two of them, so {@code &} and the like stay plain.
     */
    static Optional<String> schtasks(ScheduledJob job) {
        String arguments = cmdArguments(job);
        if (USUAL_COMSPEC.length() + 1 + arguments.length() > LONGEST_TASK_RUN) {
            return Optional.empty();
        }
        String taskRun = "%ComSpec% " + arguments.replace("\"", "\\\"");
        return Optional.of("schtasks /Create /F /TN " + TASK + " " + job.day().schtasksSchedule() + " /ST " + job.time()
                + " /RU SYSTEM /RL HIGHEST /TR \"" + taskRun + "\"");
    }

    /**
     * The PowerShell lines that register the same task, for an elevated PowerShell. The task starts in the working
     * directory too, unless it holds a {@code %}: the Task Scheduler expands environment variables there and has no
     * escape for a percent sign, so then only the script changes to it.
     */
    static List<String> powershell(ScheduledJob job) {
        String workingDirectory = job.workingDirectory().text();
        boolean expanded = workingDirectory.indexOf('%') >= 0;
        List<String> lines = new ArrayList<>();
        if (expanded) {
            lines.add("# note: the working directory holds a %, which the Task Scheduler would expand: only the script"
                    + " changes to it");
        }
        lines.add("$action = New-ScheduledTaskAction -Execute $env:ComSpec -Argument "
                + ScheduleQuoting.powershell(cmdArguments(job))
                + (expanded ? "" : " -WorkingDirectory " + ScheduleQuoting.powershell(workingDirectory)));
        lines.add(
                "$trigger = New-ScheduledTaskTrigger " + job.day().powershellSchedule() + " -At '" + job.time() + "'");
        // a run missed while the machine was off happens when it is back
        lines.add("$settings = New-ScheduledTaskSettingsSet -StartWhenAvailable");
        lines.add(
                "Register-ScheduledTask -TaskName '" + TASK + "' -Action $action -Trigger $trigger -Settings $settings"
                        + " -User 'NT AUTHORITY\\SYSTEM' -RunLevel Highest -Force");
        return lines;
    }
}
