package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduleCommandTest {

    private static final String[] PATHS = {
        "--java", "/usr/lib/jvm/java-17/bin/java",
        "--jar", "/opt/tlsaudit/tlsaudit.jar",
        "--logs", "/mnt/exchange-logs",
        "--db", "/var/lib/tlsaudit/audit.duckdb",
        "--out", "/srv/tlsaudit/reports"
    };

    @TempDir
    Path temp;

    /** {@link #PATHS} with {@code option} set to {@code value} instead (added when it is not one of them). */
    private static String[] replacing(String option, String value) {
        List<String> args = new ArrayList<>(List.of(PATHS));
        int at = args.indexOf(option);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            args.addAll(List.of(option, value));
        }
        return args.toArray(String[]::new);
    }

    private static String[] with(String... more) {
        return Stream.concat(Arrays.stream(PATHS), Arrays.stream(more)).toArray(String[]::new);
    }

    @ParameterizedTest
    @CsvSource({
        "monday, 06:00, 0, 6, 1, Mon , /SC WEEKLY /D MON, -Weekly -DaysOfWeek Monday",
        "Tue, 6:30, 30, 6, 2, Tue , /SC WEEKLY /D TUE, -Weekly -DaysOfWeek Tuesday",
        "wednesday, 00:00, 0, 0, 3, Wed , /SC WEEKLY /D WED, -Weekly -DaysOfWeek Wednesday",
        "thu, 12:05, 5, 12, 4, Thu , /SC WEEKLY /D THU, -Weekly -DaysOfWeek Thursday",
        "FRIDAY, 18:45, 45, 18, 5, Fri , /SC WEEKLY /D FRI, -Weekly -DaysOfWeek Friday",
        "sat, 23:59, 59, 23, 6, Sat , /SC WEEKLY /D SAT, -Weekly -DaysOfWeek Saturday",
        "sunday, 01:00, 0, 1, 0, Sun , /SC WEEKLY /D SUN, -Weekly -DaysOfWeek Sunday",
        "day, 07:15, 15, 7, *, '', /SC DAILY, -Daily"
    })
    void everySchedulerRunsOnTheDayAndTimeGiven(
            String every,
            String at,
            String minute,
            String hour,
            String dayOfWeek,
            String systemdDay,
            String schtasks,
            String powershell) {
        ScheduleOutput output = ScheduleOutput.ok(with("--every", every, "--at", at));
        String time = String.format("%02d:%02d", Integer.parseInt(hour), Integer.parseInt(minute));

        String[] cron = output.cronLine().split(" ", 6);
        assertEquals(List.of(minute, hour, "*", "*", dayOfWeek), List.of(cron).subList(0, 5), output.cronLine());

        List<String> timer = output.unit("timer");
        String weekday = systemdDay.isEmpty() ? "" : systemdDay + " ";
        assertEquals(List.of(weekday + "*-*-* " + time + ":00"), ScheduleOutput.values(timer, "OnCalendar"));
        assertEquals(List.of("true"), ScheduleOutput.values(timer, "Persistent"));
        assertEquals(List.of("timers.target"), ScheduleOutput.values(timer, "WantedBy"));

        String create = output.block("REM schtasks:").get(0);
        assertTrue(
                create.startsWith("schtasks /Create /F /TN tlsaudit-report " + schtasks + " /ST " + time + " "),
                create);
        assertEquals(!every.equals("day"), create.contains(" /D "), create);

        assertTrue(
                output.block("# PowerShell")
                        .contains("$trigger = New-ScheduledTaskTrigger " + powershell + " -At '" + time + "'"),
                output.out());
    }

    @Test
    void theWeeklyJobIsMondayAtSixByDefaultAndWritesEveryReportFile() {
        ScheduleOutput output = ScheduleOutput.ok(PATHS);
        assertTrue(output.cronLine().startsWith("0 6 * * 1 "), output.cronLine());
        assertEquals(List.of("Mon *-*-* 06:00:00"), ScheduleOutput.values(output.unit("timer"), "OnCalendar"));
        List<String> execStart = ScheduleOutput.values(output.unit("service"), "ExecStart");
        assertEquals(2, execStart.size(), execStart.toString());
        assertTrue(
                execStart
                        .get(1)
                        .endsWith(" report --db \"/var/lib/tlsaudit/audit.duckdb\" --out \"/srv/tlsaudit/reports\""
                                + " --keep 26"),
                execStart.get(1));
    }

    @Test
    void theServiceRunsIngestThenReportAsAOneshotWithAUtf8Locale() {
        List<String> service = ScheduleOutput.ok(
                        with("--keep", "52", "--format", "HTML", "--format", "csv", "--format", "html"))
                .unit("service");
        assertEquals(List.of("oneshot"), ScheduleOutput.values(service, "Type"));
        assertEquals(List.of("LC_ALL=C.UTF-8"), ScheduleOutput.values(service, "Environment"));
        // ingest's 3, some files unreadable, lets the report run; the coverage section names those files
        assertEquals(List.of("3"), ScheduleOutput.values(service, "SuccessExitStatus"));
        String java = "\"/usr/lib/jvm/java-17/bin/java\" -jar \"/opt/tlsaudit/tlsaudit.jar\" ";
        assertEquals(
                List.of(
                        java + "ingest --quiet --db \"/var/lib/tlsaudit/audit.duckdb\" \"/mnt/exchange-logs\"",
                        java
                                + "report --db \"/var/lib/tlsaudit/audit.duckdb\" --out \"/srv/tlsaudit/reports\" --keep 52"
                                + " --format html --format csv"),
                ScheduleOutput.values(service, "ExecStart"));
        assertTrue(service.indexOf("[Unit]") < service.indexOf("[Service]"), service.toString());
    }

    @Test
    void everyLogFolderIsIngested() {
        List<String> execStart = ScheduleOutput.values(
                ScheduleOutput.ok(with("--logs", "/mnt/second share")).unit("service"), "ExecStart");
        assertTrue(
                execStart
                        .get(0)
                        .endsWith(" ingest --quiet --db \"/var/lib/tlsaudit/audit.duckdb\" \"/mnt/exchange-logs\""
                                + " \"/mnt/second share\""),
                execStart.get(0));
    }

    @Test
    void eachBlockSaysWhereItGoes() {
        List<String> lines = ScheduleOutput.ok(PATHS).lines();
        List<String> expected = List.of(
                "# cron: add this line with crontab -e",
                "# systemd: save as /etc/systemd/system/tlsaudit-report.service",
                "# systemd: save as /etc/systemd/system/tlsaudit-report.timer, then run: systemctl daemon-reload &&"
                        + " systemctl enable --now tlsaudit-report.timer",
                "@REM Save as \"/opt/tlsaudit/tlsaudit-weekly.cmd\"",
                "REM schtasks: run in a Command Prompt opened with \"Run as administrator\"",
                "# PowerShell, instead of schtasks: run in a PowerShell opened with \"Run as administrator\"");
        int last = -1;
        for (String header : expected) {
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(header)) {
                    at = i;
                    break;
                }
            }
            assertTrue(at > last, header + " missing or out of order in\n" + String.join("\n", lines));
            last = at;
        }
        assertTrue(lines.get(0).startsWith("# tlsaudit weekly report, every Monday at 06:00"), lines.get(0));
    }

    @Test
    void relativePathsBecomeAbsoluteAndTheJavaIsThisOneByDefault() {
        ScheduleOutput output = ScheduleOutput.ok(
                "--jar", "lib/tlsaudit.jar", "--logs", "logs", "--db", "audit.duckdb", "--out", "./reports/../out");
        Path here = Path.of("").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertEquals(
                List.of(
                        "\"" + java + "\" -jar \"" + here.resolve("lib/tlsaudit.jar") + "\" ingest --quiet --db \""
                                + here.resolve("audit.duckdb") + "\" \"" + here.resolve("logs") + "\"",
                        "\"" + java + "\" -jar \"" + here.resolve("lib/tlsaudit.jar") + "\" report --db \""
                                + here.resolve("audit.duckdb") + "\" --out \"" + here.resolve("out") + "\" --keep 26"),
                ScheduleOutput.values(output.unit("service"), "ExecStart"));
    }

    @Test
    void everySchedulerRunsTheJobInTheWorkingDirectoryGiven() {
        ScheduleOutput output = ScheduleOutput.ok(with("--workdir", "/srv/tlsaudit/work/"));
        assertTrue(
                output.cronLine().contains(" cd -- '/srv/tlsaudit/work' && mkdir -p '/srv/tlsaudit/reports' && { "),
                output.cronLine());
        assertEquals(List.of("/srv/tlsaudit/work"), ScheduleOutput.values(output.unit("service"), "WorkingDirectory"));
        assertTrue(
                output.script()
                        .contains("cd /d \"/srv/tlsaudit/work\" 2>>\"/srv/tlsaudit/reports/tlsaudit-schedule.log\""
                                + " || exit /b 1"),
                output.script().toString());
        assertTrue(
                output.block("# PowerShell").get(0).endsWith(" -WorkingDirectory '/srv/tlsaudit/work'"), output.out());
    }

    @Test
    void theWorkingDirectoryIsWhereScheduleRunsUnlessGivenAndMadeAbsolute() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(
                List.of(here.toString()),
                ScheduleOutput.values(ScheduleOutput.ok(PATHS).unit("service"), "WorkingDirectory"));
        assertEquals(
                List.of(here.resolve("work").toString()),
                ScheduleOutput.values(
                        ScheduleOutput.ok(with("--workdir", "./queries/../work"))
                                .unit("service"),
                        "WorkingDirectory"));
    }

    @Test
    void windowsPathsAreKeptAsGivenAndEachFamilyNotesPathsNotOfItsMachine() {
        ScheduleOutput linux = ScheduleOutput.ok(PATHS);
        assertFalse(linux.out().contains("# note:"), linux.out());
        assertTrue(
                linux.out().contains("REM note: \"/usr/lib/jvm/java-17/bin/java\" is not a Windows path"), linux.out());

        ScheduleOutput windows = ScheduleOutput.ok(
                "--java", "C:\\Program Files\\Java\\jdk-17\\bin\\java.exe",
                "--jar", "C:\\tlsaudit\\tlsaudit.jar",
                "--workdir", "C:\\tlsaudit",
                "--logs", "\\\\ex01\\TransportLogs",
                "--db", "D:/tlsaudit/audit.duckdb",
                "--out", "C:\\Reports");
        assertFalse(windows.out().contains("REM note:"), windows.out());
        assertTrue(
                windows.out().contains("# note: C:\\Program Files\\Java\\jdk-17\\bin\\java.exe is a Windows path"),
                windows.out());
        assertTrue(
                windows.script()
                        .contains("\"C:\\Program Files\\Java\\jdk-17\\bin\\java.exe\" -Dfile.encoding=UTF-8"
                                + " -jar \"C:\\tlsaudit\\tlsaudit.jar\" ingest --quiet --db \"D:/tlsaudit/audit.duckdb\""
                                + " \"\\\\ex01\\TransportLogs\" >>\"C:\\Reports\\tlsaudit-schedule.log\" 2>&1"),
                windows.out());
    }

    @Test
    void withoutAJarToRunFromTheJarMustBeGiven() {
        Path classes = Path.of(ScheduleCommand.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        assumeTrue(Files.isDirectory(classes), "the tests run from a jar");
        ScheduleOutput output = ScheduleOutput.run("--logs", "/mnt/logs", "--out", "/srv/reports");
        assertEquals(ExitCodes.USAGE, output.exit());
        assertTrue(output.err().contains("is not running from a jar here"), output.err());
        assertTrue(output.err().contains("give --jar PATH"), output.err());
        assertEquals("", output.out());
    }

    @Test
    void aJarFileIsWhereTheJobRunsFromAndAFolderOfClassesIsNot() throws Exception {
        Path jar = Files.writeString(temp.resolve("tlsaudit.jar"), "PK");
        assertEquals(jar, ScheduleCommand.asJar(jar).orElseThrow());
        assertTrue(ScheduleCommand.asJar(temp).isEmpty());
        assertTrue(ScheduleCommand.asJar(temp.resolve("missing.jar")).isEmpty());
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(
                        List.of("--every", "someday"), "Invalid value for option '--every': 'someday' is not a day"),
                Arguments.of(List.of("--every", "mo"), "'mo' is not a day"),
                Arguments.of(List.of("--every", "weekly"), "'weekly' is not a day"),
                Arguments.of(List.of("--at", "6"), "Invalid value for option '--at': '6' is not a time of day"),
                Arguments.of(List.of("--at", "24:00"), "'24:00' is not a time of day: expected HH:MM, 24-hour"),
                Arguments.of(List.of("--at", "12:60"), "'12:60' is not a time of day"),
                Arguments.of(List.of("--at", "6pm"), "'6pm' is not a time of day"),
                Arguments.of(List.of("--at", "06:00:00"), "'06:00:00' is not a time of day"),
                Arguments.of(List.of("--keep", "0"), "--keep 0: expected at least 1"),
                Arguments.of(List.of("--keep", "-4"), "--keep -4: expected at least 1"),
                Arguments.of(List.of("--keep", "many"), "Invalid value for option '--keep': 'many' is not an int"),
                Arguments.of(
                        List.of("--format", "pdf"),
                        "Invalid value for option '--format' (FORMAT): expected one of [TABLE, CSV, JSON, HTML, MARKDOWN]"),
                Arguments.of(List.of("--out", "/srv/a\nb"), "--out '/srv/a<U+000A>b' holds U+000A"),
                Arguments.of(List.of("--logs", "/mnt/\u202Egol"), "--logs '/mnt/<U+202E>gol' holds U+202E"),
                Arguments.of(List.of("--java", "/usr/bin/ja\tva"), "--java '/usr/bin/ja<U+0009>va' holds U+0009"),
                Arguments.of(List.of("--workdir", "/srv/\u200Bq"), "--workdir '/srv/<U+200B>q' holds U+200B"),
                Arguments.of(List.of("--workdir", ""), "--workdir '': the path is empty"),
                Arguments.of(List.of("--db", ":memory:"), "is not a file"),
                Arguments.of(List.of("--out", ""), "--out '': the path is empty"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void badOptionsAreUsageErrorsThatSayWhatIsExpected(List<String> options, String message) {
        ScheduleOutput output = ScheduleOutput.run(replacing(options.get(0), options.get(1)));
        assertEquals(ExitCodes.USAGE, output.exit(), output.err());
        assertTrue(output.err().contains(message), output.err());
        assertTrue(output.err().contains("Try 'tlsaudit schedule --help'"), output.err());
        assertEquals("", output.out());
    }

    @Test
    void logsAndOutAreRequired() {
        ScheduleOutput noLogs = ScheduleOutput.run("--jar", "/opt/t.jar", "--out", "/srv/reports");
        assertEquals(ExitCodes.USAGE, noLogs.exit());
        assertTrue(noLogs.err().contains("--logs"), noLogs.err());
        ScheduleOutput noOut = ScheduleOutput.run("--jar", "/opt/t.jar", "--logs", "/mnt/logs");
        assertEquals(ExitCodes.USAGE, noOut.exit());
        assertTrue(noOut.err().contains("--out"), noOut.err());
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        ScheduleOutput help = ScheduleOutput.run("--help");
        assertEquals(ExitCodes.OK, help.exit());
        for (String option : List.of(
                "--every", "--at", "--logs", "--db", "--out", "--keep", "--format", "--java", "--jar", "--workdir")) {
            assertTrue(help.out().contains(option), option + " in\n" + help.out());
        }
        assertTrue(help.out().contains("2   Usage error"), help.out());
    }
}
