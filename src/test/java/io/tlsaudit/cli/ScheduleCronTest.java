package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crontab line, run by real shells the way cron runs it: cron's own {@code %} handling first (modelled below on
 * Vixie cron's and cronie's {@code do_command.c}), then {@code /bin/sh -c} with an empty environment, started in
 * another directory than the job's, as cron starts it in the user's home; a stand-in {@code java} at a hostile path
 * records the working directory and the arguments it gets.
 */
class ScheduleCronTest {

    /** Characters a shell, cron or a terminal could take for something else; a folder name may hold all of them. */
    private static final String HOSTILE =
            "it's \"q\" $HOME `touch tick` $(touch dollar) 100% \\%x %% ; & | * ? # ~ <" + " > ( ) { } ! = ü \\";

    /**
     * The stand-in for java: records LC_ALL, its working directory and its arguments, prints a line on each stream,
     * exits as told.
     */
    private static final String FAKE_JAVA =
            """
            #!/bin/sh
            {
              printf 'call LC_ALL=%s\\n' "$LC_ALL"
              printf 'cwd %s\\n' "$(pwd -P)"
              for argument in "$@"; do printf 'arg %s\\n' "$argument"; done
            } >> "$TLSAUDIT_TEST_RECORD"
            echo "stdout of $3"
            echo "stderr of $3" >&2
            if [ "$3" = ingest ] && [ -n "$TLSAUDIT_TEST_INGEST_EXIT" ]; then exit "$TLSAUDIT_TEST_INGEST_EXIT"; fi
            exit 0
            """;

    @TempDir
    Path temp;

    private Path java;
    private Path jar;
    private Path logs;
    private Path moreLogs;
    private Path database;
    private Path reports;
    private Path jobDirectory;
    private Path work;
    private Path record;

    @BeforeEach
    void hostilePaths() throws IOException {
        assumeTrue(File.separatorChar == '/', "POSIX shells");
        Path bin = Files.createDirectories(temp.resolve("bin " + HOSTILE));
        java = Files.writeString(bin.resolve("java"), FAKE_JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        jar = temp.resolve("lib " + HOSTILE).resolve("tlsaudit.jar");
        logs = temp.resolve("logs " + HOSTILE);
        moreLogs = temp.resolve("-more logs\\");
        // --db refuses ; and ?, which DuckDB would read as connection settings
        database =
                temp.resolve("db " + HOSTILE.replace(";", "").replace("?", "")).resolve("audit.duckdb");
        reports = temp.resolve("reports " + HOSTILE).resolve("weekly");
        jobDirectory = Files.createDirectories(temp.resolve("queries home " + HOSTILE));
        // where the shell starts, as cron starts it in the user's home
        work = Files.createDirectories(temp.resolve("work"));
        record = temp.resolve("record.txt");
    }

    static Stream<String> shells() {
        return Stream.of("/bin/sh", "/bin/dash", "/bin/bash", "/bin/busybox")
                .filter(shell -> Files.isExecutable(Path.of(shell)));
    }

    /** The crontab line of the hostile paths, running in {@link #jobDirectory}. */
    private String cronLine(String... more) {
        List<String> args = new ArrayList<>(List.of("--workdir", jobDirectory.toString()));
        args.addAll(List.of(more));
        return cronLineWithout(args.toArray(String[]::new));
    }

    /** The crontab line of the hostile paths, with no working directory but what {@code more} gives. */
    private String cronLineWithout(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--java", java.toString(),
                "--jar", jar.toString(),
                "--logs", logs.toString(),
                "--logs", moreLogs.toString(),
                "--db", database.toString(),
                "--out", reports.toString()));
        args.addAll(List.of(more));
        return ScheduleOutput.ok(args.toArray(String[]::new)).cronLine();
    }

    /**
     * What cron does with the command part of a crontab line before the shell sees it: a {@code %} not preceded by a
     * backslash ends the command (the rest, its {@code %} turned into line breaks, becomes the command's input); the
     * backslash of {@code \%} is dropped; every other backslash stays. Returns the command and the input, or null
     * for none.
     */
    static String[] cronCommand(String command) {
        StringBuilder shell = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (escaped) {
                if (c == '%') {
                    shell.setLength(shell.length() - 1);
                }
                shell.append(c);
                escaped = false;
            } else if (c == '\\') {
                shell.append(c);
                escaped = true;
            } else if (c == '%') {
                return new String[] {shell.toString(), command.substring(i + 1).replace('%', '\n')};
            } else {
                shell.append(c);
            }
        }
        return new String[] {shell.toString(), null};
    }

    /**
     * A run of the crontab line's command: its exit status, the calls of the stand-in java, and what it printed, which
     * cron would mail.
     */
    private record Ran(int exit, List<List<String>> calls, String printed) {}

    /**
     * Runs the crontab line's command as cron would, with {@code shell} and an empty environment; everything must go to
     * the log, so that cron mails nothing.
     */
    private Ran runAsCron(String shell, String line, Map<String, String> environment) throws Exception {
        Ran ran = runAsCronPrinting(shell, line, environment);
        assertEquals("", ran.printed(), "everything goes to the log");
        return ran;
    }

    private Ran runAsCronPrinting(String shell, String line, Map<String, String> environment) throws Exception {
        String[] fields = line.split(" ", 6);
        String[] command = cronCommand(fields[5]);
        assertNull(command[1], "cron would cut the command at a %: " + fields[5]);

        Process syntax = new ProcessBuilder(shell, "-n", "-c", command[0])
                .redirectErrorStream(true)
                .start();
        assertTrue(syntax.waitFor(30, TimeUnit.SECONDS));
        String syntaxErrors = new String(syntax.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, syntax.exitValue(), syntaxErrors);

        ProcessBuilder builder = new ProcessBuilder(shell, "-c", command[0]).directory(work.toFile());
        builder.environment().clear();
        builder.environment().put("TLSAUDIT_TEST_RECORD", record.toString());
        builder.environment().putAll(environment);
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Ran(process.exitValue(), calls(), output);
    }

    /** The argument lists the stand-in java recorded, each led by its LC_ALL and its working directory. */
    private List<List<String>> calls() throws IOException {
        List<List<String>> calls = new ArrayList<>();
        if (!Files.exists(record)) {
            return calls;
        }
        for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
            if (line.startsWith("call ")) {
                calls.add(new ArrayList<>(List.of(line.substring("call ".length()))));
            } else if (line.startsWith("cwd ")) {
                calls.get(calls.size() - 1).add("cwd=" + line.substring("cwd ".length()));
            } else {
                calls.get(calls.size() - 1).add(line.substring("arg ".length()));
            }
        }
        return calls;
    }

    private List<String> ingestCall() throws IOException {
        return ingestCall(jobDirectory);
    }

    private List<String> ingestCall(Path directory) throws IOException {
        return List.of(
                "LC_ALL=C.UTF-8",
                "cwd=" + directory.toRealPath(),
                "-jar",
                jar.toString(),
                "ingest",
                "--quiet",
                "--db",
                database.toString(),
                logs.toString(),
                moreLogs.toString());
    }

    private List<String> reportCall(String... formats) throws IOException {
        return reportCall(jobDirectory, formats);
    }

    private List<String> reportCall(Path directory, String... formats) throws IOException {
        List<String> call = new ArrayList<>(List.of(
                "LC_ALL=C.UTF-8",
                "cwd=" + directory.toRealPath(),
                "-jar",
                jar.toString(),
                "report",
                "--db",
                database.toString(),
                "--out",
                reports.toString(),
                "--keep",
                "8"));
        for (String format : formats) {
            call.addAll(List.of("--format", format));
        }
        return call;
    }

    @ParameterizedTest
    @MethodSource("shells")
    void hostilePathsReachJavaUnchangedAndTheOutputGoesToTheLog(String shell) throws Exception {
        Ran ran = runAsCron(shell, cronLine("--keep", "8", "--format", "json"), Map.of());

        assertEquals(0, ran.exit());
        assertEquals(List.of(ingestCall(), reportCall("json")), ran.calls());
        assertEquals(
                List.of("stdout of ingest", "stderr of ingest", "stdout of report", "stderr of report"),
                Files.readAllLines(reports.resolve("tlsaudit-schedule.log")));
        for (Path directory : List.of(work, jobDirectory)) {
            try (Stream<Path> left = Files.list(directory)) {
                assertEquals(List.of(), left.toList(), "nothing in the path ran in " + directory);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shells")
    void withoutWorkdirTheJobRunsWhereScheduleWasRun(String shell) throws Exception {
        Ran ran = runAsCron(shell, cronLineWithout("--keep", "8"), Map.of());

        Path here = Path.of("").toAbsolutePath();
        assertEquals(List.of(ingestCall(here), reportCall(here)), ran.calls());
    }

    @ParameterizedTest
    @MethodSource("shells")
    void aMissingWorkingDirectoryStopsTheLineBeforeAnythingRunsAndCronMailsWhy(String shell) throws Exception {
        Path missing = temp.resolve("gone " + HOSTILE);
        String line = cronLineWithout("--keep", "8", "--workdir", missing.toString());
        Ran ran = runAsCronPrinting(shell, line, Map.of());

        assertNotEquals(0, ran.exit());
        assertEquals(List.of(), ran.calls());
        assertTrue(ran.printed().contains("cd"), ran.printed());
        assertTrue(ran.printed().contains(missing.toString()), ran.printed());
        assertFalse(Files.exists(reports), "no report folder made");
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "nothing ran where cron started the shell");
        }
    }

    @ParameterizedTest
    @MethodSource("shells")
    void noReportAfterAFailedIngest(String shell) throws Exception {
        for (String exit : List.of("1", "2")) {
            Files.deleteIfExists(record);
            Ran ran = runAsCron(shell, cronLine("--keep", "8"), Map.of("TLSAUDIT_TEST_INGEST_EXIT", exit));
            assertNotEquals(0, ran.exit());
            assertEquals(List.of(ingestCall()), ran.calls(), "ingest exited " + exit);
        }
        // 0, and 3: completed, some files could not be read; the report's coverage names them.
        for (String exit : List.of("0", "3")) {
            Files.deleteIfExists(record);
            Ran ran = runAsCron(shell, cronLine("--keep", "8"), Map.of("TLSAUDIT_TEST_INGEST_EXIT", exit));
            assertEquals(List.of(ingestCall(), reportCall()), ran.calls(), "ingest exited " + exit);
        }
    }

    @Test
    void theLineSetsALocaleAndAPathAndUsesOnlyAbsolutePaths() {
        String line = cronLine();
        String command = line.split(" ", 6)[5];
        assertTrue(
                command.startsWith("export LC_ALL=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin; cd -- '"
                        + jobDirectory.toString().replace("'", "'\\''").replace("%", "'\\%'") + "' && mkdir -p '"),
                command);
        assertTrue(command.endsWith("/tlsaudit-schedule.log' 2>&1"), command);
        assertFalse(line.contains("\n"), line);
    }

    @Test
    void cronKeepsPercentSignsOnlyWhenEscaped() {
        assertEquals("date +%s", cronCommand("date +\\%s")[0]);
        assertEquals("date +", cronCommand("date +%s")[0]);
        assertEquals("s", cronCommand("date +%s")[1]);
        assertEquals("a\\\\", cronCommand("a\\\\%b")[0]);
        assertEquals("a\\b", cronCommand("a\\b")[0]);
        for (String path : List.of("%", "a%b", "a\\%b", "a\\\\%b", "100%%", "%'%", "\\")) {
            assertEquals(ScheduleQuoting.posix(path).replace("%", "'%'"), cronCommand(ScheduleQuoting.cron(path))[0]);
        }
    }

    @Test
    void aCommandTooLongForSomeCronsSaysSo() {
        ScheduleOutput short_ = ScheduleOutput.ok(
                "--java", "/usr/bin/java", "--jar", "/opt/t.jar", "--logs", "/mnt/l", "--out", "/srv/r", "--db", "/d");
        assertFalse(short_.out().contains("# note: this command is longer"), short_.out());
        String deep = "/srv/" + "a-rather-long-folder-name/".repeat(12);
        ScheduleOutput long_ = ScheduleOutput.ok(
                "--java",
                "/usr/bin/java",
                "--jar",
                deep + "t.jar",
                "--logs",
                deep + "logs",
                "--out",
                deep + "r",
                "--db",
                deep + "d");
        List<String> cron = long_.block("# cron:");
        assertTrue(cron.get(0).startsWith("# note: this command is longer than the 999 bytes"), cron.toString());
        assertTrue(cron.get(1).split(" ", 6)[5].length() > 999);
        // The limit is of bytes: 60 CJK characters a path are three bytes each, under 999 characters in all.
        String wide = "/srv/" + "日".repeat(60) + "/";
        ScheduleOutput cjk = ScheduleOutput.ok(
                "--java",
                "/usr/bin/java",
                "--jar",
                wide + "t.jar",
                "--logs",
                wide + "l",
                "--out",
                wide + "r",
                "--db",
                wide + "d");
        List<String> cjkCron = cjk.block("# cron:");
        String command = cjkCron.get(cjkCron.size() - 1).split(" ", 6)[5];
        assertTrue(command.length() < 999, command);
        assertTrue(cjkCron.get(0).startsWith("# note: this command is longer than the 999"), cjkCron.toString());
    }
}
