package io.tlsaudit.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: every file and problem, and stack traces on failure. */
public final class VerboseOption {
    @Option(
            names = {"-v", "--verbose"},
            description = "Print every file read or skipped, every problem, and stack traces on failure.")
    boolean verbose;
}
