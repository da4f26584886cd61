package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The command line {@code main} builds holds only the subcommand the arguments name, and behaves as the full one. */
class CommandLineForArgumentsTest {

    private static final Set<String> EVERY_SUBCOMMAND =
            TlsAuditCommand.commandLine().getSubcommands().keySet();

    private static Set<String> subcommandsFor(String... args) {
        return TlsAuditCommand.commandLine(args).getSubcommands().keySet();
    }

    /** The commands written out here as the expectation the one list in TlsAuditCommand is held to. */
    @Test
    void theFullCommandLineListsEveryCommandInHelpOrder() {
        assertEquals(
                List.of("analyze", "ingest", "report", "query", "export", "schedule", "help"),
                new ArrayList<>(EVERY_SUBCOMMAND));
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertEquals(Set.of("query"), subcommandsFor("query", "--db", "audit.duckdb", "SELECT 1"));
        assertEquals(Set.of("ingest"), subcommandsFor("ingest", "--quiet", "--db", "audit.duckdb", "/logs"));
        for (String name : EVERY_SUBCOMMAND) {
            if (!name.equals("help")) {
                assertEquals(Set.of(name), subcommandsFor(name));
            }
        }
    }

    @Test
    void helpAnOptionFirstNoCommandAndAnUnknownOneGetEveryCommand() {
        assertEquals(EVERY_SUBCOMMAND, subcommandsFor("help", "ingest"));
        assertEquals(EVERY_SUBCOMMAND, subcommandsFor("--help"));
        assertEquals(EVERY_SUBCOMMAND, subcommandsFor("--help", "ingest"));
        assertEquals(EVERY_SUBCOMMAND, subcommandsFor());
        assertEquals(EVERY_SUBCOMMAND, subcommandsFor("ingets", "/logs"));
    }

    @Test
    void eachCommandsHelpReadsAsOnTheFullCommandLine() {
        for (String name : EVERY_SUBCOMMAND) {
            String[] args = {name, "--help"};
            String alone = output(TlsAuditCommand.commandLine(args), args);
            assertEquals(output(TlsAuditCommand.commandLine(), args), alone, name);
            assertTrue(alone.contains("Usage: tlsaudit " + name), alone);
        }
        String[] helpIngest = {"help", "ingest"};
        assertEquals(
                output(TlsAuditCommand.commandLine(), new String[] {"ingest", "--help"}),
                output(TlsAuditCommand.commandLine(helpIngest), helpIngest));
    }

    /** Argument lists a user may type, each run on both command lines: exit code, stdout and stderr must agree. */
    @ParameterizedTest
    @MethodSource("argumentLists")
    void runsAsTheFullCommandLine(List<String> arguments) {
        String[] args = arguments.toArray(String[]::new);
        assertEquals(result(TlsAuditCommand.commandLine(), args), result(TlsAuditCommand.commandLine(args), args));
    }

    static Stream<List<String>> argumentLists() {
        return Stream.of(
                List.of("--help", "ingest"),
                List.of("-h", "query", "SELECT 1"),
                List.of("-V", "report"),
                List.of("--", "ingest", "/logs"),
                List.of("--bogus", "ingest"),
                List.of("ingets", "/logs"),
                List.of("ingest"),
                List.of("query"),
                List.of("report", "--format", "nonsense"),
                List.of("schedule", "--bogus"),
                List.of("help", "export"),
                List.of());
    }

    /** Exit code, stdout and stderr of one run. */
    private static List<String> result(CommandLine commandLine, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return List.of(String.valueOf(exit), out.toString(), err.toString());
    }

    private static String output(CommandLine commandLine, String[] args) {
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.execute(args);
        return out.toString();
    }
}
