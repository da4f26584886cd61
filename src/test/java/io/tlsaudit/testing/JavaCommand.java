package io.tlsaudit.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs a main class of this build in a JVM of its own, as a scheduler would run the jar. */
public final class JavaCommand {

    private JavaCommand() {}

    /** {@code java [jvmOptions] -cp <test classpath> mainClass}. */
    public static List<String> of(List<String> jvmOptions, Class<?> mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // The jar's manifest grants DuckDB native access; a -cp start must say so itself, or Java 22+ warns.
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        return command;
    }
}
