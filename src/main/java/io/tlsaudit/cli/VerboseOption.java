package io.tlsaudit.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How much goes to stderr: {@code --verbose} for every file and problem and stack traces on failure, {@code --quiet}
 * for no progress lines (warnings, errors and the ingest summary still come). The two exclude each other.
 */
public final class VerboseOption {

    boolean verbose;

    boolean quiet;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            description = "Print every file read or skipped, every problem, and stack traces on failure.")
    void verbose(boolean verbose) {
        if (verbose && quiet) {
            throw exclusive();
        }
        this.verbose = verbose;
    }

    @Option(
            names = {"-q", "--quiet"},
            description = "Print no progress lines while logs are read; warnings, errors and the ingest summary are"
                    + " still printed.")
    void quiet(boolean quiet) {
        if (quiet && verbose) {
            throw exclusive();
        }
        this.quiet = quiet;
    }

    private ParameterException exclusive() {
        return new ParameterException(spec.commandLine(), "--verbose and --quiet exclude each other; give one");
    }
}
