package io.tlsaudit.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the command again in a JVM with a UTF-8 locale when this one cannot name non-ASCII files. Java decodes file
 * names with the locale's encoding, fixed at start-up: with {@code LANG} and {@code LC_ALL} unset (cron, systemd,
 * {@code env -i}) it is ASCII, so a folder named {@code EX02-München} cannot even be opened. The arguments are taken
 * again from {@code /proc/self/cmdline}, as the bytes that were given, since this JVM has already mangled them, and
 * handed to the new JVM in a file (UTF-8), since this JVM would mangle them again on its command line.
 */
final class Utf8Relaunch {

    /** Set for the relaunched JVM: the file holding its arguments. */
    private static final String ARGUMENTS_FILE = "TLSAUDIT_UTF8_ARGUMENTS";

    private Utf8Relaunch() {}

    /** True when file names are decoded as UTF-8. */
    static boolean fileNamesAreUtf8() {
        String encoding = System.getProperty("sun.jnu.encoding", "");
        return encoding.toUpperCase(Locale.ROOT).replace("-", "").equals("UTF8");
    }

    /**
     * The exit code of the command run again under {@code LC_ALL=C.UTF-8}, or empty when it should run here: file
     * names are UTF-8 already, this is the relaunched JVM, or a relaunch is not possible.
     */
    static Optional<Integer> ifNeeded(String[] args) {
        if (fileNamesAreUtf8() || System.getenv(ARGUMENTS_FILE) != null) {
            return Optional.empty();
        }
        Optional<List<String>> rawArgs = rawArguments(args.length);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (rawArgs.isEmpty() || !Files.isExecutable(Path.of(java))) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(jvmArguments);
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
        builder.environment().put("LC_ALL", "C.UTF-8");
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
