package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line {@code main} builds holds only the subcommand the arguments name, and behaves as the full one. */
class CommandLineForArgumentsTest {

    private static final Set<String> EVERY_SUBCOMMAND =
            TlsAuditCommand.commandLine().getSubcommands().keySet();

    private static Set<String> subcommandsFor(String... args) {
        return TlsAuditCommand.commandLine(args).getSubcommands().keySet();
    }

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
    void helpNoCommandAndAnUnknownOneGetEveryCommand() {
        assertEquals(EVERY_SUBCOMMAND, subcommandsFor("help", "ingest"));
        assertEquals(EVERY_SUBCOMMAND, subcommandsFor("--help"));
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

    @Test
    void anUnknownCommandIsRefusedAsBefore() {
        String[] args = {"ingets", "/logs"};
        StringWriter alone = new StringWriter();
        StringWriter full = new StringWriter();
        assertEquals(ExitCodes.USAGE, run(TlsAuditCommand.commandLine(args), args, alone));
        assertEquals(ExitCodes.USAGE, run(TlsAuditCommand.commandLine(), args, full));
        assertEquals(full.toString(), alone.toString());
        assertTrue(alone.toString().contains("'ingets'"), alone.toString());
    }

    private static String output(CommandLine commandLine, String[] args) {
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.execute(args);
        return out.toString();
    }

    private static int run(CommandLine commandLine, String[] args, StringWriter err) {
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
