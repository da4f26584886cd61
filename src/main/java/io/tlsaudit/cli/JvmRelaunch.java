package io.tlsaudit.cli;

import io.tlsaudit.store.EngineLibrary;
import io.tlsaudit.store.StoreException;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the command again in a JVM started the way the command needs, for settings Java fixes at start-up and a
 * jar's manifest cannot carry:
 *
 * <ul>
 *   <li>a UTF-8 locale, when this JVM cannot name non-ASCII files. Java decodes file names with the locale's encoding:
 *       with {@code LANG} and {@code LC_ALL} unset (cron, systemd, {@code env -i}) it is ASCII, so a folder named
 *       {@code EX02-München} cannot even be opened;
 *   <li>the serial garbage collector for {@code ingest} and {@code analyze}, when the JVM was given no collector or
 *       heap size of its own. The default collector lets the heap grow far beyond what an ingest holds: measured on
 *       the benchmark share (1.2 GB, and 2.4 GB), peak RSS 777 and 958 MB with it, 430 and 437 MB with the serial
 *       one, for the same time. Any {@code -Xmx}, {@code -XX:MaxHeapSize}, {@code -XX:MaxRAM...} or
 *       {@code -XX:+Use...GC} given to {@code java} is kept instead;
 *   <li>for those commands, when the JVM is started again for one of the above, also the compiler settings of
 *       {@link #INGEST_COMPILER_OPTIONS}, each unless given. They are no reason to start it again by themselves: a
 *       JVM given its own collector or heap size, in a UTF-8 locale, runs the command as it is, without them;
 *   <li>the folder of DuckDB's native library on {@code java.library.path}, when the library could not be unpacked
 *       beside the jar (a folder the user cannot write) and went into the user's cache folder instead (see
 *       {@link EngineLibrary}).
 * </ul>
 *
 * The new JVM ends when this one is killed. The arguments are taken again from {@code /proc/self/cmdline}, as the bytes that were given, since this JVM may
 * have mangled them, and handed to the new JVM in a file (UTF-8), since this JVM would mangle them again on its
 * command line. Off Linux nothing is relaunched.
 */
final class JvmRelaunch {

    /** Set for the relaunched JVM: the file holding its arguments. */
    private static final String ARGUMENTS_FILE = "TLSAUDIT_RELAUNCH_ARGUMENTS";

    /**
     * Variables whose JVM options this JVM has already applied and passes on in the command line: given to the new
     * JVM a second time, an agent among them would be loaded twice and fail.
     */
    private static final List<String> JVM_OPTION_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private JvmRelaunch() {}

    /** True when file names are decoded as UTF-8. */
    static boolean fileNamesAreUtf8() {
        String encoding = System.getProperty("sun.jnu.encoding", "");
        return encoding.toUpperCase(Locale.ROOT).replace("-", "").equals("UTF8");
    }

    /** The commands that read logs, whose memory the collector decides. */
    private static final List<String> INGESTING_COMMANDS = List.of("ingest", "analyze");

    /**
     * Compiler settings for the commands that read logs. An ingest is short, and on 2 cores the JIT compiler took a
     * third of the machine for most of it: on the 1.2 GB benchmark share C2 spent 6.2-7.6 s of CPU in a 10-12 s run,
     * about 3 s of it compiling the parse and assemble loops again after a rare branch (a non-ASCII byte, a quoted
     * column) first came up in a later file. With traps for unseen branches off (they are compiled from the start)
     * and less inlining into the large loop methods, C2 takes 3.6-3.9 s, and the parsing runs no slower. Measured with
     * the serial collector, 4 runs of each alternated on 2026-12-01 (2 cores, load about 2): median 11.53 s and 19.5 s
     * of CPU with the defaults, 9.57 s and 15.0 s with these.
     */
    static final List<String> INGEST_COMPILER_OPTIONS =
            List.of("-XX:PerMethodTrapLimit=0", "-XX:FreqInlineSize=120", "-XX:MaxInlineLevel=4");

    private static final String IGNORE_UNRECOGNIZED = "-XX:+IgnoreUnrecognizedVMOptions";

    /** True when {@code args} run a command that reads logs; its help reads none, so it needs no second JVM. */
    private static boolean readsLogs(String[] args) {
        return TlsAuditCommand.commandName(args)
                        .filter(INGESTING_COMMANDS::contains)
                        .isPresent()
                && !asksForHelpOrVersion(args);
    }

    /**
     * True when {@code args} run a command that reads logs and the JVM was started without a collector or heap size of
     * its own.
     */
    static boolean wantsSerialCollector(String[] args, List<String> jvmArguments) {
        if (!readsLogs(args)) {
            return false;
        }
        return jvmArguments.stream()
                .noneMatch(argument -> argument.startsWith("-Xmx")
                        || argument.startsWith("-XX:MaxHeapSize")
                        || argument.startsWith("-XX:MaxRAM")
                        || (argument.startsWith("-XX:+Use") && argument.endsWith("GC")));
    }

    /**
     * The options a relaunched JVM gets besides those this one was given: for a command that reads logs, the serial
     * collector (see {@link #wantsSerialCollector}) and each of {@link #INGEST_COMPILER_OPTIONS} whose setting
     * {@code jvmArguments} does not give.
     */
    static List<String> addedOptions(String[] args, List<String> jvmArguments) {
        List<String> added = new ArrayList<>();
        if (wantsSerialCollector(args, jvmArguments)) {
            added.add("-XX:+UseSerialGC");
        }
        if (!readsLogs(args)) {
            return added;
        }
        List<String> compiler = new ArrayList<>();
        for (String option : INGEST_COMPILER_OPTIONS) {
            String setting = option.substring(0, option.indexOf('=') + 1);
            if (jvmArguments.stream().noneMatch(argument -> argument.startsWith(setting))) {
                compiler.add(option);
            }
        }
        // Tuning, not meaning: a later Java without one of these settings must still start the run. The last of two
        // settings wins, so one given to java is left to stand alone.
        if (!compiler.isEmpty()
                && jvmArguments.stream().noneMatch(argument -> argument.endsWith("IgnoreUnrecognizedVMOptions"))) {
            added.add(IGNORE_UNRECOGNIZED);
        }
        added.addAll(compiler);
        return added;
    }

    /**
     * The exit code of the command run again in a JVM with a UTF-8 locale, for an ingest the serial collector and
     * the compiler settings ({@link #addedOptions}), and the folder of DuckDB's native library on {@code
     * java.library.path} when it had to go there; empty when it should run here: none of these is needed, this is
     * the relaunched JVM, or a relaunch is not possible.
     */
    static Optional<Integer> ifNeeded(String[] args) {
        if (System.getenv(ARGUMENTS_FILE) != null) {
            return Optional.empty();
        }
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean utf8 = fileNamesAreUtf8();
        boolean serialCollector = wantsSerialCollector(args, jvmArguments);
        Optional<Path> libraryFolder = asksForHelpOrVersion(args) ? Optional.empty() : engineLibraryFolder();
        if (utf8 && !serialCollector && libraryFolder.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<String>> rawArgs = rawArguments(args.length);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (rawArgs.isEmpty() || !Files.isExecutable(Path.of(java))) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArguments);
        command.addAll(addedOptions(args, jvmArguments));
        libraryFolder.ifPresent(folder -> command.add(
                "-Djava.library.path=" + folder + File.pathSeparator + System.getProperty("java.library.path", "")));
        // The jar's manifest grants DuckDB native access only when started with -jar; this start uses -cp.
        if (Runtime.version().feature() >= 22
                && jvmArguments.stream().noneMatch(argument -> argument.startsWith("--enable-native-access"))) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TlsAuditCommand.class.getName());
        Path arguments;
        try {
            arguments = Files.createTempFile("tlsaudit-arguments-", ".txt");
            Files.writeString(arguments, String.join("\0", rawArgs.get()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        if (!utf8) {
            builder.environment().put("LC_ALL", "C.UTF-8");
        }
        JVM_OPTION_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().put(ARGUMENTS_FILE, arguments.toString());
        try {
            Process child = builder.start();
            // A scheduler that stops this JVM stops the one doing the work, which holds the database lock.
            Thread stopChild = new Thread(child::destroy);
            Runtime.getRuntime().addShutdownHook(stopChild);
            int exit = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopChild);
            return Optional.of(exit);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(ExitCodes.FAILURE);
        } finally {
            try {
                Files.deleteIfExists(arguments);
            } catch (IOException e) {
                // a temporary file; the system's cleaning takes it
            }
        }
    }

    /**
     * The options that print help or the version instead of running a command: picocli's standard help options, which
     * every command mixes in. Named here since this runs before picocli's model of the commands is built.
     */
    private static final List<String> HELP_OPTIONS = List.of("--help", "-h", "--version", "-V");

    /** True for a command line that only prints help or the version, which opens no database. */
    static boolean asksForHelpOrVersion(String[] args) {
        Optional<String> command = TlsAuditCommand.commandName(args);
        return command.isEmpty()
                || command.get().equals("help")
                || Arrays.stream(args).anyMatch(HELP_OPTIONS::contains);
    }

    /**
     * The folder DuckDB's native library had to be unpacked into, when the jar's own folder cannot be written and this
     * JVM lacks it on {@code java.library.path} (see {@link EngineLibrary}); empty otherwise, and when the library
     * cannot be unpacked at all, which the command opening a database then says.
     */
    private static Optional<Path> engineLibraryFolder() {
        try {
            return EngineLibrary.libraryPathFolder();
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    /**
     * In the relaunched JVM, ends it when the JVM that started it is gone: a SIGKILL of that one (a scheduler's hard
     * stop) runs no shutdown hook, and this one, holding the database lock, would run on alone.
     */
    static void stopWithParent() {
        if (System.getenv(ARGUMENTS_FILE) == null) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                .thenRun(() -> Runtime.getRuntime().halt(ExitCodes.FAILURE)));
    }

    /**
     * In the relaunched JVM, the arguments as given to the first one (from the file it wrote); else {@code args}.
     */
    static String[] arguments(String[] args) {
        String file = System.getenv(ARGUMENTS_FILE);
        if (file == null) {
            return args;
        }
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return text.isEmpty() ? new String[0] : text.split("\0", -1);
        } catch (IOException e) {
            return args;
        }
    }

    /** The last {@code count} arguments of this process as UTF-8, from the bytes the kernel kept; empty off Linux. */
    private static Optional<List<String>> rawArguments(int count) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
        List<String> all = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                all.add(new String(cmdline, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (all.size() < count) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(all.subList(all.size() - count, all.size())));
    }
}
