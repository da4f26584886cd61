package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every place that states a --fail-on exit code states the one the condition returns. */
class FailOnConditionTest {

    private static final List<String> HELP_LINES = List.of(
            ExitCodes.HELP_LEGACY_TLS,
            ExitCodes.HELP_LEGACY_ONLY,
            ExitCodes.HELP_WEAK_CRYPTO,
            ExitCodes.HELP_PLAINTEXT,
            ExitCodes.HELP_NEW_LEGACY);

    @Test
    void helpLinesOptionTextAndReadmeGiveEachConditionItsOwnCode() throws Exception {
        String description = String.join(
                " ",
                TlsAuditCommand.commandLine()
                        .getSubcommands()
                        .get("report")
                        .getCommandSpec()
                        .findOption("--fail-on")
                        .description());
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertEquals(FailOnCondition.values().length, HELP_LINES.size());
        assertEquals(
                FailOnCondition.values().length,
                Arrays.stream(FailOnCondition.values())
                        .mapToInt(c -> c.exitCode)
                        .distinct()
                        .count());
        for (FailOnCondition condition : FailOnCondition.values()) {
            String prefix = condition.exitCode + ":--fail-on " + condition.name + ":";
            assertEquals(
                    1,
                    HELP_LINES.stream().filter(line -> line.startsWith(prefix)).count(),
                    prefix + " in ExitCodes");
            assertTrue(description.contains(condition.name + " (" + condition.exitCode + ")"), description);
            assertTrue(readme.contains("**" + condition.exitCode + "** `" + condition.name + "`"), condition.name);
        }
    }
}
