package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One run of {@code tlsaudit schedule} and the blocks of what it printed, found by their opening comments. */
record ScheduleOutput(int exit, String out, String err) {

    static ScheduleOutput run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = TlsAuditCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> arguments = new ArrayList<>(List.of("schedule"));
        arguments.addAll(List.of(args));
        int exit = commandLine.execute(arguments.toArray(String[]::new));
        return new ScheduleOutput(exit, out.toString(), err.toString());
    }

    /** A run that must succeed. */
    static ScheduleOutput ok(String... args) {
        ScheduleOutput output = run(args);
        assertEquals(ExitCodes.OK, output.exit(), output.err());
        assertEquals("", output.err());
        return output;
    }

    List<String> lines() {
        return out.lines().toList();
    }

    /** The lines after the one starting with {@code header}, up to the next empty line. */
    List<String> block(String header) {
        List<String> lines = lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(header)) {
                List<String> block = new ArrayList<>();
                for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                    block.add(lines.get(j));
                }
                return block;
            }
        }
        throw new AssertionError("no block '" + header + "' in:\n" + out);
    }

    /** The crontab line. */
    String cronLine() {
        List<String> block = block("# cron:");
        return block.get(block.size() - 1);
    }

    /** The unit file, with the lines of its sections (blank lines inside a unit separate its sections). */
    List<String> unit(String suffix) {
        List<String> lines = lines();
        String header = "# systemd: save as /etc/systemd/system/tlsaudit-report." + suffix;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(header)) {
                List<String> unit = new ArrayList<>();
                for (int j = i + 1; j < lines.size() && !isBlockHeader(lines.get(j)); j++) {
                    unit.add(lines.get(j));
                }
                while (!unit.isEmpty() && unit.get(unit.size() - 1).isEmpty()) {
                    unit.remove(unit.size() - 1);
                }
                return unit;
            }
        }
        throw new AssertionError("no unit " + suffix + " in:\n" + out);
    }

    private static boolean isBlockHeader(String line) {
        return line.startsWith("# systemd: ") || line.startsWith("REM ") || line.startsWith("@REM ");
    }

    /** The values of {@code key=} lines of a unit, in order. */
    static List<String> values(List<String> unit, String key) {
        return unit.stream()
                .filter(line -> line.startsWith(key + "="))
                .map(line -> line.substring(key.length() + 1))
                .toList();
    }

    /** The batch script, from its {@code @REM Save as} line on. */
    List<String> script() {
        List<String> lines = lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("@REM Save as ")) {
                List<String> script = new ArrayList<>();
                for (int j = i; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                    script.add(lines.get(j));
                }
                return script;
            }
        }
        throw new AssertionError("no script in:\n" + out);
    }
}
