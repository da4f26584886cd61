package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Windows script and task, read back the way Windows reads them, by models (no Windows here): cmd.exe's
 * percent phase and its quote counting, the Microsoft C runtime's argument splitting (what {@code java.exe} and
 * {@code schtasks.exe} get), and PowerShell's single-quoted strings.
 */
class ScheduleWindowsTest {

    private static final String JAVA = "C:\\Program Files\\Java\\jdk-17 ^&!\\bin\\java.exe";
    private static final String JAR = "C:\\Program Files (x86)\\tlsaudit it's & co; a=b\\tlsaudit.jar";
    private static final String LOGS = "\\\\ex01\\Logs $HOME %PATH% & more | (x) <y> ^z !w! \u2018q\u2019";
    private static final String MORE_LOGS = "D:\\Exchange Logs\\";
    private static final String DATABASE = "D:\\tlsaudit 100%\\a'b & c\\audit.duckdb";
    private static final String REPORTS = "C:\\Reports 100% & Co (x) ^ ! , = it's\\";
    /** No %, which would leave it out of the PowerShell action (the Task Scheduler expands it there). */
    private static final String WORKDIR = "E:\\tlsaudit it's & co (x) ^ ! $HOME \u2018q\u2019; a=b\\";

    private static final String SCRIPT = "C:\\Program Files (x86)\\tlsaudit it's & co; a=b\\tlsaudit-weekly.cmd";

    /** The hostile paths and {@code more}, which may give another {@code --workdir}. */
    private static ScheduleOutput hostile(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--java", JAVA,
                "--jar", JAR,
                "--logs", LOGS,
                "--logs", MORE_LOGS,
                "--db", DATABASE,
                "--out", REPORTS,
                "--keep", "4"));
        if (!List.of(more).contains("--workdir")) {
            args.addAll(List.of("--workdir", WORKDIR));
        }
        args.addAll(List.of(more));
        return ScheduleOutput.ok(args.toArray(String[]::new));
    }

    /** cmd.exe's first phase on a batch line: {@code %%} is a percent sign; any other {@code %} is refused here. */
    static String batchPercents(String line) {
        StringBuilder expanded = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '%') {
                assertTrue(i + 1 < line.length() && line.charAt(i + 1) == '%', "a lone % in " + line);
                i++;
            }
            expanded.append(c);
        }
        return expanded.toString();
    }

    /** The characters cmd.exe sees outside double quotes, which it counts one by one (no escape inside quotes). */
    static String unquoted(String line) {
        StringBuilder outside = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                outside.append(c);
            }
        }
        assertFalse(quoted, "unbalanced quotes in " + line);
        return outside.toString();
    }

    /**
     * A command line as the Microsoft C runtime splits it into arguments: spaces separate outside quotes; 2n
     * backslashes before a quote are n backslashes and the quote opens or closes, 2n+1 are n and a literal quote;
     * other backslashes are plain.
     */
    static List<String> msvcrtSplit(String line) {
        List<String> arguments = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            StringBuilder argument = new StringBuilder();
            boolean quoted = false;
            while (i < line.length() && (quoted || line.charAt(i) != ' ')) {
                char c = line.charAt(i);
                if (c == '\\') {
                    int start = i;
                    while (i < line.length() && line.charAt(i) == '\\') {
                        i++;
                    }
                    int count = i - start;
                    if (i < line.length() && line.charAt(i) == '"') {
                        argument.append("\\".repeat(count / 2));
                        if (count % 2 == 1) {
                            argument.append('"');
                            i++;
                        }
                    } else {
                        argument.append("\\".repeat(count));
                    }
                } else if (c == '"') {
                    quoted = !quoted;
                    i++;
                } else {
                    argument.append(c);
                    i++;
                }
            }
            arguments.add(argument.toString());
        }
        return arguments;
    }

    /** The PowerShell single-quoted string starting at {@code start}: a quote character doubled is one. */
    static String powershellString(String line, int start) {
        String quotes = "'\u2018\u2019\u201A\u201B";
        assertTrue(quotes.indexOf(line.charAt(start)) >= 0, line);
        StringBuilder text = new StringBuilder();
        for (int i = start + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quotes.indexOf(c) >= 0) {
                if (i + 1 < line.length() && quotes.indexOf(line.charAt(i + 1)) >= 0) {
                    text.append(c);
                    i++;
                    continue;
                }
                return text.toString();
            }
            text.append(c);
        }
        throw new AssertionError("unterminated string in " + line);
    }

    /** The arguments java.exe gets from a line of the script, which must end with the redirection to the log. */
    private static List<String> javaArguments(String line) {
        String expanded = batchPercents(line);
        Matcher redirection = Pattern.compile("(.*) >>\"([^\"]*)\" 2>&1").matcher(expanded);
        assertTrue(redirection.matches(), line);
        assertEquals(REPORTS + "tlsaudit-schedule.log", redirection.group(2));
        String command = redirection.group(1);
        assertTrue(unquoted(command).chars().noneMatch(c -> "&|<>^()!%".indexOf(c) >= 0), command);
        return msvcrtSplit(command);
    }

    @Test
    void theScriptGivesJavaEveryPathAsOneArgumentAndRunsTheReportOnlyAfterIngestSucceeded() {
        List<String> script = hostile("--format", "html").script();

        List<String> java = List.of(JAVA, "-Dfile.encoding=UTF-8", "-jar", JAR);
        List<String> ingest = new ArrayList<>(java);
        ingest.addAll(List.of("ingest", "--quiet", "--db", DATABASE, LOGS, MORE_LOGS));
        List<String> report = new ArrayList<>(java);
        report.addAll(List.of("report", "--db", DATABASE, "--out", REPORTS, "--keep", "4", "--format", "html"));
        List<String> commands =
                script.stream().filter(line -> line.startsWith("\"")).toList();
        assertEquals(
                List.of(ingest, report),
                commands.stream().map(ScheduleWindowsTest::javaArguments).toList());

        assertEquals("@echo off", script.get(1));
        assertTrue(script.contains("setlocal DisableDelayedExpansion"), script.toString());
        assertTrue(script.indexOf("chcp 65001 >nul") < script.indexOf(commands.get(0)), script.toString());
        String mkdir = script.stream()
                .filter(line -> line.startsWith("if not exist "))
                .findFirst()
                .orElseThrow();
        String folder = REPORTS.substring(0, REPORTS.length() - 1);
        assertEquals("if not exist \"" + folder + "\\\" mkdir \"" + folder + "\"", batchPercents(mkdir));
        String cd = script.stream()
                .filter(line -> line.startsWith("cd "))
                .findFirst()
                .orElseThrow();
        assertTrue(script.indexOf("chcp 65001 >nul") < script.indexOf(cd), script.toString());
        assertTrue(script.indexOf(mkdir) < script.indexOf(cd), "the log's folder is there for cd's error");
        assertTrue(script.indexOf(cd) < script.indexOf(commands.get(0)), script.toString());
        int ingestAt = script.indexOf(commands.get(0));
        // errorlevel N holds for N and more: 4 and up stop, 1 and 2 stop, 3 (some files unreadable) goes on.
        assertEquals("if errorlevel 4 exit /b %ERRORLEVEL%", script.get(ingestAt + 2));
        assertEquals("if errorlevel 1 if not errorlevel 3 exit /b %ERRORLEVEL%", script.get(ingestAt + 3));
        assertEquals(commands.get(1), script.get(ingestAt + 4));
        assertEquals("exit /b %ERRORLEVEL%", script.get(script.size() - 1));
        assertEquals(
                "@REM Save as \"" + SCRIPT + "\" (UTF-8, no BOM); the scheduled task below runs it.", script.get(0));
    }

    /**
     * cmd.exe's {@code cd /d} takes the quoted path as it is; when it fails, its message goes to the log and the script
     * ends with exit code 1, which the Task Scheduler shows as the last run result.
     */
    @Test
    void theScriptRunsInTheWorkingDirectoryOrNotAtAll() {
        for (String workdir : List.of(WORKDIR, "C:\\", "D:\\tlsaudit 100% %PATH% !x!", "C:/tlsaudit/work")) {
            List<String> script = hostile("--workdir", workdir).script();
            List<String> cd =
                    script.stream().filter(line -> line.startsWith("cd ")).toList();
            assertEquals(1, cd.size(), script.toString());
            String line = batchPercents(cd.get(0));
            assertEquals("cd /d \"" + workdir + "\" 2>>\"" + REPORTS + "tlsaudit-schedule.log\" || exit /b 1", line);
            // everything cmd.exe could read as an operator or a variable is inside the quotes
            assertEquals("cd /d  2>> || exit /b 1", unquoted(line));
        }
    }

    @Test
    void schtasksCreatesAWeeklyTaskThatRunsTheScriptThroughCmd() {
        String create = hostile("--every", "mon", "--at", "06:00")
                .block("REM schtasks:")
                .get(0);
        assertTrue(
                create.startsWith("schtasks /Create /F /TN tlsaudit-report /SC WEEKLY /D MON /ST 06:00 /RU SYSTEM"
                        + " /RL HIGHEST /TR "),
                create);
        // cmd.exe sees the script's path inside quotes, so & ( ) ; stay plain
        assertTrue(unquoted(create).chars().noneMatch(c -> "&|<>^()!".indexOf(c) >= 0), unquoted(create));
        assertFalse(unquoted(create).contains("tlsaudit it's"), unquoted(create));
        List<String> arguments = msvcrtSplit(create);
        String taskRun = arguments.get(arguments.size() - 1);
        assertEquals("%ComSpec% /d /v:off /s /c \"\"" + SCRIPT + "\"\"", taskRun);
        assertEquals(List.of("/TR", taskRun), arguments.subList(arguments.size() - 2, arguments.size()));
        // cmd /s /c drops the first and the last quote of the rest: the script's path stays quoted
        String rest = taskRun.substring(taskRun.indexOf("/c ") + 3);
        assertEquals("\"" + SCRIPT + "\"", rest.substring(1, rest.length() - 1));
    }

    @Test
    void powershellRegistersTheSameTask() {
        List<String> lines = hostile("--every", "monday", "--at", "06:00").block("# PowerShell");
        String action = lines.get(0);
        assertTrue(action.startsWith("$action = New-ScheduledTaskAction -Execute $env:ComSpec -Argument '"), action);
        assertEquals(
                "/d /v:off /s /c \"\"" + SCRIPT + "\"\"",
                powershellString(action, action.indexOf("-Argument ") + "-Argument ".length()));
        String workingDirectory =
                " -WorkingDirectory 'E:\\tlsaudit it''s & co (x) ^ ! $HOME \u2018\u2018q\u2019\u2019; a=b\\'";
        assertTrue(action.endsWith(workingDirectory), action);
        assertEquals(WORKDIR, powershellString(workingDirectory, " -WorkingDirectory ".length()));
        assertEquals("$trigger = New-ScheduledTaskTrigger -Weekly -DaysOfWeek Monday -At '06:00'", lines.get(1));
        assertEquals("$settings = New-ScheduledTaskSettingsSet -StartWhenAvailable", lines.get(2));
        assertEquals(
                "Register-ScheduledTask -TaskName 'tlsaudit-report' -Action $action -Trigger $trigger -Settings"
                        + " $settings -User 'NT AUTHORITY\\SYSTEM' -RunLevel Highest -Force",
                lines.get(3));
    }

    @Test
    void aWorkingDirectoryWithAPercentSignIsLeftToTheScript() {
        List<String> lines = hostile("--workdir", "D:\\tlsaudit %USERNAME%").block("# PowerShell");
        assertEquals(
                "# note: the working directory holds a %, which the Task Scheduler would expand: only the script"
                        + " changes to it",
                lines.get(0));
        String action = lines.get(1);
        assertTrue(action.startsWith("$action = New-ScheduledTaskAction -Execute $env:ComSpec -Argument '"), action);
        assertFalse(action.contains("-WorkingDirectory"), action);
        assertEquals(5, lines.size(), lines.toString());
    }

    @Test
    void quotingFollowsEachWindowsParser() {
        assertEquals("\"C:\\\\\"", ScheduleQuoting.batchArgument("C:\\"));
        assertEquals("\"C:\\a b\\\\\\\\\"", ScheduleQuoting.batchArgument("C:\\a b\\\\"));
        assertEquals("\"100%% & co\"", ScheduleQuoting.batchArgument("100% & co"));
        assertEquals("\"C:\\100%%\\\"", ScheduleQuoting.batch("C:\\100%\\"));
        assertEquals("'it''s'", ScheduleQuoting.powershell("it's"));
        assertEquals(
                "'\u2018\u2018q\u2019\u2019 \u201A\u201A\u201B\u201B $x'",
                ScheduleQuoting.powershell("\u2018q\u2019 \u201A\u201B $x"));
        for (String path : List.of("C:\\", "C:\\a b\\\\", "\\\\srv\\share\\x\\", "C:\\a\\\\b c")) {
            assertEquals(List.of(path), msvcrtSplit(batchPercents(ScheduleQuoting.batchArgument(path))), path);
        }
        for (String text : List.of("it's", "\u2019'\u2018", "''", "x")) {
            assertEquals(text, powershellString(ScheduleQuoting.powershell(text), 0), text);
        }
    }

    @Test
    void aDailyTaskHasNoDay() {
        ScheduleOutput output = hostile("--every", "day", "--at", "23:30");
        String create = output.block("REM schtasks:").get(0);
        assertTrue(create.contains(" /SC DAILY /ST 23:30 "), create);
        assertFalse(create.contains("/D "), create);
        assertTrue(output.block("# PowerShell").contains("$trigger = New-ScheduledTaskTrigger -Daily -At '23:30'"));
    }

    @Test
    void noTaskWhenAPathCannotBeOneOfWindows() {
        ScheduleOutput quote = ScheduleOutput.ok(
                "--java", JAVA, "--jar", JAR, "--logs", "\\\\ex01\\\"Logs\"", "--db", DATABASE, "--out", REPORTS);
        assertTrue(
                quote.out()
                        .contains("REM Windows: no task: \\\\ex01\\\"Logs\" holds a double quote, which no Windows"
                                + " path can hold."),
                quote.out());
        assertFalse(quote.out().contains("schtasks /Create"), quote.out());
        assertFalse(quote.out().contains("@REM Save as"), quote.out());
        assertFalse(quote.out().contains("Register-ScheduledTask"), quote.out());

        ScheduleOutput percent = ScheduleOutput.ok(
                "--java",
                JAVA,
                "--jar",
                "C:\\tools 100%\\tlsaudit.jar",
                "--logs",
                LOGS,
                "--db",
                DATABASE,
                "--out",
                REPORTS);
        assertTrue(
                percent.out().contains("REM Windows: no task: the script's folder C:\\tools 100% holds a %"),
                percent.out());
        assertFalse(percent.out().contains("schtasks /Create"), percent.out());
    }

    @Test
    void noTaskForAUncWorkingDirectory() {
        for (String workdir : List.of("\\\\ex01\\tlsaudit", "\\\\?\\C:\\tlsaudit")) {
            ScheduleOutput output = hostile("--workdir", workdir);
            assertTrue(
                    output.out()
                            .contains("REM Windows: no task: the working directory " + workdir
                                    + " is a UNC path, which cmd.exe cannot run in; give --workdir a folder on a"
                                    + " drive."),
                    output.out());
            assertFalse(output.out().contains("@REM Save as"), output.out());
            assertFalse(output.out().contains("Register-ScheduledTask"), output.out());
        }
    }

    @Test
    void aScriptPathTooLongForSchtasksLeavesThePowershellLines() {
        String deep = "C:\\" + "a-rather-long-folder-name\\".repeat(9);
        ScheduleOutput output = ScheduleOutput.ok(
                "--java", JAVA, "--jar", deep + "tlsaudit.jar", "--logs", LOGS, "--db", DATABASE, "--out", REPORTS);
        assertFalse(output.out().contains("schtasks /Create"), output.out());
        assertTrue(
                output.out()
                        .contains("REM schtasks: the script's path is too long for schtasks /TR (261 characters);"
                                + " use the PowerShell lines"),
                output.out());
        assertTrue(output.block("# PowerShell").get(0).contains(deep + "tlsaudit-weekly.cmd"), output.out());
    }
}
