package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units: their {@code ExecStart=} lines split as systemd splits them (modelled below on systemd.service(5),
 * "Command lines"), and, where {@code systemd-analyze} is installed, checked by systemd itself.
 */
class ScheduleSystemdTest {

    /** Characters systemd, a shell or a terminal could take for something else; a folder name may hold them. */
    private static final String HOSTILE = "it's \"q\" $HOME ${HOME} $$ 100% %n %% \\n \\ ; & | * # ~ ü";

    /** What systemd still accepts in the path of an {@code ExecStart=} executable. */
    private static final String HOSTILE_EXECUTABLE = "no such $HOME ${HOME} $$ 100% %n ; & | * # ~ ü";

    @TempDir
    Path temp;

    /**
     * An {@code ExecStart=} value as systemd reads it: {@code %%} is a percent sign (the only specifier these lines
     * may hold); words are split on spaces, a word in double or single quotes is one argument with the C escapes
     * {@code \\ \" \'} read inside; and in the arguments after the executable, {@code $$} is a dollar sign, while any
     * other {@code $} would be a variable, which these lines must not hold.
     */
    static List<String> systemdWords(String value) {
        StringBuilder expanded = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                assertTrue(i + 1 < value.length() && value.charAt(i + 1) == '%', "a specifier in " + value);
                i++;
            }
            expanded.append(c);
        }
        List<String> words = new ArrayList<>();
        int i = 0;
        String line = expanded.toString();
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            char quote = line.charAt(i) == '"' || line.charAt(i) == '\'' ? line.charAt(i) : 0;
            if (quote != 0) {
                i++;
            }
            while (i < line.length() && (quote != 0 ? line.charAt(i) != quote : line.charAt(i) != ' ')) {
                char c = line.charAt(i++);
                if (c == '\\') {
                    char escaped = line.charAt(i++);
                    assertTrue("\\\"'".indexOf(escaped) >= 0, "escape \\" + escaped + " in " + value);
                    c = escaped;
                }
                word.append(c);
            }
            if (quote != 0) {
                assertTrue(i < line.length(), "unterminated quote in " + value);
                i++;
                assertTrue(i == line.length() || line.charAt(i) == ' ', "text after a closing quote in " + value);
            }
            words.add(words.isEmpty() ? word.toString() : dollars(word.toString(), value));
        }
        return words;
    }

    private static String dollars(String argument, String value) {
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '$') {
                assertTrue(i + 1 < argument.length() && argument.charAt(i + 1) == '$', "a variable in " + value);
                i++;
            }
            plain.append(c);
        }
        return plain.toString();
    }

    private List<String> execStart(String java, String jar, String logs, String database, String reports) {
        ScheduleOutput output = ScheduleOutput.ok(
                "--java",
                java,
                "--jar",
                jar,
                "--logs",
                logs,
                "--db",
                database,
                "--out",
                reports,
                "--keep",
                "12",
                "--format",
                "html");
        return ScheduleOutput.values(output.unit("service"), "ExecStart");
    }

    @Test
    void hostilePathsAreSingleArgumentsAsSystemdSplitsThem() {
        String java = "/opt/" + HOSTILE_EXECUTABLE + "/bin/java";
        String jar = "/opt/" + HOSTILE + "/tlsaudit.jar";
        String logs = "/mnt/" + HOSTILE;
        String database = "/var/lib/" + HOSTILE.replace(";", "") + "/audit.duckdb";
        String reports = "/srv/" + HOSTILE + "\\";
        List<String> lines = execStart(java, jar, logs, database, reports);

        assertEquals(
                List.of(java, "-jar", jar, "ingest", "--quiet", "--db", database, logs), systemdWords(lines.get(0)));
        assertEquals(
                List.of(
                        java,
                        "-jar",
                        jar,
                        "report",
                        "--db",
                        database,
                        "--out",
                        reports,
                        "--keep",
                        "12",
                        "--format",
                        "html"),
                systemdWords(lines.get(1)));
    }

    @Test
    void anExecutableSystemdWouldRefuseIsStartedByTheShell() {
        for (String java : List.of("/opt/it's/java", "/opt/\"q\"/java", "/opt/back\\slash/java", "/opt/a=b 'c'/java")) {
            List<String> lines = execStart(java, "/opt/t.jar", "/mnt/logs", "/var/lib/a.duckdb", "/srv/r");
            assertEquals(
                    List.of(
                            "/bin/sh",
                            "-c",
                            "exec \"$0\" \"$@\"",
                            java,
                            "-jar",
                            "/opt/t.jar",
                            "ingest",
                            "--quiet",
                            "--db",
                            "/var/lib/a.duckdb",
                            "/mnt/logs"),
                    systemdWords(lines.get(0)),
                    java);
        }
        List<String> plain = execStart("/usr/bin/java", "/opt/t.jar", "/mnt/logs", "/var/lib/a.duckdb", "/srv/r");
        assertTrue(plain.get(0).startsWith("\"/usr/bin/java\" -jar "), plain.get(0));
    }

    @Test
    void theShellStartsTheExecutableWithTheArgumentsAsGiven() throws Exception {
        assumeTrue(File.separatorChar == '/', "POSIX shell");
        Path bin = Files.createDirectories(temp.resolve("it's \"q\" \\ a=b"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        List<String> words = systemdWords(execStart(java.toString(), "/opt/t $HOME.jar", "/mnt/l", "/d", "/r")
                .get(0));

        Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(
                List.of("-jar", "/opt/t $HOME.jar", "ingest", "--quiet", "--db", "/d", "/mnt/l"),
                printed.lines().toList());
    }

    /** Runs {@code systemd-analyze ARGS}; skips the test where it is not installed. */
    private static String systemdAnalyze(int expectedExit, String... args) throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        List<String> command = new ArrayList<>(List.of(analyze.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(expectedExit, process.exitValue(), printed);
        return printed;
    }

    private Path writeUnits(ScheduleOutput output) throws IOException {
        Path units = Files.createDirectories(temp.resolve("units"));
        Files.write(units.resolve("tlsaudit-report.service"), output.unit("service"), StandardCharsets.UTF_8);
        Files.write(units.resolve("tlsaudit-report.timer"), output.unit("timer"), StandardCharsets.UTF_8);
        return units;
    }

    @Test
    void systemdAcceptsTheUnitsWithHostilePathsWithoutAWarning() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin " + HOSTILE_EXECUTABLE));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        // also paths ending in a backslash or a space, which the unit file reader would join with the next line or cut
        for (String workdir : List.of("/srv/" + HOSTILE, "/srv/" + HOSTILE + "\\", "/srv/" + HOSTILE + " ", "/")) {
            ScheduleOutput output = ScheduleOutput.ok(
                    "--java", java.toString(),
                    "--jar", "/opt/" + HOSTILE + "/tlsaudit.jar",
                    "--workdir", workdir,
                    "--logs", "/mnt/" + HOSTILE,
                    "--db", "/var/lib/" + HOSTILE.replace(";", "") + "/audit.duckdb",
                    "--out", "/srv/" + HOSTILE);
            Path units = writeUnits(output);

            String printed = systemdAnalyze(
                    0,
                    "verify",
                    "--man=no",
                    units.resolve("tlsaudit-report.service").toString(),
                    units.resolve("tlsaudit-report.timer").toString());
            assertEquals("", printed, workdir);
        }
    }

    private static String workingDirectory(String workdir) {
        List<String> values = ScheduleOutput.values(
                ScheduleOutput.ok(
                                "--workdir",
                                workdir,
                                "--java",
                                "/j",
                                "--jar",
                                "/t.jar",
                                "--logs",
                                "/l",
                                "--out",
                                "/r",
                                "--db",
                                "/d")
                        .unit("service"),
                "WorkingDirectory");
        assertEquals(1, values.size(), values.toString());
        return values.get(0);
    }

    /**
     * The WorkingDirectory= value names the directory given, as systemd reads it: {@code systemd-analyze condition}
     * reads a {@code ConditionPathIsDirectory=} value the way the service reads {@code WorkingDirectory=} (specifiers
     * resolved, then the path cleaned up), and checks the directory is there. The unit file reader before it strips
     * the spaces at the end of a line and joins a line ending in a backslash with the next, so the value ends in
     * neither (systemd-analyze verify would not notice: the line after it is a comment, which a joined line skips,
     * and the first ExecStart= would silently become part of the path). Nor does it start with {@code -}, which would let the service run elsewhere when the directory is
     * missing; without it, systemd fails the unit (systemd.exec(5), WorkingDirectory=).
     */
    @Test
    void systemdFindsTheWorkingDirectoryGivenAndNoOther() throws Exception {
        for (String name : List.of(HOSTILE, HOSTILE + " ", HOSTILE + "\\", "%%n %n 100%")) {
            Path directory = Files.createDirectories(temp.resolve("queries home " + name));
            String value = workingDirectory(directory.toString());
            assertFalse(value.startsWith("-") || value.endsWith(" ") || value.endsWith("\\"), value);

            String found = systemdAnalyze(0, "condition", "ConditionPathIsDirectory=" + value);
            assertTrue(found.contains(" succeeded."), found);

            Path missing = temp.resolve("gone " + name);
            assertTrue(
                    systemdAnalyze(1, "condition", "ConditionPathIsDirectory=" + workingDirectory(missing.toString()))
                            .contains(" failed."));
        }
    }

    @Test
    void withoutWorkdirTheServiceRunsWhereScheduleWasRun() {
        ScheduleOutput output =
                ScheduleOutput.ok("--java", "/j", "--jar", "/t.jar", "--logs", "/l", "--out", "/r", "--db", "/d");
        List<String> service = output.unit("service");
        assertEquals(
                List.of(Path.of("").toAbsolutePath().toString().replace("%", "%%")),
                ScheduleOutput.values(service, "WorkingDirectory"));
        assertTrue(
                service.indexOf("[Service]")
                        < service.indexOf(service.stream()
                                .filter(line -> line.startsWith("WorkingDirectory="))
                                .findFirst()
                                .orElseThrow()),
                service.toString());
    }

    @Test
    void systemdAcceptsTheShellStartForAnExecutableItWouldRefuse() throws Exception {
        ScheduleOutput output = ScheduleOutput.ok(
                "--java",
                "/opt/it's \"q\"/java",
                "--jar",
                "/opt/t.jar",
                "--logs",
                "/mnt/l",
                "--out",
                "/srv/r",
                "--db",
                "/d");
        Path units = writeUnits(output);
        assertEquals(
                "",
                systemdAnalyze(
                        0,
                        "verify",
                        "--man=no",
                        units.resolve("tlsaudit-report.service").toString()));
    }

    @Test
    void systemdReadsTheExecutablePathAsGiven() throws Exception {
        String java = "/nonexistent/" + HOSTILE_EXECUTABLE + "/java";
        ScheduleOutput output = ScheduleOutput.ok(
                "--java", java, "--jar", "/opt/t.jar", "--logs", "/mnt/l", "--out", "/srv/r", "--db", "/d");
        Path units = writeUnits(output);
        String printed = systemdAnalyze(
                1,
                "verify",
                "--man=no",
                units.resolve("tlsaudit-report.service").toString());
        assertTrue(printed.contains("Command " + java + " is not executable"), printed);
    }

    @Test
    void systemdReadsTheTimersCalendarEvent() throws Exception {
        for (String every : List.of("monday", "sun", "day")) {
            String onCalendar = ScheduleOutput.values(
                            ScheduleOutput.ok(
                                            "--every", every, "--at", "6:05", "--java", "/j", "--jar", "/t.jar",
                                            "--logs", "/l", "--out", "/r", "--db", "/d")
                                    .unit("timer"),
                            "OnCalendar")
                    .get(0);
            String printed = systemdAnalyze(0, "calendar", onCalendar);
            assertTrue(printed.contains("Normalized form: " + onCalendar), printed);
        }
    }
}
