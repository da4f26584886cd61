package io.tlsaudit.cli;

import io.tlsaudit.export.ExportFailure;
import io.tlsaudit.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tlsaudit} command: finds who still uses TLS 1.0/1.1 in Exchange and IIS logs. */
@Command(
        name = "tlsaudit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Finds the SMTP peers and HTTPS clients that still use TLS 1.0/1.1 (or SSL, or no TLS at all) in Exchange"
                    + " SMTP protocol logs and IIS logs, so legacy TLS can be switched off without breaking anyone.",
            "",
            "Start with:  java -jar target/tlsaudit.jar analyze <log folder>"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.HELP_OK,
            ExitCodes.HELP_FAILURE,
            ExitCodes.HELP_USAGE,
            ExitCodes.HELP_COMPLETED_WITH_PROBLEMS,
            ExitCodes.HELP_LEGACY_TLS,
            ExitCodes.HELP_LEGACY_ONLY,
            ExitCodes.HELP_WEAK_CRYPTO,
            ExitCodes.HELP_PLAINTEXT,
            ExitCodes.HELP_NEW_LEGACY
        })
public final class TlsAuditCommand implements Runnable {

    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            AnalyzeCommand.class,
            IngestCommand.class,
            ReportCommand.class,
            QueryCommand.class,
            ExportCommand.class,
            ScheduleCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: " + commandNames());
    }

    public static void main(String[] given) {
        JvmRelaunch.stopWithParent();
        String[] args = JvmRelaunch.arguments(given);
        Optional<Integer> relaunched = JvmRelaunch.ifNeeded(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.get());
        }
        CommandLine commandLine = commandLine(args);
        PrintWriter out = ConsoleStreams.stdout();
        PrintWriter err = ConsoleStreams.stderr();
        commandLine.setOut(out);
        commandLine.setErr(err);
        if (!JvmRelaunch.fileNamesAreUtf8()) {
            ErrorOutput.println(
                    err,
                    "warning: this JVM decodes file names as " + System.getProperty("sun.jnu.encoding")
                            + ", so files with non-ASCII names cannot be read; set LC_ALL=C.UTF-8 (or another UTF-8"
                            + " locale) for tlsaudit");
        }
        int exit;
        try {
            exit = commandLine.execute(args);
            out.flush();
        } catch (ConsoleStreams.OutputFailure failure) {
            // Help and version text are printed by picocli itself, outside the commands' handler.
            exit = outputFailed(failure, err);
        }
        err.flush();
        System.exit(exit);
    }

    /** A reader that stopped reading ({@code | head}) ends the command quietly; any other write error fails it. */
    private static int outputFailed(ConsoleStreams.OutputFailure failure, PrintWriter err) {
        if (failure.readerWentAway()) {
            return ExitCodes.OK;
        }
        try {
            ErrorOutput.println(err, "tlsaudit: cannot write the output: " + failure.getMessage());
            err.flush();
        } catch (ConsoleStreams.OutputFailure ignored) {
            // stderr is gone too: the exit code is all that is left
        }
        return ExitCodes.FAILURE;
    }

    /** The configured command line with every subcommand; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS);
    }

    /**
     * The command line that runs {@code args}: with only the subcommand named by their first argument, else (an option
     * first, no argument, {@code help}, an unknown word) with every one. picocli reads the annotations of every option
     * of every subcommand it is given, at every start (README, "Benchmark"); with the command first, it hands all the
     * other arguments to that command, so no other one could make a difference. An option before the command does
     * not: {@code --help ingest} prints the list of every command.
     */
    static CommandLine commandLine(String[] args) {
        Optional<Class<?>> named = commandName(args).flatMap(TlsAuditCommand::subcommandNamed);
        return named.filter(command -> command != CommandLine.HelpCommand.class)
                .map(command -> withSubcommands(List.of(command)))
                .orElseGet(TlsAuditCommand::commandLine);
    }

    /**
     * The command {@code args} run: their first argument, unless there is none or it is an option, which picocli reads
     * as one of the root's ({@code --help}, {@code --version}) before any command.
     */
    static Optional<String> commandName(String[] args) {
        return args.length == 0 || args[0].startsWith("-") ? Optional.empty() : Optional.of(args[0]);
    }

    /** The commands a user runs, for the message when none is given: "analyze, ingest, ... or schedule". */
    private static String commandNames() {
        List<String> names = SUBCOMMANDS.stream()
                .filter(command -> command != CommandLine.HelpCommand.class)
                .map(TlsAuditCommand::nameOf)
                .toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    private static Optional<Class<?>> subcommandNamed(String name) {
        return SUBCOMMANDS.stream()
                .filter(command -> nameOf(command).equals(name))
                .findFirst();
    }

    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        CommandLine commandLine = new CommandLine(new TlsAuditCommand());
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        return configure(commandLine);
    }

    /** Applies the settings every command line of this tool shares: error handling, enum spelling. */
    static CommandLine configure(CommandLine commandLine) {
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(TlsAuditCommand::handleFailure);
        commandLine.setParameterExceptionHandler(TlsAuditCommand::handleUsageError);
        return commandLine;
    }

    /** Expected failures print one line; a stack trace only with {@code --verbose}. */
    private static int handleFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (failure instanceof ConsoleStreams.OutputFailure output) {
            return outputFailed(output, err);
        }
        String message;
        if (failure instanceof StoreException || failure instanceof ExportFailure) {
            message = failure.getMessage();
        } else if (failure instanceof SQLException) {
            message = "SQL error: " + failure.getMessage();
        } else if (failure instanceof IOException) {
            message = "I/O error: " + failure.getMessage();
        } else {
            message = failure.toString();
        }
        ErrorOutput.println(err, "tlsaudit " + commandLine.getCommandName() + ": " + message);
        if (verboseRequested(parseResult)) {
            ErrorOutput.printStackTrace(err, failure);
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** {@code --verbose} belongs to the subcommands, so it is looked for at every level of the command line. */
    private static boolean verboseRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static int handleUsageError(CommandLine.ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        PrintWriter err = commandLine.getErr();
        ErrorOutput.println(err, "tlsaudit: " + error.getMessage());
        ErrorOutput.println(
                err, "Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage and examples.");
        err.flush();
        return ExitCodes.USAGE;
    }
}
