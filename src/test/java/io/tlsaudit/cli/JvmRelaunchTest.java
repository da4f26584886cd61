package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.testing.JavaCommand;
import io.tlsaudit.testing.SmtpLogFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmRelaunchTest {

    @TempDir
    Path folder;

    /** {@code ingest} on the sample logs in a JVM of its own, relaunched as a scheduler would start it. */
    private ProcessBuilder ingest(Path database, Path logs) {
        List<String> command = new ArrayList<>(JavaCommand.of(List.of(), TlsAuditCommand.class));
        command.addAll(List.of("ingest", "--quiet", "--db", database.toString(), logs.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("out.txt").toFile());
    }

    @Test
    void onlyHelpAndVersionCommandLinesSkipPlacingTheEngineLibrary() {
        assertTrue(JvmRelaunch.asksForHelpOrVersion(new String[] {}));
        assertTrue(JvmRelaunch.asksForHelpOrVersion(new String[] {"--version"}));
        assertTrue(JvmRelaunch.asksForHelpOrVersion(new String[] {"ingest", "--help"}));
        assertTrue(JvmRelaunch.asksForHelpOrVersion(new String[] {"help", "report"}));
        assertFalse(JvmRelaunch.asksForHelpOrVersion(new String[] {"ingest", "--db", "a.duckdb", "share"}));
        // A value that reads "help" (a folder of logs so named) is no request for help.
        assertFalse(JvmRelaunch.asksForHelpOrVersion(new String[] {"ingest", "--db", "a.duckdb", "help"}));
    }

    @Test
    void anAgentGivenInJavaToolOptionsIsLoadedOnceAndTheIngestRuns() throws Exception {
        ProcessBuilder builder = ingest(folder.resolve("audit.duckdb"), Path.of("sample-logs"));
        builder.environment()
                .put("JAVA_TOOL_OPTIONS", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0");
        Process run = builder.start();
        assertTrue(run.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), Files.readString(folder.resolve("out.txt")));
    }

    @Test
    void theRelaunchedJvmEndsWhenTheOneThatStartedItIsKilled() throws Exception {
        Path logs = folder.resolve("logs/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive");
        Files.createDirectories(logs);
        StringBuilder rows = new StringBuilder();
        for (String line : SmtpLogFiles.header("Receive", "2026-11-02T00:00:00.000Z")) {
            rows.append(line).append("\r\n");
        }
        for (int i = 0; i < 400_000; i++) {
            rows.append("2026-11-02T00:00:00.000Z,EX01\\Default Frontend EX01,")
                    .append(String.format("%016X", 0x08DC000000000000L + i))
                    .append(",0,10.0.0.11:25,198.51.100.7:40000,+,,\r\n");
        }
        Files.writeString(logs.resolve("RECV2026110200-1.LOG"), rows);
        Process parent =
                ingest(folder.resolve("audit.duckdb"), folder.resolve("logs")).start();
        ProcessHandle child = null;
        for (int wait = 0; wait < 200 && child == null; wait++) {
            child = parent.toHandle().children().findFirst().orElse(null);
            Thread.sleep(50);
        }
        assertTrue(child != null, "ingest ran in a relaunched JVM");
        // The child is first the JDK's spawn helper, then the JVM: its arguments are read once they name the command.
        List<String> childArguments = List.of();
        for (int wait = 0; wait < 200 && !childArguments.contains(TlsAuditCommand.class.getName()); wait++) {
            childArguments = List.of(child.info().arguments().orElse(new String[0]));
            Thread.sleep(50);
        }
        assertTrue(
                childArguments.containsAll(List.of(
                        "-XX:+UseSerialGC",
                        "-XX:+IgnoreUnrecognizedVMOptions",
                        "-XX:PerMethodTrapLimit=0",
                        "-XX:FreqInlineSize=120",
                        "-XX:MaxInlineLevel=4")),
                "the relaunched JVM has the collector and compiler settings of an ingest: " + childArguments);
        parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(child.onExit().get(30, TimeUnit.SECONDS) != null && !child.isAlive(), "the relaunched JVM ended");
    }

    private static boolean serial(List<String> jvm, String... args) {
        return JvmRelaunch.wantsSerialCollector(args, jvm);
    }

    @Test
    void commandsThatReadLogsGetTheSerialCollectorWhenTheJvmWasGivenNoneOfItsOwn() {
        assertTrue(serial(List.of(), "ingest", "--db", "a.duckdb", "logs"));
        assertTrue(serial(List.of(), "analyze", "sample-logs"));
        assertTrue(serial(List.of("-Dfile.encoding=UTF-8", "-XX:+UseCompressedOops"), "ingest", "logs"));
    }

    @Test
    void helpForACommandThatReadsLogsReadsNoneAndStartsNoSecondJvm() {
        assertFalse(serial(List.of(), "ingest", "--help"));
        assertFalse(serial(List.of(), "analyze", "-h"));
        assertFalse(serial(List.of(), "ingest", "--version"));
        assertFalse(serial(List.of(), "--bogus", "ingest"), "an option first is the root's: picocli runs no command");
        assertTrue(JvmRelaunch.addedOptions(new String[] {"ingest", "--help"}, List.of())
                .isEmpty());
    }

    @Test
    void aCollectorOrHeapSizeGivenToJavaIsKept() {
        assertFalse(serial(List.of("-XX:+UseG1GC"), "ingest", "logs"));
        assertFalse(serial(List.of("-XX:+UseSerialGC"), "ingest", "logs"));
        assertFalse(serial(List.of("-Xmx2g"), "ingest", "logs"));
        assertFalse(serial(List.of("-XX:MaxHeapSize=1g"), "ingest", "logs"));
        assertFalse(serial(List.of("-XX:MaxRAMPercentage=10"), "analyze", "logs"));
    }

    @Test
    void commandsThatReadLogsGetTheCompilerSettingsTheJvmWasNotGiven() {
        assertEquals(
                List.of(
                        "-XX:+UseSerialGC",
                        "-XX:+IgnoreUnrecognizedVMOptions",
                        "-XX:PerMethodTrapLimit=0",
                        "-XX:FreqInlineSize=120",
                        "-XX:MaxInlineLevel=4"),
                JvmRelaunch.addedOptions(new String[] {"ingest", "logs"}, List.of()));
        assertEquals(
                List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:PerMethodTrapLimit=0", "-XX:FreqInlineSize=120"),
                JvmRelaunch.addedOptions(new String[] {"analyze", "logs"}, List.of("-Xmx2g", "-XX:MaxInlineLevel=15")));
        assertEquals(
                List.of("-XX:PerMethodTrapLimit=0"),
                JvmRelaunch.addedOptions(
                        new String[] {"ingest", "logs"},
                        List.of(
                                "-Xmx2g",
                                "-XX:-IgnoreUnrecognizedVMOptions",
                                "-XX:FreqInlineSize=200",
                                "-XX:MaxInlineLevel=15")));
        assertEquals(
                List.of("-XX:+UseSerialGC"),
                JvmRelaunch.addedOptions(
                        new String[] {"ingest", "logs"},
                        List.of("-XX:PerMethodTrapLimit=100", "-XX:FreqInlineSize=200", "-XX:MaxInlineLevel=15")));
        assertEquals(List.of(), JvmRelaunch.addedOptions(new String[] {"report", "--db", "a.duckdb"}, List.of()));
        assertEquals(List.of(), JvmRelaunch.addedOptions(new String[] {"--version"}, List.of()));
    }

    @Test
    void otherCommandsRunWhereTheyStart() {
        assertFalse(serial(List.of(), "report", "--db", "a.duckdb"));
        assertFalse(serial(List.of(), "query", "SELECT 1"));
        assertFalse(serial(List.of(), "--version"));
        assertFalse(serial(List.of()));
    }
}
